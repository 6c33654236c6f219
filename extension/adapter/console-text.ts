/**
 * What the Debug Console shows besides the program's own output: paths a person can click, and
 * one closing line that says how the run ended.
 */
import type { Outcome, RunEnd } from '../../runtime/launcher/index.js';

/**
 * Rewrites absolute paths under `folder` as `./relative` ones: shorter, and VS Code's Debug
 * Console links a `./path:line:col` against the session's workspace folder.
 */
export function relativeTo(folder: string | undefined): (text: string) => string {
  if (!folder) return (text) => text;
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return (text) => (text.includes(prefix) ? text.split(prefix).join('./') : text);
}

const HOW: Record<Outcome, string> = {
  ok: '',
  failed: ' (a process failed)',
  deadlock: ' (deadlock)',
  misuse: ' (collective misuse)',
  aborted: ' (Abort called)',
  interrupted: ' (stopped)',
  'launch-error': ' (did not start)',
};

/** `rankscope: run ended — exit status 0 in 1.23 s`. */
export function endLine(result: RunEnd, ms: number): string {
  return `rankscope: run ended — exit status ${result.exitCode}${HOW[result.outcome]} in ${(ms / 1000).toFixed(2)} s`;
}
