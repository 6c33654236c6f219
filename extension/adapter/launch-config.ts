/**
 * The `rankscope` launch configuration: what launch.json may say, checked and turned into the
 * options of a runtime Job. Every mistake is named with the attribute and what to write instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { RUNTIME_DIR } from '../../runtime/launcher/index.js';
import { programImports } from './program-mode.js';

export interface RankscopeLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  program?: string;
  /** Number of ranks (MPI) or 1 for a multiprocessing main process. */
  np?: number;
  args?: string[];
  cwd?: string;
  env?: Record<string, string | null>;
  runtimeExecutable?: string;
  stopOnEntry?: boolean;
  /** `mpi` or `multiprocessing`; inferred from the program's imports when left out. */
  mode?: 'mpi' | 'multiprocessing';
  /** A file to write the run's trace to (Chrome Trace JSON, as `rankscope run --trace`). */
  trace?: string;
  /** No send is buffered (as `rankscope run --strict-buffering`): a send-first exchange deadlocks every time. */
  strictBuffering?: boolean;
  /**
   * Set by the extension, not by users: start ranks under `--inspect-brk` and attach VS Code's
   * JavaScript debugger to each (a debug run with breakpoints at launch, or stopOnEntry).
   */
  attachRanks?: boolean;
  /**
   * Set by the extension: start ranks with the inspector closed, opened (and a debugger attached)
   * when the first breakpoint is set during the run (a debug run without breakpoints at launch).
   */
  inspectOnDemand?: boolean;
  /** Set by the extension: the workspace folder, so the Debug Console shows paths relative to it. */
  workspaceFolder?: string;
}

export interface CheckedLaunch {
  program: string;
  np: number;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  node: string;
  stopOnEntry: boolean;
  traceFile: string | undefined;
  /** Payload bytes up to which a standard send does not wait for its receive (0: strict buffering). */
  eagerLimit: number | undefined;
  attachRanks: boolean;
  /** Ranks start with the inspector closed; `rankscope/openInspectors` opens it. */
  inspectOnDemand: boolean;
  /** The workspace folder (paths under it are shown as `./…`, which VS Code links). */
  folder: string | undefined;
  /** What the user should know about how the program runs (printed before it starts). */
  notes: string[];
}

export class LaunchConfigError extends Error {}

export function checkLaunch(a: RankscopeLaunchArguments): CheckedLaunch {
  if (typeof a.program !== 'string' || a.program.trim() === '') {
    throw new LaunchConfigError('rankscope: launch.json needs "program": the .ts file to run, for example "${file}" or "${workspaceFolder}/ring.ts"');
  }
  const cwd = a.cwd ? path.resolve(a.cwd) : path.dirname(path.resolve(a.program));
  const program = path.resolve(cwd, a.program);
  if (!fs.existsSync(program)) throw new LaunchConfigError(`rankscope: "program" ${program} does not exist; check the path in launch.json`);
  if (program.startsWith(RUNTIME_DIR + path.sep)) {
    throw new LaunchConfigError(`rankscope: ${path.basename(program)} is part of Rankscope's runtime, not a program; open your program in the editor and press F5 there`);
  }
  const asked = a.np ?? 1;
  if (!Number.isInteger(asked) || asked < 1) throw new LaunchConfigError(`rankscope: "np" must be a whole number of ranks, 1 or more; launch.json says ${JSON.stringify(a.np)}`);
  if (a.mode === 'multiprocessing' && asked !== 1) {
    throw new LaunchConfigError(`rankscope: a multiprocessing program runs as one main process that starts the others; set "np": 1 (it says ${asked}) or "mode": "mpi"`);
  }
  const { np, notes } = processCount(program, asked, a.mode);
  if (a.args !== undefined && (!Array.isArray(a.args) || a.args.some((x) => typeof x !== 'string'))) {
    throw new LaunchConfigError('rankscope: "args" must be an array of strings, for example ["--large"]');
  }
  if (a.cwd && !fs.existsSync(cwd)) throw new LaunchConfigError(`rankscope: "cwd" ${cwd} does not exist`);
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(a.env ?? {})) env[k] = v === null ? undefined : String(v);
  return {
    program, np, cwd, env,
    args: a.args ?? [],
    node: a.runtimeExecutable || 'node',
    stopOnEntry: a.stopOnEntry === true,
    traceFile: a.trace ? path.resolve(cwd, a.trace) : undefined,
    eagerLimit: a.strictBuffering === true ? 0 : undefined,
    attachRanks: a.attachRanks === true || a.stopOnEntry === true,
    inspectOnDemand: a.inspectOnDemand === true && a.attachRanks !== true && a.stopOnEntry !== true,
    folder: a.workspaceFolder,
    notes,
  };
}

/**
 * How many copies to start. Without a "mode", the imports decide (as the README says): a program
 * that imports rankscope/multiprocessing and not rankscope/mpi runs once, whatever "np" says, since
 * it starts its own processes; N copies would each start theirs.
 */
function processCount(program: string, asked: number, mode: RankscopeLaunchArguments['mode']): { np: number; notes: string[] } {
  if (mode !== undefined || asked === 1) return { np: asked, notes: [] };
  const imports = programImports(program);
  if (!imports.multiprocessing || imports.mpi) return { np: asked, notes: [] };
  return {
    np: 1,
    notes: [`rankscope: ${path.basename(program)} imports rankscope/multiprocessing, so it runs once, as its main process, which starts the others; "np": ${asked} is for MPI programs (set "mode": "mpi" to start ${asked} copies)`],
  };
}
