/**
 * Where an op starts and ends along the time axis, in the view's units: µs from the first event
 * (wall time) or Lamport ticks (logical time). Shared by drawing, hit testing and the test hooks.
 */
import type { TraceModel } from './model.js';
import type { TimeMode } from './viewport.js';

export function opStart(m: TraceModel, mode: TimeMode, k: number): number {
  return mode === 'wall' ? m.t0.a[k] - m.tMin : m.l0.a[k];
}

/** A call that never ended reaches the end of what is known (plus the open tail in wall time). */
export function opEnd(m: TraceModel, mode: TimeMode, k: number): number {
  if (mode === 'wall') return m.endOf(k) - m.tMin;
  const l = m.l1.a[k];
  return l === 0 ? m.lMax + 1 : l;
}

/**
 * opStart as a function specialised for one frame, for the binary searches that call it a
 * thousand times a frame (no mode test, no method call per step).
 */
export function startOf(m: TraceModel, mode: TimeMode): (k: number) => number {
  const t0 = m.t0.a, l0 = m.l0.a, tMin = m.tMin;
  return mode === 'wall' ? (k) => t0[k] - tMin : (k) => l0[k];
}

/**
 * The window that shows a deadlock: from a little before the first call still blocked in it to
 * past the end of the run (undefined when none of its ranks has an open call).
 */
export function deadlockWindow(m: TraceModel, mode: TimeMode, extent: number, ranks: Set<number>): [number, number] | undefined {
  let first = Infinity;
  for (let k = 0; k < m.ops; k++) if (ranks.has(m.rank.a[k]) && m.t1.a[k] === Infinity) first = Math.min(first, opStart(m, mode, k));
  return first === Infinity ? undefined : [first - (extent - first) * 0.15, extent + (extent - first) * 0.1 + 1];
}

/** What the message index stores for a view unit (it keeps absolute µs, which never shift). */
export function indexOffset(m: TraceModel, mode: TimeMode): number {
  return mode === 'wall' ? m.tMin : 0;
}
