import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type * as net from 'node:net';
import { readBulkControl, writeBulkControl } from '../runtime/rank/transport/bulk-frames.js';
import type { TypedArray } from '../runtime/rank/transport/dtypes.js';

/** The bytes `writeBulkControl` would send, recorded instead of sent. */
function written(msgs: unknown[], isBulk: (v: unknown) => v is TypedArray): Buffer {
  const parts: Uint8Array[] = [];
  const socket = { cork() {}, uncork() {}, write: (b: Uint8Array) => parts.push(Buffer.from(b)) };
  for (const m of msgs) writeBulkControl(socket as unknown as net.Socket, m, isBulk);
  return Buffer.concat(parts);
}

/** What `readBulkControl` makes of `bytes` arriving in pieces of `piece` bytes. */
function read(bytes: Buffer, piece: number): unknown[] {
  const socket = new EventEmitter();
  const got: unknown[] = [];
  readBulkControl(socket as unknown as net.Socket, (m) => got.push(m));
  for (let at = 0; at < bytes.length; at += piece) socket.emit('data', bytes.subarray(at, at + piece));
  return got;
}

describe('bulk control frames', () => {
  const ints = Int32Array.from({ length: 5000 }, (_, i) => i * 7 - 3);
  const doubles = Float64Array.from({ length: 3000 }, (_, i) => i / 3);
  const small = new Float32Array([1.5, 2.5]);
  const buf = Buffer.from('a Buffer stays a Buffer');
  const msgs = [
    { t: 'batch', chunks: [{ id: 1, items: ints, star: false }, { id: 2, items: [small, buf, 'x', -0], star: true }] },
    { t: 'plain', n: 3 },
    { t: 'results', results: [{ id: 2, results: doubles }, { id: 3, results: ints.subarray(10, 20) }] },
  ];
  const bulk = new Set<unknown>([ints, doubles]);
  const isBulk = (v: unknown): v is TypedArray => bulk.has(v);

  it('round-trips messages with bulk and inline arrays, however the bytes are split', () => {
    const bytes = written(msgs, isBulk);
    for (const piece of [1, 7, 4096, 65536, bytes.length]) {
      const got = read(bytes, piece) as typeof msgs;
      assert.deepEqual(got, msgs, `pieces of ${piece} bytes`);
      assert.ok(Buffer.isBuffer((got[0] as any).chunks[1].items[1]));
      assert.ok(Object.is((got[0] as any).chunks[1].items[3], -0));
    }
  });

  it('sends bulk arrays beside the message, not inside it: each arrives in memory of its own', () => {
    const inline = written(msgs, (_v): _v is TypedArray => false);
    const beside = written(msgs, isBulk);
    // Same bytes of data either way, plus one frame header per bulk array.
    assert.ok(Math.abs(beside.length - inline.length) < 200, `${beside.length} vs ${inline.length}`);
    const got = read(beside, 1000) as any[];
    const arrived = got[0].chunks[0].items as Int32Array;
    assert.equal(arrived.byteOffset, 0);
    assert.equal(arrived.buffer.byteLength, ints.byteLength);
  });
});
