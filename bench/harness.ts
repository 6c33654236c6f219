/**
 * What every part of `npm run bench` shares: running a command to its JSON line, the anchors found
 * on this machine, formatting, and the list of goals with their verdicts printed at the end.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from './stats.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const MPI_ENV = { ...process.env, OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1', OMPI_MCA_rmaps_base_oversubscribe: '1' };

export function run(cmd: string, args: string[], env = process.env): { out: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout, ms: performance.now() - t0 };
}

export function json(out: string): any {
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON result in:\n${out}`);
  return JSON.parse(line);
}

/** A program run by the launcher as `rankscope run` runs it (plain node, no loader). */
export const rankscope = (np: number, program: string, flags: string[] = []): any =>
  json(run(process.execPath, [CLI, 'run', ...flags, '-n', String(np), program]).out);

export const fmt = (s: Summary, digits = 1): string => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

export const results: { goal: string; ok: boolean; detail: string }[] = [];
export function goal(name: string, ok: boolean, detail: string): void {
  results.push({ goal: name, ok, detail });
}

function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', env: MPI_ENV, timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const mpiPython = ['/usr/bin/python3', 'python3'].find((py) => works(py, ['-c', 'import mpi4py, numpy']));
/** The Python that has mpi4py and numpy, when Open MPI's mpiexec is there too. */
export const mpi4py = mpiPython && works('mpiexec', ['--version']) ? mpiPython : undefined;
export const python = ['python3', '/usr/bin/python3'].find((py) => works(py, ['-c', 'import multiprocessing']));

/** Starts `count` processes that spin on a core each until `stop()`: the "under load" runs. */
export function busy(count: number): { stop: () => void } {
  const kids: ChildProcess[] = [];
  for (let i = 0; i < count; i++) kids.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return { stop: () => kids.forEach((k) => k.kill()) };
}

export const MiB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
