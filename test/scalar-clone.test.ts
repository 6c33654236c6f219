/**
 * Scalar clones (transport/scalar-clone.ts) must be v8.serialize's own bytes, so either end may
 * decode either way, and decode as v8.deserialize does.
 */
import * as assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { decodeClone, encodeClone } from '../runtime/rank/transport/scalar-clone.js';

const SCALARS: unknown[] = [
  undefined, null, true, false, 0, 1, -1, 63, 64, -64, -65, 1.5, -0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1,
  NaN, Infinity, -Infinity, 1e300, 5e-324, 123456789, 'hi', '', 'é', 'x'.repeat(256), 'Āb', 'x'.repeat(300),
];

describe('scalar clones', () => {
  it('are the bytes v8.serialize writes, and decode as v8.deserialize does', () => {
    for (const v of SCALARS) {
      assert.deepEqual(Buffer.from(encodeClone(v)), serialize(v), `encoding ${String(v)}`);
      assert.ok(Object.is(decodeClone(serialize(v)), v), `decoding ${String(v)}`);
    }
  });

  it('leave everything else to v8', () => {
    const values = [{ a: 1 }, [1, 'two'], new Map([[1, 2]]), 10n, new Float64Array([1.5]), new Date(0)];
    for (const v of values) assert.deepEqual(decodeClone(encodeClone(v)), deserialize(serialize(v)));
  });
});
