/**
 * The frame's scaffolding: time grid lines with their labels, and each lane's lifeline and name.
 */
import type { Frame } from './frame.js';
import { HEADER, LABELS } from './viewport.js';

export function drawGrid(fr: Frame): void {
  const { v, p, layer } = fr;
  const step = niceStep((v.b - v.a) / 8);
  const lines = layer.lines(p.lifeline, 1, 0.5);
  for (let t = Math.ceil(v.a / step) * step; t <= v.b; t += step) {
    const q = Math.round(v.timeToPx(t)) + 0.5;
    const label = v.timeMode === 'wall' ? formatMicros(t) : `${Math.round(t)}`;
    if (v.orientation === 'down') {
      lines.push(0, q, v.width, q);
      layer.text(label, 4, q - 3, p.muted);
    } else {
      lines.push(q, HEADER, q, v.height);
      layer.text(label, q + 3, HEADER - 4, p.muted);
    }
  }
}

export function drawLifelines(fr: Frame, lanes: number[]): void {
  const { m, v, p, layer } = fr;
  const lines = layer.lines(p.lifeline, 1);
  lanes.forEach((r, i) => {
    const c = Math.round(v.laneCenter(i, lanes.length)) + 0.5;
    const [x0, y0] = v.xy(c, v.origin);
    const [x1, y1] = v.xy(c, v.origin + v.span + 8);
    lines.push(x0, y0, x1, y1);
    const name = m.names[r] ?? `rank ${r}`;
    if (v.orientation === 'down') layer.text(name, c, HEADER - 10, p.foreground, v.laneWidth(lanes.length) - 4, true);
    else layer.text(name, 4, c + 4, p.foreground, LABELS - 8);
  });
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
