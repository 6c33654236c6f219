/**
 * What part of the run is on screen and how it maps to pixels: a time window along one axis (down
 * by default, or across), lanes along the other, wall-clock or logical (Lamport) time.
 */
import type { TraceModel } from './model.js';

export type Orientation = 'down' | 'across';
export type TimeMode = 'wall' | 'logical';

/** Room for the lane names. */
export const HEADER = 28;
export const LABELS = 90;
/**
 * Room for the time labels left of the first lane when time runs down: over the lane they hid
 * rank 0's calls (and a chip under them hid the calls more).
 */
export const TIME_GUTTER = 60;

export class Viewport {
  orientation: Orientation = 'down';
  timeMode: TimeMode = 'wall';
  /** The visible time window, in the current mode's units (µs from the first event, or ticks). */
  a = 0;
  b = 1;
  width = 800;
  height = 600;
  /** Keep the newest events in view while the run goes on. */
  follow = true;

  /** The extent of the whole run in the current mode's units. */
  extent(m: TraceModel): number {
    if (this.timeMode === 'logical') return Math.max(m.lMax + 1, 1);
    return Math.max(m.tMax - m.tMin + m.openTail, 1);
  }

  fit(m: TraceModel): void {
    const e = this.extent(m);
    this.a = -e * 0.02;
    this.b = e * 1.02;
  }

  /** Pixels along the time axis available for drawing. */
  get span(): number {
    return Math.max((this.orientation === 'down' ? this.height - HEADER : this.width - LABELS) - 8, 10);
  }

  get origin(): number {
    return this.orientation === 'down' ? HEADER : LABELS;
  }

  timeToPx(t: number): number {
    return this.origin + ((t - this.a) / (this.b - this.a)) * this.span;
  }

  pxToTime(p: number): number {
    return this.a + ((p - this.origin) / this.span) * (this.b - this.a);
  }

  /** Where the first lane begins across the lane axis. */
  get laneStart(): number {
    return this.orientation === 'down' ? TIME_GUTTER : HEADER;
  }

  /** Centre of lane i (of n visible) across the lane axis. */
  laneCenter(i: number, n: number): number {
    return this.laneStart + this.laneWidth(n) * (i + 0.5);
  }

  laneWidth(n: number): number {
    const room = this.orientation === 'down' ? this.width - TIME_GUTTER : this.height - HEADER;
    return Math.max(room, 1) / Math.max(n, 1);
  }

  /** A point from (lane position, time position) to canvas x, y. */
  xy(lanePx: number, timePx: number): [number, number] {
    return this.orientation === 'down' ? [lanePx, timePx] : [timePx, lanePx];
  }

  zoomAt(factor: number, atPx: number): void {
    const t = this.pxToTime(atPx);
    this.a = t - (t - this.a) * factor;
    this.b = t + (this.b - t) * factor;
    this.follow = false;
  }

  panBy(fraction: number): void {
    const d = (this.b - this.a) * fraction;
    this.a += d;
    this.b += d;
    this.follow = false;
  }
}
