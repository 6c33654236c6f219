/**
 * Messages as arrows from the send to the receive. Each lane pair's messages are sorted by send, so
 * the messages starting in one bucket of a few pixels are counted by binary search and drawn as one
 * arrow (thicker, labelled ×count where there is room): a frame costs the buckets on screen, not
 * the messages. Arrows that start before the window and end in it are found through per-block
 * latest receives, so a zoomed-in frame does not walk the whole run before the window.
 */
import type { DrawnArrow, Frame } from './frame.js';
import { lowerBound, upperBound } from './growable.js';
import type { MessageIndex } from './message-index.js';
import { BLOCK, type PairIndex } from './pair-index.js';
import { indexOffset } from './positions.js';

/** Messages whose sends lie within this many pixels share one arrow. */
const BUCKET_PX = 3;
/**
 * A pair with more messages in the window than could be drawn 6 px apart on average gets one arrow
 * per 16 px instead, each labelled with its count (where there is room): a readable ladder, not a
 * smear of hairlines.
 */
const SPARSE_PX = 6;
const DENSE_PX = 16;
/** Beyond this many bundles on screen, buckets widen further (hundreds of lane pairs). */
const MAX_BUNDLES = 1500;
/** A count label needs this much room along time since the pair's previous one (text is the dearest thing to paint). */
const LABEL_PX = 64;
/** Arrowheads of a lane pair at least this far apart along time (closer ones would be a smear). */
const HEAD_PX = 8;
/** Arrows kept for hit testing. */
const MAX_DRAWN = 20000;

interface Pass {
  fr: Frame;
  /** The window in the index's units. */
  a: number;
  b: number;
  off: number;
  bucketPx: number;
  lastLabel: number;
  lastHead: number;
  /** The current pair's lane centres. */
  from: number;
  to: number;
  /** This frame's line groups by width. */
  lines: number[][];
  out: DrawnArrow[];
}

export function drawArrows(fr: Frame, msgs: MessageIndex): DrawnArrow[] {
  const { m, v } = fr;
  const off = indexOffset(m, v.timeMode);
  const pass: Pass = { fr, a: v.a + off, b: v.b + off, off, bucketPx: BUCKET_PX, lastLabel: -Infinity, lastHead: -Infinity, from: 0, to: 0, lines: [], out: [] };
  const shown = msgs.pairs.filter((q) => fr.slot[q.from] >= 0 && fr.slot[q.to] >= 0 && q.size > 0);
  const inView = shown.map((q) => upperBound(q.keys.a, 0, q.size, pass.b) - lowerBound(q.keys.a, 0, q.size, pass.a));
  const crowd = (inView.filter((c) => c > 0).length * v.span) / MAX_BUNDLES;
  shown.forEach((q, i) => {
    pass.bucketPx = Math.max(inView[i] * SPARSE_PX > v.span ? DENSE_PX : BUCKET_PX, crowd);
    pass.lastLabel = pass.lastHead = -Infinity;
    pass.from = v.laneCenter(fr.slot[q.from], fr.n);
    pass.to = v.laneCenter(fr.slot[q.to], fr.n);
    crossingIn(pass, q);
    inWindow(pass, q);
  });
  return pass.out;
}

/** Sends before the window whose receive is in or after it, bundled by bucket like the rest. */
function crossingIn(pass: Pass, q: PairIndex): void {
  const start = lowerBound(q.keys.a, 0, q.size, pass.a - q.maxLatency);
  const stop = lowerBound(q.keys.a, start, q.size, pass.a);
  let first = -1, count = 0, bucket = NaN;
  for (let j = start; j < stop; j++) {
    if (j % BLOCK === 0 && q.blockEnd.a[j / BLOCK] < pass.a) {
      j += BLOCK - 1;
      continue;
    }
    if (q.ends.a[j] < pass.a) continue;
    const b = bucketOf(pass, q.keys.a[j]);
    if (b === bucket) {
      count++;
      continue;
    }
    if (first >= 0) emit(pass, q, first, count);
    first = j;
    count = 1;
    bucket = b;
  }
  if (first >= 0) emit(pass, q, first, count);
}

/** Sends in the window: one arrow per non-empty bucket, its count a difference of indices. */
function inWindow(pass: Pass, q: PairIndex): void {
  const { v } = pass.fr;
  let j = lowerBound(q.keys.a, 0, q.size, pass.a);
  const hi = upperBound(q.keys.a, j, q.size, pass.b);
  while (j < hi) {
    const b = bucketOf(pass, q.keys.a[j]);
    const bucketEnd = v.pxToTime(v.origin + (b + 1) * pass.bucketPx) + pass.off;
    const e = Math.max(lowerBound(q.keys.a, j + 1, hi, bucketEnd), j + 1);
    emit(pass, q, j, e - j);
    j = e;
  }
}

function bucketOf(pass: Pass, key: number): number {
  const { v } = pass.fr;
  return Math.floor((v.timeToPx(key - pass.off) - v.origin) / pass.bucketPx);
}

/** One arrow for `count` messages of pair q from index j on, drawn from the first of them. */
function emit(pass: Pass, q: PairIndex, j: number, count: number): void {
  const { v, p, layer, n } = pass.fr;
  const q0 = v.timeToPx(q.keys.a[j] - pass.off), q1 = v.timeToPx(q.ends.a[j] - pass.off);
  const down = v.orientation === 'down';
  const x0 = down ? pass.from : q0, y0 = down ? q0 : pass.from;
  const x1 = down ? pass.to : q1, y1 = down ? q1 : pass.to;
  // A handful of widths, so all arrows of a width share one path; a single message gets a 1 px
  // line, which chromium strokes many times faster than any wider one (a hairline).
  const width = count > 1 ? Math.min(1 + Math.ceil(Math.log2(count)), 5) : 1;
  (pass.lines[width] ??= layer.lines(p.arrow, width)).push(x0, y0, x1, y1);
  if (Math.abs(q1 - pass.lastHead) >= HEAD_PX) {
    pass.lastHead = q1;
    head((pass.lines[1] ??= layer.lines(p.arrow, 1)), x0, y0, x1, y1);
  }
  if (count > 1 && Math.abs(q0 - pass.lastLabel) >= LABEL_PX && v.laneWidth(n) >= 40) {
    pass.lastLabel = q0;
    // In the text colour: the chart green is legible as a line, not always as small text.
    layer.text(`×${count}`, (x0 + x1) / 2 + 3, (y0 + y1) / 2 - 3, p.foreground);
  }
  if (pass.out.length < MAX_DRAWN) pass.out.push({ x0, y0, x1, y1, msg: q.msgs.a[j] });
}

const COS = Math.cos(0.4), SIN = Math.sin(0.4);

/**
 * An open 8 px arrowhead at (x1, y1) pointing along the line from (x0, y0): two strokes 0.4 rad
 * off it, pushed as lines (UML's head for a message; and strokes paint far faster than fills).
 */
export function head(lines: number[], x0: number, y0: number, x1: number, y1: number): void {
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const ux = (8 * (x1 - x0)) / len, uy = (8 * (y1 - y0)) / len;
  lines.push(x1, y1, x1 - (ux * COS + uy * SIN), y1 - (uy * COS - ux * SIN), x1, y1, x1 - (ux * COS - uy * SIN), y1 - (uy * COS + ux * SIN));
}
