/**
 * The frame's scaffolding: time grid lines with their labels, and each lane's lifeline and name.
 */
import type { Frame } from './frame.js';
import { HEADER, LABELS, type Viewport } from './viewport.js';

/** The grid's lines, drawn first: everything else lies over them. */
export function drawGrid(fr: Frame): void {
  const { v, p, layer } = fr;
  const lines = layer.lines(p.lifeline, 1, 0.5);
  for (const [q] of ticks(v)) {
    if (v.orientation === 'down') lines.push(0, q, v.width, q);
    else lines.push(q, HEADER, q, v.height);
  }
}

/**
 * The grid's time labels, drawn last. Time running down, they sit in the gutter left of the first
 * lane (viewport.ts), on a chip of the background in case a long label reaches past it.
 */
export function drawTimeLabels(fr: Frame): void {
  const { v, p, layer } = fr;
  for (const [q, label] of ticks(v)) {
    if (v.orientation === 'down') layer.text(label, 4, q - 3, p.muted, undefined, false, p.background);
    else layer.text(label, q + 3, HEADER - 4, p.muted);
  }
}

/**
 * Each grid line's position (px along time) and label: about eight, at round times, each label
 * different from its neighbours (zoomed in past a microsecond, labels gain decimals; logical time
 * has no half steps).
 */
export function ticks(v: Pick<Viewport, 'a' | 'b' | 'timeMode' | 'timeToPx'>): [number, string][] {
  const logical = v.timeMode !== 'wall';
  const step = logical ? Math.max(1, niceStep((v.b - v.a) / 8)) : niceStep((v.b - v.a) / 8);
  const out: [number, string][] = [];
  for (let k = Math.ceil(v.a / step); k * step <= v.b; k++) {
    const t = k * step;
    out.push([Math.round(v.timeToPx(t)) + 0.5, logical ? `${Math.round(t)}` : formatTick(t, step)]);
  }
  return out;
}

/** `t` (µs) in the unit its size calls for, with as many decimals as `step` needs to show. */
export function formatTick(t: number, step: number): string {
  const [scale, unit] = Math.abs(t) >= 1e6 ? [1e6, 's'] : Math.abs(t) >= 1e3 ? [1e3, 'ms'] : [1, 'µs'];
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step / scale) - 1e-9)));
  return `${(t / scale).toFixed(decimals)} ${unit}`;
}

export function drawLifelines(fr: Frame, lanes: number[]): void {
  const { m, v, p, layer } = fr;
  const lines = layer.lines(p.lifeline, 1);
  lanes.forEach((r, i) => {
    const c = Math.round(v.laneCenter(i, lanes.length)) + 0.5;
    const [x0, y0] = v.xy(c, v.origin);
    const [x1, y1] = v.xy(c, v.origin + v.span + 8);
    lines.push(x0, y0, x1, y1);
    // `rank 5 @ node003` (ranks on several hosts) takes two lines: squeezed onto one, neighbouring
    // lanes' names run into each other.
    const [who, host] = splitHost(m.names[r] ?? `rank ${r}`);
    const label: [string, number, string][] = host ? [[who, -6, p.foreground], [host, 6, p.muted]] : [[who, 0, p.foreground]];
    for (const [text, dy, color] of label) {
      if (v.orientation === 'down') layer.text(text, c, HEADER - 10 + dy, color, v.laneWidth(lanes.length) - 4, true);
      else layer.text(text, 4, c + 4 + dy, color, LABELS - 8);
    }
  });
}

/** `rank 5 @ node003` → [`rank 5`, `node003`]; a name without a host → [name, undefined]. */
export function splitHost(name: string): [string, string | undefined] {
  const at = name.lastIndexOf(' @ ');
  return at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 3)];
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const k of [1, 2, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

export function formatMicros(us: number): string {
  if (Math.abs(us) >= 1e6) return `${(us / 1e6).toFixed(2)} s`;
  if (Math.abs(us) >= 1e3) return `${(us / 1e3).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}
