/**
 * What is under the pointer: the call (box) on the lane at that time, within a few pixels, or else
 * the message (arrow) nearest to it.
 */
import type { Filters } from './filters.js';
import { lowerBound } from './growable.js';
import type { TraceModel } from './model.js';
import { opEnd, opStart } from './positions.js';
import type { Renderer } from './renderer.js';
import type { Viewport } from './viewport.js';

const SLOP_PX = 4;

export function hitTest(m: TraceModel, v: Viewport, f: Filters, r: Renderer, x: number, y: number): { op: number; recv?: number } | undefined {
  const [lanePx, timePx] = v.orientation === 'down' ? [x, y] : [y, x];
  const lanes = f.visibleLanes(m);
  const i = Math.floor((lanePx - v.laneStart) / v.laneWidth(lanes.length));
  const near = Math.abs(lanePx - v.laneCenter(i, lanes.length)) < Math.max(v.laneWidth(lanes.length) * 0.2, 8);
  if (near && i >= 0 && i < lanes.length) {
    const op = opAt(m, v, f, lanes[i], v.pxToTime(timePx - SLOP_PX), v.pxToTime(timePx + SLOP_PX));
    if (op !== undefined) return { op };
  }
  let best: { op: number; recv: number } | undefined;
  let bestD = SLOP_PX;
  for (const a of r.arrowsDrawn) {
    const d = distanceToSegment(x, y, a.x0, a.y0, a.x1, a.y1);
    if (d < bestD) {
      bestD = d;
      best = { op: m.msgSend.a[a.msg], recv: m.msgRecv.a[a.msg] };
    }
  }
  return best;
}

function opAt(m: TraceModel, v: Viewport, f: Filters, rank: number, t0: number, t1: number): number | undefined {
  const lane = m.lanes[rank];
  if (!lane) return undefined;
  const j = lowerBound(lane.a, 0, lane.n, t1, (q) => opStart(m, v.timeMode, lane.a[q]));
  for (let q = j - 1; q >= 0 && q >= j - 8; q--) {
    const k = lane.a[q];
    if (opEnd(m, v.timeMode, k) >= t0 && f.showsOp(m, k)) return k;
  }
  return undefined;
}

function distanceToSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0, dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}
