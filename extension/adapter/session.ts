/**
 * The `rankscope` debug adapter: speaks DAP and delegates to a runtime Job, which knows nothing of
 * VS Code. Ranks and processes are its threads, named with their live state; pause and continue
 * act on every process; a deadlock or a crash stops the session with the report, at the pending
 * calls, instead of letting it hang or vanish. Per-rank source debugging is js-debug's, in child
 * sessions the extension starts from our `rankscope/inspector` events.
 */
import { Event, ExitedEvent, InitializedEvent, LoggingDebugSession, OutputEvent, StoppedEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Job, type JobResult } from '../../runtime/launcher/job.js';
import { useAbsoluteSites } from '../../runtime/rank/call-site.js';
import { CUSTOM_EVENTS_VERSION, type CustomEventName, type CustomEvents } from './custom-events.js';
import { checkLaunch, LaunchConfigError, type CheckedLaunch, type RankscopeLaunchArguments } from './launch-config.js';
import { indexOf, rankFrames, rankThreads, threadId } from './rank-threads.js';
import { ThreadRefresher } from './thread-refresher.js';
import { endLine, relativeTo } from './console-text.js';

/** What the extension hooks into when the adapter runs inline (in the extension host). */
export interface SessionHooks {
  jobStarted?(job: Job, launch: CheckedLaunch): void;
}

/** Why the session is stopped for good: continuing from here ends it. */
interface FinalStop {
  id: 'deadlock' | 'crash';
  description: string;
  details: string;
}

export class RankscopeSession extends LoggingDebugSession {
  private job: Job | undefined;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((r) => (this.configured = r));
  private finalStop: FinalStop | undefined;
  private terminated = false;
  private refresher: ThreadRefresher | undefined;
  private startedAt = 0;
  /** Rewrites paths under the workspace folder as `./…` (see relativeTo). */
  private shown: (text: string) => string = (text) => text;

  constructor(private readonly hooks: SessionHooks = {}) {
    super();
    // Reports name absolute paths; the session rewrites those under the workspace folder as ./…
    useAbsoluteSites();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
      supportsExceptionInfoRequest: true,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.sendResponse(response);
  }

  // DAP's handlers return void: the async work runs under `answer`, which turns a failure into the
  // request's error response instead of an unhandled rejection and a request that never returns.
  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: RankscopeLaunchArguments): void {
    this.answer(response, this.launch(response, args));
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.answer(response, this.terminate(response));
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.answer(response, this.disconnect(response));
  }

  private answer(response: DebugProtocol.Response, work: Promise<void>): void {
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      this.sendErrorResponse(response, { id: 1003, format: `rankscope: ${response.command} failed: ${message}`, showUser: true });
    });
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: RankscopeLaunchArguments): Promise<void> {
    let launch: CheckedLaunch;
    try {
      launch = checkLaunch(args);
    } catch (e) {
      if (!(e instanceof LaunchConfigError)) throw e;
      this.sendErrorResponse(response, { id: 1001, format: e.message, showUser: true });
      return;
    }
    await this.configurationDone;
    // Paths under the workspace folder read `./mpi/ring.ts:14`, which the Debug Console links.
    const shown = (this.shown = relativeTo(launch.folder));
    for (const note of launch.notes) this.sendEvent(new OutputEvent(`${note}\n`, 'console'));
    this.startedAt = Date.now();
    const job = new Job({
      program: launch.program, np: launch.np, args: launch.args, cwd: launch.cwd, env: launch.env, node: launch.node,
      traceFile: launch.traceFile, tagOutput: true,
      stdout: (text) => this.sendEvent(new OutputEvent(shown(text), 'stdout')),
      stderr: (text) => this.sendEvent(new OutputEvent(shown(text), 'stderr')),
      onInspector: launch.attachRanks ? (t) => this.custom('rankscope/inspector', { ...t, stopOnEntry: launch.stopOnEntry }) : undefined,
    });
    this.job = job;
    this.refresher = new ThreadRefresher(job.state, (id) => this.sendEvent(new Event('thread', { reason: 'started', threadId: id })));
    job.onDeadlock((d) => {
      this.custom('rankscope/deadlock', d);
      this.stopForGood({ id: 'deadlock', description: 'Deadlock detected', details: d.text }, d.members[0]?.rank ?? 0);
    });
    this.hooks.jobStarted?.(job, launch);
    this.sendResponse(response);
    // A job that cannot start (no temporary folder, no control socket) ends the session saying why.
    job.start().then((result) => this.ended(result)).catch((e: unknown) => {
      this.sendEvent(new OutputEvent(`rankscope: the run could not start: ${e instanceof Error ? e.message : String(e)}\n`, 'stderr'));
      this.finish(1);
    });
  }

  private ended(result: JobResult): void {
    this.refresher?.stop();
    this.sendEvent(new OutputEvent(`${endLine(result, Date.now() - this.startedAt)}\n`, 'console'));
    this.custom('rankscope/ended', { outcome: result.outcome, exitCode: result.exitCode, report: result.report, problems: result.problems });
    if (this.finalStop) return;
    if (['failed', 'misuse', 'aborted'].includes(result.outcome)) {
      const ranks = this.job!.state.ranks;
      const culprit = ranks.find((r) => r.status === 'failed') ?? ranks.find((r) => r.status === 'blocked') ?? ranks[0];
      const description = result.outcome === 'failed' ? `${culprit.name} crashed` : result.outcome === 'misuse' ? 'Collective misuse' : 'Aborted';
      this.stopForGood({ id: 'crash', description, details: result.report ?? description }, culprit.rank);
      return;
    }
    this.finish(result.exitCode);
  }

  /** Stops the session with the report; the user reads it, then continue or stop ends the session. */
  private stopForGood(stop: FinalStop, index: number): void {
    this.finalStop = stop;
    // Every thread stopped: VS Code then lists each rank with its pending call.
    this.sendEvent(allStopped(new StoppedEvent('exception', threadId(index), stop.description)));
  }

  private finish(exitCode: number): void {
    if (this.terminated) return;
    this.terminated = true;
    this.sendEvent(new ExitedEvent(exitCode));
    this.sendEvent(new TerminatedEvent());
  }

  private custom<K extends CustomEventName>(name: K, body: Omit<CustomEvents[K], 'v'>): void {
    this.sendEvent(new Event(name, { v: CUSTOM_EVENTS_VERSION, ...body }));
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: this.job ? rankThreads(this.job.state.ranks) : [] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const r = this.job?.state.ranks[indexOf(args.threadId)];
    const frames = r ? rankFrames(r) : [];
    response.body = { stackFrames: frames, totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse): void {
    response.body = { scopes: [] };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const s = this.finalStop;
    // VS Code titles the widget "Exception has occurred: <exceptionId>": give it words, not a code.
    response.body = { exceptionId: s?.description ?? 'none', description: s?.details && this.shown(s.details), breakMode: 'always', details: { message: s?.description, typeName: s?.id } };
    this.sendResponse(response);
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.job?.suspend(true);
    this.sendResponse(response);
    this.sendEvent(allStopped(new StoppedEvent('pause', threadId(0))));
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    // After the final stop, the session ends with the job: its report is out by then.
    if (this.finalStop) {
      if (this.job) void this.job.result.then((r) => this.finish(r.exitCode));
      else this.finish(1);
      return;
    }
    this.job?.suspend(false);
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.notSteppable(response);
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.notSteppable(response);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.notSteppable(response);
  }

  private notSteppable(response: DebugProtocol.Response): void {
    this.sendErrorResponse(response, { id: 1002, format: 'rankscope: step inside a rank: set a breakpoint in the program, then step in that rank\'s own session (under this one in the Call Stack)', showUser: true });
  }

  private async terminate(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.stopJob();
    this.sendResponse(response);
    this.finish(0);
  }

  private async disconnect(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.stopJob();
    this.sendResponse(response);
  }

  /** Kills every process of the job and waits until they are gone. */
  private async stopJob(): Promise<void> {
    const job = this.job;
    if (!job) return;
    job.suspend(false);
    job.interrupt('SIGTERM');
    await job.result;
  }
}

function allStopped(e: StoppedEvent): StoppedEvent {
  (e as DebugProtocol.StoppedEvent).body.allThreadsStopped = true;
  return e;
}
