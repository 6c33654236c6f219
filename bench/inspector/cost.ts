/**
 * What source debugging costs a run: F5 without breakpoints starts the ranks ready for an
 * inspector, closed until a breakpoint is set (`ready`: what such a run pays); F5 with breakpoints
 * starts them under `--inspect-brk` and js-debug attaches to each (`on`). Runs the same program
 * through the launcher (as the extension host does), taking turns: inspector off; ready; on,
 * attached as the extension attaches js-debug (attachLikeJsDebug, cdp.ts); and on with js-debug's
 * default async stacks, which rank-sessions.ts turns off until a breakpoint binds — at 2 and 9
 * ranks, launch to the first barrier and the one-way latency of a small ping-pong. js-debug itself,
 * inside VS Code, takes longer to attach than cdp.ts: the `on` launch figures are a lower bound.
 *
 *   node --import tsx bench/inspector/cost.ts     (npm run bench runs it too)
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../../runtime/launcher/index.js';
import { attachLikeJsDebug, type Cdp } from './cdp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROGRAM = path.join(ROOT, 'bench', 'programs', 'barrier-pingpong.ts');

export const MODES = ['off', 'ready', 'on', 'on, async stacks'] as const;
export type Mode = (typeof MODES)[number];

interface Sample { launchMs: number; latencyUs: number[] }

async function once(np: number, mode: Mode): Promise<Sample> {
  const debuggers: Promise<Cdp>[] = [];
  let out = '';
  const t0 = performance.timeOrigin + performance.now();
  const inspect = mode === 'off' ? false : mode === 'ready' ? 'on-demand' : true;
  const run = launch({ program: PROGRAM, np, inspect, keepTrace: false, cwd: ROOT, launcher: 'bench/inspector' });
  run.subscribe((e) => {
    if (e.type === 'inspector') debuggers.push(attachLikeJsDebug(e.target.websocketAddress, mode === 'on, async stacks'));
    if (e.type === 'output') out += e.text;
  }, { trace: false });
  const end = await run.ended;
  for (const d of debuggers) (await d).close();
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (end.exitCode !== 0 || !line) throw new Error(`bench/inspector: -n ${np}, inspector ${mode}: exit ${end.exitCode}:\n${out}${end.report ?? ''}`);
  const r = JSON.parse(line) as { barrierAt: number; latencyUs: number[] };
  return { launchMs: r.barrierAt - t0, latencyUs: r.latencyUs };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Median and p90. */
export type Spread = [number, number];

export interface Cost {
  np: number;
  /** Launch to first barrier (ms) over the runs, by mode. */
  launch: Record<Mode, Spread>;
  /** One-way ping-pong latency (µs) over every round of every run, by mode. */
  latency: Record<Mode, Spread>;
}

/** `runs` runs of each mode (after one of each discarded), the modes taking turns so drift hits all. */
export async function inspectorCost(np: number, runs = 4): Promise<Cost> {
  const got = Object.fromEntries(MODES.map((m) => [m, [] as Sample[]])) as Record<Mode, Sample[]>;
  for (const m of MODES) await once(np, m);
  for (let i = 0; i < runs; i++) for (const m of MODES) got[m].push(await once(np, m));
  const spread = (xs: number[]): Spread => [percentile(xs, 50), percentile(xs, 90)];
  const by = (f: (s: Sample[]) => number[]) => Object.fromEntries(MODES.map((m) => [m, spread(f(got[m]))])) as Record<Mode, Spread>;
  return { np, launch: by((s) => s.map((x) => x.launchMs)), latency: by((s) => s.flatMap((x) => x.latencyUs)) };
}

/** The report's lines for one rank count: each mode's median / p90, and the medians against off. */
export function describeCost(c: Cost): string[] {
  const show = (r: Record<Mode, Spread>, unit: string, digits: number) => MODES.map((m) => {
    const [med, p90] = r[m];
    const d = m === 'off' ? '' : ` (${med >= r.off[0] ? '+' : ''}${(med - r.off[0]).toFixed(digits)} ${unit}, ${(((med - r.off[0]) / r.off[0]) * 100).toFixed(0)}%)`;
    return `${m} ${med.toFixed(digits)} / ${p90.toFixed(digits)}${d}`;
  }).join('   ');
  return [
    `  -n ${c.np} launch to first barrier (ms, median / p90):  ${show(c.launch, 'ms', 0)}`,
    `  -n ${c.np} ping-pong one-way (µs, median / p90):        ${show(c.latency, 'µs', 1)}`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('inspector off / ready (F5 without breakpoints) / on (F5 with breakpoints: js-debug attached, none hit) / on with js-debug\'s default async stacks');
  for (const np of [2, 9]) for (const line of describeCost(await inspectorCost(np))) console.log(line);
}
