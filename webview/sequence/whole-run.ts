/**
 * The whole run as one picture, whatever the window on screen shows: an offscreen canvas long
 * enough along time that the busiest lane's calls stay apart, wide enough that every lane's name
 * fits, drawn by a renderer of its own (the one on screen keeps its selection and its caches).
 */
import type { DeadlockReport } from '../../runtime/contract/run.js';
import type { Filters } from './filters.js';
import type { MessageIndex } from './message-index.js';
import type { TraceModel } from './model.js';
import { Renderer } from './renderer.js';
import type { Palette } from './theme.js';
import { HEADER, LABELS, TIME_GUTTER, Viewport } from './viewport.js';

/** Pixels along time per call of the busiest lane: a call box and its label stay legible. */
const PER_CALL = 22;
/** Pixels across per lane, so names and labels do not run into each other. */
const PER_LANE = 120;
/** Chromium refuses canvases past 16,384 device pixels on a side; keep well inside. */
const MAX_SIDE = 12000;

/** The size (CSS px) of the whole-run picture of `m` in the orientation of `on`. */
export function wholeRunSize(m: TraceModel, on: Viewport, lanes: number, dpr: number): { width: number; height: number } {
  const busiest = m.lanes.reduce((most, lane) => Math.max(most, lane.n), 0);
  const cap = Math.floor(MAX_SIDE / dpr);
  const along = Math.min(cap, Math.max(busiest * PER_CALL, on.span));
  const across = Math.min(cap, Math.max(lanes * PER_LANE, on.orientation === 'down' ? on.width - TIME_GUTTER : on.height - HEADER));
  return on.orientation === 'down'
    ? { width: across + TIME_GUTTER, height: along + HEADER + 8 }
    : { width: along + LABELS + 8, height: across + HEADER };
}

/**
 * A PNG data: URL of the whole run, drawn with the filters, time mode, collective traffic and wait
 * states the screen's renderer `like` shows.
 */
export function wholeRunPng(like: Renderer, m: TraceModel, on: Viewport, p: Palette, f: Filters, msgs: MessageIndex, deadlock: DeadlockReport | undefined): string {
  const dpr = window.devicePixelRatio || 1;
  const v = new Viewport();
  v.orientation = on.orientation;
  v.timeMode = on.timeMode;
  const size = wholeRunSize(m, on, f.visibleLanes(m).length, dpr);
  [v.width, v.height] = [size.width, size.height];
  v.fit(m);
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [Math.round(size.width * dpr), Math.round(size.height * dpr)];
  const r = new Renderer(canvas);
  r.collectiveTraffic = like.collectiveTraffic;
  r.waits.show(like.waits.report);
  r.draw(m, v, p, f, msgs, deadlock);
  return canvas.toDataURL('image/png');
}
