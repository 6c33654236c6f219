/**
 * One lane's calls as boxes. Only the window is visited (the lane is searched by start), and calls
 * narrower than a pixel merge into one run: after such a call the walk jumps, by binary search, to
 * the first call past the next pixel, so a zoomed-out lane costs one search per pixel it covers,
 * not one step per call. A run has the plain call colour: the calls it stands for are not all
 * visited, and colouring it by those that were would depend on which fell on pixel edges.
 */
import type { Frame } from './frame.js';
import { gallop, lowerBound } from './growable.js';
import { BLOCKING, COLLECTIVE } from './model.js';
import { opEnd, startOf } from './positions.js';
import type { Viewport } from './viewport.js';

/** Category of a call for colouring: 0 computing (plain call), 1 blocked, 2 collective. */
function kindOf(flags: number): number {
  return flags & COLLECTIVE ? 2 : flags & BLOCKING ? 1 : 0;
}

/** `stuck`: the rank is in the deadlock, so its open blocking call is drawn red. */
export function drawLane(fr: Frame, r: number, i: number, stuck: boolean): void {
  const { m, v, p, f, layer } = fr;
  const idx = m.lanes[r];
  if (!idx) return; // a process that has made no traced call yet
  const c = v.laneCenter(i, fr.n);
  const w = Math.min(Math.max(v.laneWidth(fr.n) * 0.28, 4), 28);
  const mode = v.timeMode;
  const start = startOf(m, mode);
  const lane = idx.a;
  const key = (j: number): number => start(lane[j]);
  const merged = layer.rects(p.box);
  // Start one call early: it may have begun before the window and still be running in it.
  let j = Math.max(lowerBound(lane, 0, idx.n, v.a, key) - 1, 0);
  let runStart = NaN, runEnd = NaN;
  // Where this lane's last label sits along time: a call that starts a few pixels after another
  // (a neighbour collective's parts) would print its label over that one's, an unreadable smear.
  const labels = { last: -Infinity };
  const flush = (): void => {
    if (Number.isNaN(runStart)) return;
    rect(merged, v, c, w, runStart, Math.max(runEnd, runStart + 1));
    runStart = runEnd = NaN;
  };
  while (j < idx.n) {
    const k = lane[j];
    const t0 = start(k);
    if (t0 > v.b) break;
    const t1 = opEnd(m, mode, k);
    // A call begun before the window starts at the window's edge, not over the lane names; it gets
    // no label there (the label would sit on the first time label, and the call began off screen).
    const begunBefore = v.timeToPx(t0) < v.origin - 1;
    const p0 = Math.max(v.timeToPx(t0), v.origin - 1), p1 = v.timeToPx(t1);
    j++;
    if (t1 < v.a || !f.showsOp(m, k)) continue;
    const red = stuck && m.t1.a[k] === Infinity && (m.flags.a[k] & BLOCKING) !== 0;
    if (p1 - p0 < 1 && !red && k !== fr.selected) {
      if (!Number.isNaN(runStart) && p0 <= runEnd + 1) runEnd = Math.max(runEnd, p1);
      else {
        flush();
        runStart = p0;
        runEnd = p1;
      }
      // Skip everything that would land in this same pixel.
      const next = gallop(lane, j, idx.n, v.pxToTime(runEnd + 1), key);
      // Calls on one lane follow each other, so only the last one skipped over can be long: keep it.
      j = Math.max(j, next - 1);
      continue;
    }
    flush();
    box(fr, k, c, w, p0, p1, red, begunBefore ? null : labels);
  }
  flush();
}

/** Labels along one lane closer than this along time would overlap (one line of text and a gap). */
const LABEL_GAP_PX = 14;

/** `labels` is null for a box that gets no label. */
function box(fr: Frame, k: number, c: number, w: number, p0: number, p1: number, red: boolean, labels: { last: number } | null): void {
  const { m, v, p, layer } = fr;
  const colour = red ? p.red : [p.box, p.blocked, p.collective][kindOf(m.flags.a[k])];
  const end = Math.max(p1, p0 + 1.5);
  // Opaque: a theme's chart colours are chosen to stand out from its background at full strength
  // (light themes' yellow only just reaches 3:1), not thinned.
  rect(layer.rects(colour), v, c, w, p0, end);
  if (k === fr.selected) {
    const [x, y, bw, bh] = rectXY(v, c, w + 4, p0 - 2, end + 2);
    const sel = layer.lines(p.selection, 2);
    sel.push(x, y, x + bw, y, x + bw, y, x + bw, y + bh, x + bw, y + bh, x, y + bh, x, y + bh, x, y);
  }
  const len = p1 - p0;
  const crowded = labels !== null && v.orientation === 'down' && p0 - labels.last < LABEL_GAP_PX;
  // Time running down, a label has the room from its box to the next lane's box (beyond, it would
  // print over the neighbour's own labels), and in the last lane to the canvas's edge.
  const room = v.orientation === 'down' ? Math.min(v.laneWidth(fr.n) - w - 6, v.width - (c + w / 2 + 3) - 2) : len - 4;
  if (labels && len > 14 && !crowded && room > 40) {
    labels.last = p0;
    const label = m.str(m.field(k, 'text'));
    const [x, y] = v.orientation === 'down' ? [c + w / 2 + 3, p0 + 11] : [p0 + 3, c - w / 2 - 3];
    layer.text(label, x, y, p.foreground, room);
  }
}

/** A box across the lane (centre c, width w) from p0 to p1 along time, as canvas x, y, w, h. */
export function rectXY(v: Viewport, c: number, w: number, p0: number, p1: number): [number, number, number, number] {
  return v.orientation === 'down' ? [c - w / 2, p0, w, p1 - p0] : [p0, c - w / 2, p1 - p0, w];
}

function rect(out: number[], v: Viewport, c: number, w: number, p0: number, p1: number): void {
  if (v.orientation === 'down') out.push(c - w / 2, p0, w, p1 - p0);
  else out.push(p0, c - w / 2, p1 - p0, w);
}
