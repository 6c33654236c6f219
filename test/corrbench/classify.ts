/**
 * Runs one case with the CLI, as a user would (`rankscope run -n 2 case.ts`), and sorts what came
 * out: Rankscope's own report (deadlock 86, misuse 87, an `MPI.Exception` subclass thrown at the
 * call, or a failure its report explains with a `hint:`), a warning on a run that otherwise ended well, a crash (any other uncaught error, e.g. a
 * `TypeError` from inside the runtime), nothing, or a hang the runner had to kill.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from './cases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export type Outcome = 'report' | 'warning' | 'crash' | 'none' | 'timeout' | 'runner-error';

export interface Result {
  id: string;
  outcome: Outcome;
  status: number | null;
  ms: number;
  /** The line of stderr that decided the outcome (the error, the report's first line). */
  evidence: string;
}

/** The error classes `rankscope/mpi` throws at a call it rejects (runtime/rank/mpi/errors.ts). */
const OWN_ERRORS = new Set([
  'MPIException', 'Exception', 'ArgumentError', 'CountError', 'RankError', 'RootError', 'TagError',
  'CommError', 'TruncateError', 'BufferError', 'OpError', 'UserOpError', 'RequestError',
  'DatatypeError', 'GroupError', 'NotImplementedError',
]);

export function classify(status: number | null, stderr: string, timedOut: boolean): { outcome: Outcome; evidence: string } {
  const lines = stderr.split('\n');
  const first = (re: RegExp) => lines.find((l) => re.test(l))?.trim() ?? '';
  if (timedOut) return { outcome: 'timeout', evidence: 'no end within the time limit' };
  if (status === 86 || status === 87) return { outcome: 'report', evidence: first(/^rankscope: /) };
  if (status === 2) return { outcome: 'runner-error', evidence: first(/\S/) };
  if (status === 0) {
    const warning = first(/^rankscope: warning/);
    return warning ? { outcome: 'warning', evidence: warning } : { outcome: 'none', evidence: '' };
  }
  // A failed rank: the launcher's report quotes its error as `error: <Class>: <message>`.
  const error = first(/^error: /) || first(/^\w*(Error|Exception)\b/);
  const cls = /^(?:error: )?(\w+)/.exec(error)?.[1] ?? '';
  // A language error (V8's "Cannot read properties of null") that Rankscope's report explains as
  // the MPI misuse it is (its `hint:` line, e.g. a call on MPI.COMM_NULL) is Rankscope's finding.
  const hint = first(/^\s*hint: /);
  if (!OWN_ERRORS.has(cls) && hint) return { outcome: 'report', evidence: `${error} — ${hint}` };
  return { outcome: OWN_ERRORS.has(cls) ? 'report' : 'crash', evidence: error || first(/\S/) };
}

/** Runs the case in `cwd` (a scratch folder, so `.rankscope/` records stay out of the repo). */
export function runCase(c: Case, cwd: string, timeoutMs: number): Promise<Result> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '-n', String(c.np), '--no-publish', c.file], {
      cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 200_000) stderr += d; });
    // The launcher kills its ranks when it dies; SIGKILL to its group takes everything at once.
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ id: c.id, outcome: 'runner-error', status: null, ms: performance.now() - t0, evidence: String(err) });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      const { outcome, evidence } = classify(status, stderr, timedOut);
      resolve({ id: c.id, outcome, status, ms: Math.round(performance.now() - t0), evidence });
    });
  });
}

/** Runs every case, at most `parallel` at a time, calling `onResult` as each ends. */
export async function runAll(cases: Case[], cwd: string, opts: { parallel: number; timeoutMs: number; onResult?: (r: Result) => void }): Promise<Result[]> {
  const results: Result[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i], cwd, opts.timeoutMs);
      opts.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.parallel) }, worker));
  return results;
}
