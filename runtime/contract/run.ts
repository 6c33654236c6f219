/**
 * A `Run`: what the launcher publishes and everything else consumes. One program's processes as a
 * stream of typed events — process states, trace batches, output, reports, the end — plus the
 * commands a watcher may give it. The debug adapter, the diagram's panel host, the CLI's printer and
 * trace writer, and a viewer attached over a socket (run-wire.ts) all see a run only through this:
 * nobody reads the launcher's state or polls it. Every fact has its one type here.
 */
import type { CallSite, TraceEvent } from './trace-events.js';
import type { WaitStateReport } from './wait-states.js';

/** How a run ended. */
export type Outcome = 'ok' | 'failed' | 'deadlock' | 'misuse' | 'aborted' | 'interrupted' | 'launch-error';

/** One process caught in a deadlock: the call it waits in, where, and on whom. */
export interface DeadlockMember {
  rank: number;
  name: string;
  call: string;
  site?: CallSite;
  waitsOn: number[];
}

/** A detected deadlock in plain data: the report's text and its structure. */
export interface DeadlockReport {
  text: string;
  members: DeadlockMember[];
  /** The processes of the wait-for cycle, in order, when there is one. */
  cycle: number[] | undefined;
  /** From the start of the last blocking call among the members to the detection. */
  latencyMs: number;
}

/** Where the program failed to build (an editor lists them as problems). */
export interface BuildProblem {
  file: string;
  line: number;
  column: number;
  text: string;
}

/** How the run ended, with the report printed when it did not end well. */
export interface RunEnd {
  outcome: Outcome;
  exitCode: number;
  report?: string;
  deadlock?: DeadlockReport;
  /**
   * On a run that went well: the deadlock it escaped only because standard sends were buffered
   * (the launcher's zero-buffer replay), warned of with each member's call and line.
   */
  potentialDeadlock?: DeadlockReport;
  /** On a run that went well: receives from MPI.ANY_SOURCE that could have taken another rank's message. */
  races?: RaceAlternative[];
  problems?: BuildProblem[];
}

/** A receive from MPI.ANY_SOURCE that took one rank's message while another's could have matched. */
export interface RaceAlternative {
  /** The receiving rank, and which of its receives from any source this was (0-based, program order). */
  rank: number;
  nth: number;
  /** The sender whose message it took, and one whose message it could have taken. */
  took: number;
  other: number;
  /** The receive as written (`recv(source=ANY, tag=5)`) and where, when known. */
  call?: string;
  site?: CallSite;
}

export type ProcessStatus = 'starting' | 'running' | 'blocked' | 'finished' | 'failed';

/** The call a process is blocked in. */
export interface PendingCall {
  /** The call as written, e.g. `recv(source=5)`. */
  text: string;
  site?: CallSite;
  /** When it began (trace time, µs since the epoch). */
  since: number;
}

/** One process of the run as a watcher sees it: a rank, or a multiprocessing child. */
export interface ProcessInfo {
  /** Index in the run: ranks first, then multiprocessing children in start order. */
  index: number;
  name: string;
  /** The process that started this one (multiprocessing children only). */
  parent?: number;
  pid?: number;
  status: ProcessStatus;
  pending?: PendingCall;
  exitCode?: number | null;
  signal?: string | null;
  /** The uncaught error that ended it. */
  error?: { message: string; stack: string; hint?: string };
}

/** Where a process's inspector listens (runs started for source debugging only). */
export interface InspectorTarget {
  /** Process index in the run (-1 for a warm spare not yet given a role). */
  index: number;
  name: string;
  pid: number;
  websocketAddress: string;
  /** The bundled program the process runs: a debugger reads its source map before it starts. */
  bundle: string;
}

/** What a run is, as told to every watcher first. */
export interface RunInfo {
  /** The program as given (a path relative to `cwd`, or absolute). */
  program: string;
  /** Absolute path of the program. */
  programPath: string;
  cwd: string;
  /** Ranks started (multiprocessing children come on top). */
  np: number;
  /** Wall-clock start, ms since the epoch. */
  startedAt: number;
  /** Who started it: `rankscope run`, the VS Code debugger, `mpiexec`… */
  launcher: string;
  pid: number;
}

export type RunEvent =
  /** Processes that appeared or changed state (status, pending call, exit), latest state each. */
  | { type: 'processes'; processes: ProcessInfo[] }
  /** Trace events as they arrived, in per-process order. */
  | { type: 'trace'; events: readonly TraceEvent[] }
  /** A chunk of a process's output (tagged `[rank N] ` when the run tags output). */
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'inspector'; target: InspectorTarget }
  /** Found the moment it forms (the run may go on while other processes can still work). */
  | { type: 'deadlock'; deadlock: DeadlockReport }
  /**
   * Where the processes waited for one another so far (wait-states.ts): at most every second while
   * the run goes on, and once, `final`, just before the end. Only a run that makes trace events
   * (kept, or wanted by a listener) has one. Added without a wire version bump: a viewer that
   * predates it ignores an event type it does not know.
   */
  | { type: 'wait-states'; report: WaitStateReport }
  /** The last event: nothing follows it. */
  | { type: 'end'; end: RunEnd };

export type RunListener = (event: RunEvent) => void;

export interface SubscribeOptions {
  /**
   * Whether this listener wants `trace` events (default true). A watcher that does not (a printer
   * of output) lets a launcher that keeps no trace skip making the events at all.
   */
  trace?: boolean;
}

export interface Run {
  readonly info: RunInfo;
  /**
   * Tells `listener` the run so far — every process, the trace events kept (all of them when the
   * launcher keeps its trace), the deadlock and the end if they happened — then every new event as
   * it happens, in order. Output is not replayed: subscribe in the tick the run was made in to
   * see all of it. Returns the way to stop listening.
   */
  subscribe(listener: RunListener, options?: SubscribeOptions): () => void;
  /**
   * Stops processes where they are (a debugger's pause): those of `processes` (by index), or every
   * process when not given. A process under a debugger's inspector is paused through the inspector
   * instead (a stopped process's inspector cannot answer): the debug adapter leaves those out.
   * No deadline counts paused time.
   */
  pause(processes?: readonly number[]): void;
  /** Lets every stopped process go on (a process that was not stopped is not affected). */
  resume(): void;
  /**
   * Opens the inspector of every process started ready for one (`inspect: 'on-demand'`), each
   * then published as an `inspector` event: a debugger attaches only once it is wanted (the first
   * breakpoint set after F5), and a run nobody debugs pays nothing. Absent where a run cannot.
   */
  openInspectors?(): void;
  /**
   * Ends the run (every process stopped, outcome `interrupted`); resolves with its end. `signal`
   * says what asked (the exit status is 128 + its number, as a shell's).
   */
  stop(signal?: 'SIGINT' | 'SIGTERM'): Promise<RunEnd>;
  /** Resolves once, with the end, after the `end` event went to every listener. */
  readonly ended: Promise<RunEnd>;
}
