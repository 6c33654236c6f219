import type { RunEnd } from '../contract/run.js';

/** Why a benchmark stopped: bad input or a failed job (BenchError), or the user's cancel. */
export class BenchError extends Error {
  /** The failed job's own report (which process, which error, which line), when there is one. */
  report?: string;
}

export class BenchCancelled extends Error {}

/** The benchmark was asked for something impossible (a bad size, an unknown mode): a usage error. */
export class BenchInputError extends BenchError {}

export function jobFailed(what: string, result: RunEnd): BenchError {
  const e = new BenchError(`rankscope bench: ${what} failed (exit ${result.exitCode}); its report is above`);
  e.report = result.report;
  return e;
}
