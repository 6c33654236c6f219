/**
 * The run's critical path drawn over the lifelines: a heavy line beside each process's lane for
 * the stretch of it that was on the path, and a connector where the path jumps from a process
 * that waited to the one it waited for. Wall-clock time only (the report's times are µs): in
 * logical time nothing is drawn, as for the wait shading.
 */
import type { CriticalSegment } from '../../runtime/contract/wait-states.js';
import type { Frame } from './frame.js';

/** How far beside the lane's centre the line runs (px): clear of the call boxes and the shading. */
function besideLane(fr: Frame): number {
  return Math.min(Math.max(fr.v.laneWidth(fr.n) * 0.28, 4), 28) / 2 + 8;
}

export function drawCriticalPath(fr: Frame, path: readonly CriticalSegment[]): void {
  const { m, v, p, layer, slot, n } = fr;
  if (v.timeMode !== 'wall' || path.length === 0) return;
  const line = layer.lines(p.foreground, 3, 0.75);
  const jump = layer.lines(p.foreground, 1.5, 0.75, [4, 3]);
  const off = besideLane(fr);
  const clip = (t: number): number => Math.min(Math.max(v.timeToPx(t - m.tMin), v.origin - 1), v.origin + v.span + 1);
  let prev: [number, number] | undefined;
  for (const s of path) {
    const i = slot[s.rank];
    if (i === undefined || i < 0) {
      prev = undefined;
      continue;
    }
    const x = v.laneCenter(i, n) - off;
    const q0 = clip(s.from), q1 = clip(s.to);
    if (prev) jump.push(...v.xy(prev[0], prev[1]), ...v.xy(x, q0));
    if (q1 > q0) line.push(...v.xy(x, q0), ...v.xy(x, q1));
    prev = [x, q1];
  }
}
