/**
 * `rankscope bench`: the benchmark engine from a terminal. Progress goes to stderr; the table (or,
 * with --json, the whole result) to stdout, so `--json | jq` works.
 */
import * as path from 'node:path';
import { BenchError, BenchInputError, runBenchmark, type BenchOptions } from '../bench/engine.js';
import { formatResult } from '../bench/format.js';
import { BUILTINS, MODES, type Budget, type BuiltinName, type Mode, type WorkloadSpec } from '../bench/contract/protocol.js';
import { BENCH_DIR, saveResult } from '../bench/store.js';
import { EXIT } from '../contract/exit-codes.js';

export const BENCH_USAGE = `usage: rankscope bench [WORKLOAD] [--sizes 1e3,1e6] [--workers 1,2] [--modes serial,pool,process,mpi]
                       [--budget SECONDS] [--min-reps N] [--max-reps N] [--warmups N] [--json] [--save]

  WORKLOAD is one of
    --workload pi|montecarlo|primes       the chapter's workloads (default: pi)
    --module FILE --fn NAME --inputs NAME  FILE's exported NAME(item) over the items its exported
                                           inputs(size) returns
    --program FILE [-- ARGS...]            the whole program, rankscope run -n 1 against -n k
                                           (the size reaches it as RANKSCOPE_BENCH_SIZE)
  --sizes        problem sizes (default: the workload's, e.g. 1e3 … 1e9 steps for pi)
  --workers      worker counts (default: 1 … cores, and twice the cores)
  --modes        serial is always measured; parallel modes default to pool,process,mpi
  --budget S     seconds a point may take before it stops repeating (default 2)
  --json         print the whole result as JSON on stdout
  --save         also write it as JSON and CSV to ${BENCH_DIR}/`;

interface BenchCommand {
  options: BenchOptions;
  json: boolean;
  save: boolean;
}

function list(flag: string, v: string | undefined): number[] {
  if (!v) throw new BenchError(`rankscope bench: ${flag} needs a comma-separated list, e.g. ${flag} 1e3,1e6`);
  return v.split(',').map((x) => {
    const n = Number(x.trim());
    if (!Number.isFinite(n)) throw new BenchError(`rankscope bench: ${flag}: '${x}' is not a number`);
    return n;
  });
}

function positive(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !(n >= 0)) throw new BenchError(`rankscope bench: ${flag} needs a number >= 0, got ${v ?? 'nothing'}`);
  return n;
}

function workloadOf(flags: Map<string, string>, rest: string[]): WorkloadSpec {
  const program = flags.get('--program');
  if (program) return { kind: 'program', program: path.resolve(program), args: rest };
  const module = flags.get('--module');
  if (module) {
    const fn = flags.get('--fn');
    const inputs = flags.get('--inputs');
    if (!fn || !inputs) throw new BenchError('rankscope bench: --module needs --fn NAME (the exported per-item function) and --inputs NAME (the exported inputs(size) function)');
    return { kind: 'function', module: path.resolve(module), fn, inputs };
  }
  const name = flags.get('--workload') ?? 'pi';
  if (!BUILTINS.includes(name as BuiltinName)) throw new BenchError(`rankscope bench: unknown workload '${name}'; choose one of ${BUILTINS.join(', ')}, or --module/--program for your own`);
  return { kind: 'builtin', name: name as BuiltinName };
}

const VALUED = ['--workload', '--module', '--fn', '--inputs', '--program', '--sizes', '--workers', '--modes', '--budget', '--min-reps', '--max-reps', '--warmups'];

export function parseBench(argv: string[]): BenchCommand {
  const flags = new Map<string, string>();
  let json = false;
  let save = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--save') save = true;
    else if (VALUED.includes(flag)) flags.set(flag, inline ?? argv[++i] ?? '');
    else throw new BenchError(`rankscope bench: unknown option ${a}\n${BENCH_USAGE}`);
  }
  const modes = flags.has('--modes') ? flags.get('--modes')!.split(',').map((m) => m.trim()) : undefined;
  const bad = modes?.find((m) => !MODES.includes(m as Mode));
  if (bad !== undefined) throw new BenchError(`rankscope bench: unknown mode '${bad}'; modes are ${MODES.join(', ')}`);
  const budget: Partial<Budget> = {};
  if (flags.has('--budget')) budget.pointSeconds = positive('--budget', flags.get('--budget'));
  if (flags.has('--min-reps')) budget.minReps = Math.max(1, positive('--min-reps', flags.get('--min-reps')));
  if (flags.has('--max-reps')) budget.maxReps = Math.max(1, positive('--max-reps', flags.get('--max-reps')));
  if (flags.has('--warmups')) budget.warmups = positive('--warmups', flags.get('--warmups'));
  const withSerial = modes && !modes.includes('serial') ? ['serial', ...modes] : modes;
  return {
    json, save,
    options: {
      workload: workloadOf(flags, argv.slice(i + 1)),
      sizes: flags.has('--sizes') ? list('--sizes', flags.get('--sizes')) : undefined,
      workers: flags.has('--workers') ? list('--workers', flags.get('--workers')) : undefined,
      modes: withSerial as Mode[] | undefined,
      budget,
    },
  };
}

export async function benchMain(argv: string[]): Promise<number> {
  let cmd: BenchCommand;
  try {
    cmd = parseBench(argv);
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return EXIT.USAGE;
  }
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const progress = (done: number, what: string): void => void process.stderr.write(`\r\x1b[K[${(done * 100).toFixed(0).padStart(3)}%] ${what}`);
  try {
    const result = await runBenchmark({ ...cmd.options, signal: controller.signal, onProgress: process.stderr.isTTY ? progress : undefined, onOutput: (t) => process.stderr.write(t) });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    process.stdout.write(cmd.json ? `${JSON.stringify(result, null, 1)}\n` : formatResult(result));
    if (cmd.save) process.stderr.write(`saved ${saveResult(BENCH_DIR, result)} (and .csv)\n`);
    return result.incomplete ? EXIT.SIGINT : EXIT.OK;
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    process.stderr.write(`${e.message}\n`);
    // Otherwise a job of the benchmark failed: its report says which process and which line.
    return e instanceof BenchInputError ? EXIT.USAGE : 1;
  }
}
