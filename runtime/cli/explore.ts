/**
 * `rankscope run --explore`: runs the program, then once more for each message race that run had
 * (a receive from MPI.ANY_SOURCE that took one rank's message while another's could have matched),
 * each time forcing that one receive to take the other message (runtime/rank/mpi/explore.ts), and
 * says what the other order did: a deadlock, a failure, other output, or the same. A small run's
 * nondeterminism, tried instead of hoped about (ISP's and DAMPI's idea, one race at a time).
 */
import { ENV } from '../contract/environment.js';
import type { RaceAlternative, RunEnd } from '../contract/run.js';
import { formatSite } from '../contract/site-format.js';
import { launch, type LaunchOptions } from '../launcher/index.js';

interface Ended {
  end: RunEnd;
  /** Its stdout lines, sorted: ranks print in any order. */
  lines: string[];
}

/** Runs the program and its alternatives; the exit status is the first run's, or the first failing alternative's. */
export async function explore(opts: LaunchOptions, write: (stream: 'stdout' | 'stderr', text: string) => void): Promise<number> {
  const first = await runOnce(opts, write);
  const races = first.end.races ?? [];
  if (first.end.outcome !== 'ok') {
    write('stderr', 'rankscope: explore: this run did not end well, so no other order was tried; fix what it reports first.\n');
    return first.end.exitCode;
  }
  if (races.length === 0) {
    write('stderr', 'rankscope: explore: no receive from any source had a choice in this run: there is no other order to try.\n');
    return first.end.exitCode;
  }
  const lines = [`rankscope: explore: ${races.length} race${races.length === 1 ? '' : 's'}, each run again the other way:`];
  let status = first.end.exitCode;
  for (const [i, race] of races.entries()) {
    const alt = await runOnce({ ...opts, env: { ...opts.env, [ENV.explore]: `${race.rank}:${race.nth}:${race.other}` } });
    lines.push(`  ${i + 1}. ${describe(race)}: ${verdict(first, alt)}`);
    if (alt.end.outcome !== 'ok' && status === 0) status = alt.end.exitCode;
  }
  lines.push(status === 0 ? 'rankscope: explore: every other order ended as this run did.' : 'rankscope: explore: another order of these messages ends badly: the program depends on timing.');
  write('stderr', `${lines.join('\n')}\n`);
  return status;
}

/** One run; its output goes to `write` when given, and its stdout lines are kept. */
async function runOnce(opts: LaunchOptions, write?: (stream: 'stdout' | 'stderr', text: string) => void): Promise<Ended> {
  const run = launch(opts);
  let out = '';
  run.subscribe((e) => {
    if (e.type !== 'output') return;
    write?.(e.stream, e.text);
    if (e.stream === 'stdout') out += e.text;
  }, { trace: false });
  const end = await run.ended;
  return { end, lines: out.split('\n').filter((l) => l !== '').sort() };
}

function describe(r: RaceAlternative): string {
  const call = r.call ? `${r.call} at ${formatSite(r.site)}` : 'a receive from any source';
  return `rank ${r.rank}'s ${call} (its receive from any source #${r.nth + 1}) taking rank ${r.other}'s message instead of rank ${r.took}'s`;
}

/** What the other order did, against the first run. */
function verdict(first: Ended, alt: Ended): string {
  if (alt.end.outcome !== 'ok') {
    const why = alt.end.report?.split('\n').slice(0, 4).join('\n       ') ?? '';
    return `${alt.end.outcome} (exit ${alt.end.exitCode})${why ? `\n       ${why}` : ''}`;
  }
  const gone = first.lines.filter((l) => !alt.lines.includes(l));
  const added = alt.lines.filter((l) => !first.lines.includes(l));
  if (gone.length === 0 && added.length === 0) return 'the same outcome and output';
  const show = (sign: string, ls: string[]): string[] => ls.slice(0, 3).map((l) => `       ${sign} ${l}`);
  return ['other output:', ...show('-', gone), ...show('+', added)].join('\n');
}
