/**
 * `rankscope` command line: `rankscope run …` (the launcher without VS Code), `rankscope bench …`
 * (the benchmark engine without the panel) and `rankscope init` (a tsconfig.json for editors).
 */
import { waitSummary } from '../analysis/wait-summary.js';
import { EXIT } from '../contract/exit-codes.js';
import type { WaitStateReport } from '../contract/wait-states.js';
import { launch, RunPublication } from '../launcher/index.js';
import { BENCH_USAGE, benchMain } from './bench-command.js';
import { bundleOnly } from './bundle-only.js';
import { explore } from './explore.js';
import { INIT_USAGE, initMain } from './init-command.js';

const USAGE = `usage: rankscope run [-n N] [--trace FILE] [--tag-output] [--eager-limit BYTES] [--strict-buffering] [--explore] [--no-publish] [--wait-states] PROGRAM [ARGS...]
       rankscope run --bundle-only [-o FILE] PROGRAM

  -n, --np N          start N MPI ranks (default 1)
  --trace FILE        write the run's trace as Chrome Trace Event JSON (Perfetto, chrome://tracing)
  --tag-output        prefix every output line with its rank
  --eager-limit B     payload bytes up to which a standard send does not wait for its receive
                      (default 65536)
  --strict-buffering  no send is buffered (--eager-limit 0): a program that works only because
                      small sends are buffered deadlocks every time, as it would with large ones
  --explore           run again once per message race (a receive from MPI.ANY_SOURCE that could
                      have taken another rank's message), each going the other way, and say what
                      changed: a deadlock, a failure, other output
  --no-publish        do not publish the run for viewers: by default it is listed in
                      ./.rankscope/runs while it runs (VS Code: "Rankscope: Attach to Run" shows it
                      live) and its record stays there after (the last 5 runs)
  --wait-states       at the end, print where the processes lost time waiting for each other
                      (Late Sender, Wait at Barrier, Lock contention…; the diagram's Wait states tab)
  --bundle-only       build PROGRAM into one file for mpiexec or srun to start, print its path
                      and how to launch it (-o FILE: where; default ./PROGRAM.rankscope.mjs)

exit status: 0 when every rank exits 0; the failing rank's status; ${EXIT.DEADLOCK} on a deadlock;
${EXIT.MISUSE} on a collective mismatch; ${EXIT.USAGE} on a bad command line or a program that does not build.

${BENCH_USAGE}

${INIT_USAGE}

rankscope --version   print the version`;

export class UsageError extends Error {}

export interface RunCommand {
  np: number;
  traceFile?: string;
  tagOutput: boolean;
  eagerLimit?: number;
  bundleOnly: boolean;
  /** Publish the run for viewers in ./.rankscope/runs (default; --no-publish: not). */
  publish: boolean;
  /** Run again once per message race, each going the other way (explore.ts). */
  explore: boolean;
  /** Print the wait-state summary at the end (wait-summary.ts). */
  waitStates: boolean;
  out?: string;
  program: string;
  args: string[];
}

function positiveInt(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`rankscope: ${flag} needs an integer >= ${min}, got ${v ?? 'nothing'}`);
  return n;
}

export function parseRun(argv: string[]): RunCommand {
  const cmd: RunCommand = { np: 1, tagOutput: false, bundleOnly: false, publish: true, explore: false, waitStates: false, program: '', args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-n' || flag === '-np' || flag === '--np') cmd.np = positiveInt('-n', value(), 1);
    else if (flag === '--trace') {
      const v = value();
      if (!v) throw new UsageError('rankscope: --trace needs a file name');
      cmd.traceFile = v;
    } else if (flag === '--tag-output') cmd.tagOutput = true;
    else if (flag === '--eager-limit') cmd.eagerLimit = positiveInt('--eager-limit', value(), 0);
    else if (flag === '--strict-buffering') cmd.eagerLimit = 0;
    else if (flag === '--explore') cmd.explore = true;
    else if (flag === '--bundle-only') cmd.bundleOnly = true;
    else if (flag === '--no-publish') cmd.publish = false;
    else if (flag === '--wait-states') cmd.waitStates = true;
    else if (flag === '-o' || flag === '--out') {
      const v = value();
      if (!v) throw new UsageError('rankscope: -o needs a file name');
      cmd.out = v;
    }
    else if (flag === '--') {
      i++;
      break;
    } else if (a.startsWith('-')) throw new UsageError(`rankscope: unknown option ${a}\n${USAGE}`);
    else break;
  }
  if (i >= argv.length) throw new UsageError(`rankscope: no PROGRAM given\n${USAGE}`);
  cmd.program = argv[i];
  cmd.args = argv.slice(i + 1);
  if (cmd.out && !cmd.bundleOnly) throw new UsageError('rankscope: -o goes with --bundle-only');
  return cmd;
}

/** The package's version, put in by the build (scripts/build.mjs). */
declare const RANKSCOPE_VERSION: string | undefined;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (command === '-V' || command === '--version' || command === 'version') {
    process.stdout.write(`rankscope ${typeof RANKSCOPE_VERSION === 'string' ? RANKSCOPE_VERSION : '(unbuilt sources)'}\n`);
    return EXIT.OK;
  }
  if (command === 'bench') return benchMain(rest);
  if (command === 'init') return initMain(rest);
  if (command !== 'run') {
    process.stderr.write(`rankscope: unknown command '${command}'\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  let cmd: RunCommand;
  try {
    cmd = parseRun(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return EXIT.USAGE;
  }
  if (cmd.bundleOnly) return bundleOnly(cmd.program, cmd.out, rest.some((a) => /^(-n|-np|--np)(=|$)/.test(a)) ? cmd.np : undefined);
  if (cmd.explore) {
    // Several runs of one program: none is published, and each one's output is the program's.
    const write = (stream: 'stdout' | 'stderr', text: string): void => void (stream === 'stdout' ? process.stdout : process.stderr).write(text);
    return explore({ program: cmd.program, args: cmd.args, np: cmd.np, tagOutput: cmd.tagOutput, traceFile: cmd.traceFile, eagerLimit: cmd.eagerLimit, keepTrace: false }, write);
  }
  // A published run keeps its trace for the replay a viewer attaching mid-run gets; otherwise the
  // trace file (when asked for) is the run's other watcher, and none needs the run to keep events.
  // This process runs one job and nothing else: it may yield the cores to the ranks (job.ts).
  const run = launch({ program: cmd.program, args: cmd.args, np: cmd.np, tagOutput: cmd.tagOutput, traceFile: cmd.traceFile, eagerLimit: cmd.eagerLimit, keepTrace: cmd.publish, yieldToRanks: true });
  // A closed stdout (`rankscope run … | head`) must not crash the launcher and orphan the ranks.
  process.stdout.on('error', () => {});
  // The printer: the run's output, as it comes, on our own stdout and stderr.
  // With --wait-states, at the end of a run that went well: where its processes lost time waiting
  // for each other. Asked for, not by default: the output of a run is the program's own.
  const names: string[] = [];
  let waits: WaitStateReport | undefined;
  run.subscribe((e) => {
    if (e.type === 'output') (e.stream === 'stdout' ? process.stdout : process.stderr).write(e.text);
    else if (e.type === 'processes') for (const p of e.processes) names[p.index] = p.name;
    else if (e.type === 'wait-states' && cmd.waitStates) waits = e.report;
    else if (e.type === 'end' && e.end.outcome === 'ok' && waits) process.stderr.write(waitSummary(waits, (r) => names[r] ?? `rank ${r}`));
  }, { trace: cmd.waitStates });
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => () => void run.stop(sig);
  process.on('SIGINT', onSignal('SIGINT'));
  process.on('SIGTERM', onSignal('SIGTERM'));
  process.on('SIGHUP', onSignal('SIGTERM'));
  const published = cmd.publish ? await RunPublication.publish(run, { folder: process.cwd() }) : undefined;
  const end = await run.ended;
  // The record is written and every viewer has the end before the launcher exits.
  await published?.closed;
  return end.exitCode;
}
