/**
 * The time axis: whatever the zoom, neighbouring grid labels differ (zoomed in to a fraction of a
 * microsecond they gained no decimals and read "0 µs 0 µs 1 µs"; logical time read "1 1 2 2").
 */
import { strict as assert } from 'node:assert';
import { formatTick, ticks } from '../../webview/sequence/grid.js';

function labels(a: number, b: number, timeMode: 'wall' | 'logical'): string[] {
  return ticks({ a, b, timeMode, timeToPx: (t) => t }).map(([, s]) => s);
}

describe('time axis labels', () => {
  it('differ from their neighbours at every zoom, wall-clock and logical', () => {
    for (const [a, b] of [[0, 3], [0, 0.4], [1000, 1003], [999_990, 1_000_020], [0, 20], [5e6, 5e6 + 7], [12, 1e7]]) {
      for (const mode of ['wall', 'logical'] as const) {
        const got = labels(a, b, mode);
        assert.ok(got.length >= 1, `${mode} ${a}…${b}: no tick`);
        for (let i = 1; i < got.length; i++) assert.notEqual(got[i], got[i - 1], `${mode} ${a}…${b}: ${got.join(' ')}`);
      }
    }
  });

  it('use the unit of the time and only the decimals the step needs', () => {
    assert.equal(formatTick(1200, 200), '1.2 ms');
    assert.equal(formatTick(2000, 1000), '2 ms');
    assert.equal(formatTick(0.5, 0.5), '0.5 µs');
    assert.equal(formatTick(1_000_250, 50), '1.00025 s');
    assert.equal(formatTick(40, 10), '40 µs');
    assert.deepEqual(labels(0, 3, 'logical'), ['0', '1', '2', '3']);
  });
});
