/**
 * How a listed run reads in a picker: `deadlock.ts — 9 ranks — running 12 s (pid 123)` while it
 * lives, `deadlock.ts — deadlock, 40 s ago` once ended. Plain text, so the CLI could list runs the
 * same way the extension's "Rankscope: Attach to Run" does.
 */
import * as path from 'node:path';
import type { Outcome, RunInfo } from '../contract/run.js';
import type { ListedRun } from './list-runs.js';

/** `12 s`, `3 min`, `2 h`, `4 days`. */
export function span(ms: number): string {
  const s = Math.max(Math.round(ms / 1000), 0);
  if (s < 120) return `${s} s`;
  if (s < 120 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  ok: 'finished',
  failed: 'failed',
  deadlock: 'deadlock',
  misuse: 'collective misuse',
  aborted: 'aborted',
  interrupted: 'stopped',
  'launch-error': 'did not start',
};

function program(info: RunInfo): string {
  return path.basename(info.programPath || info.program);
}

function ranks(info: RunInfo): string {
  return info.np === 1 ? '1 rank' : `${info.np} ranks`;
}

export interface RunLabel {
  label: string;
  /** Where it ran and who started it (a picker's second line). */
  detail: string;
}

export function runLabel(run: ListedRun, now = Date.now()): RunLabel {
  if (run.kind === 'unreadable') return { label: path.basename(run.file), detail: run.error };
  const detail = `${run.info.cwd} — started by ${run.info.launcher}`;
  if (run.kind === 'live') return { label: `${program(run.info)} — ${ranks(run.info)} — running ${span(now - run.info.startedAt)} (pid ${run.info.pid})`, detail };
  return { label: `${program(run.info)} — ${OUTCOME_WORDS[run.head.outcome] ?? run.head.outcome}, ${span(now - run.head.endedAt)} ago`, detail: `${detail} — ${ranks(run.info)}, exit status ${run.head.exitCode}` };
}
