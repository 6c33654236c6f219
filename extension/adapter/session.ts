/**
 * The `rankscope` debug adapter: speaks DAP and drives a runtime `Run`, which knows nothing of
 * VS Code. Ranks and processes are its threads, named with their live state (a DAP `thread` event
 * for each process the run says changed); pause and continue
 * act on every process; a deadlock or a crash stops the session with the report, at the pending
 * calls, instead of letting it hang or vanish. Per-rank source debugging is js-debug's, in child
 * sessions the extension starts from our `rankscope/inspector` events.
 */
import { Event, ExitedEvent, InitializedEvent, LoggingDebugSession, OutputEvent, StoppedEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { attach as attachTo } from '../../runtime/attach/attach.js';
import { RunWireError } from '../../runtime/contract/run-wire.js';
import { launch as launchRun, RunPublication, useAbsoluteSites, type ProcessInfo, type Run, type RunEnd, type RunEvent } from '../../runtime/launcher/index.js';
import { CUSTOM_EVENTS_VERSION, type CustomEventName, type CustomEvents } from './custom-events.js';
import { checkLaunch, LaunchConfigError, type CheckedLaunch, type RankscopeLaunchArguments } from './launch-config.js';
import { indexOf, rankFrames, rankThreads, threadId } from './rank-threads.js';
import { endLine, relativeTo } from './console-text.js';

/** What the extension hooks into when the adapter runs inline (in the extension host). */
export interface SessionHooks {
  jobStarted?(run: Run, launch: CheckedLaunch): void;
  /** An `attach` request connected to a run published elsewhere (`rankscope run` in a terminal). */
  runAttached?(run: Run): void;
  /**
   * Publish every launched run on a socket and say where (`rankscope/published`): the stdio
   * adapter's runs are in a process of their own, which the diagram cannot otherwise reach.
   */
  publish?: boolean;
}

/** The `attach` request: watch a run published by another process. */
export interface RankscopeAttachArguments extends DebugProtocol.AttachRequestArguments {
  /**
   * The run: its descriptor, `.rankscope/runs/<pid>.json` in the folder it was started in, or the
   * record an ended run left there, `<pid>.ended.json` (shown as it ended).
   */
  descriptor?: string;
  /** Set by the extension: the workspace folder, so the Debug Console shows paths relative to it. */
  workspaceFolder?: string;
}

/** Why the session is stopped for good: continuing from here ends it. */
interface FinalStop {
  id: 'deadlock' | 'crash';
  description: string;
  details: string;
}

export class RankscopeSession extends LoggingDebugSession {
  private run: Run | undefined;
  /** Every process as the run last said, by index. */
  private readonly processes: ProcessInfo[] = [];
  /** Threads whose state changed since the last `thread` events went out. */
  private readonly changed = new Set<number>();
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((r) => (this.configured = r));
  private finalStop: FinalStop | undefined;
  private terminated = false;
  /** Attached to a run of another process: ending the session leaves the run going. */
  private attached: (Run & { close?(): void }) | undefined;
  private paused = false;
  /** Ranks a js-debug session debugs (the extension says so): their own entry in the Call Stack replaces our thread. */
  private debugged = new Set<number>();
  /** Ranks started under an inspector (a debugger attaches to each): their debugger pauses them. */
  private readonly inspected = new Set<number>();
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

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments): void {
    this.answer(response, this.disconnect(response, args));
  }

  private answer(response: DebugProtocol.Response, work: Promise<void>): void {
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      this.sendErrorResponse(response, { id: 1000, format: `rankscope: ${response.command} failed: ${message}`, showUser: true });
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
    this.shown = relativeTo(launch.folder);
    for (const note of launch.notes) this.sendEvent(new OutputEvent(`${note}\n`, 'console'));
    this.startedAt = Date.now();
    const run = launchRun({
      program: launch.program, np: launch.np, args: launch.args, cwd: launch.cwd, env: launch.env, node: launch.node,
      traceFile: launch.traceFile, eagerLimit: launch.eagerLimit, tagOutput: true, inspect: launch.attachRanks || (launch.inspectOnDemand && 'on-demand'), launcher: 'the VS Code debugger',
    });
    this.run = run;
    run.subscribe((e) => this.onRunEvent(e, launch.stopOnEntry), { trace: false });
    this.hooks.jobStarted?.(run, launch);
    this.sendResponse(response);
    if (this.hooks.publish) void this.publish(run, launch.cwd);
  }

  private async publish(run: Run, folder: string): Promise<void> {
    const pub = await RunPublication.publish(run, { folder, warn: (text) => this.sendEvent(new OutputEvent(text, 'console')) });
    if (pub) this.custom('rankscope/published', { descriptor: pub.descriptor, socket: pub.socket });
  }

  protected override attachRequest(response: DebugProtocol.AttachResponse, args: RankscopeAttachArguments): void {
    this.answer(response, this.attach(response, args));
  }

  private async attach(response: DebugProtocol.AttachResponse, args: RankscopeAttachArguments): Promise<void> {
    if (typeof args?.descriptor !== 'string' || args.descriptor === '') {
      this.sendErrorResponse(response, { id: 1003, format: 'rankscope: an attach configuration needs "descriptor": the run\'s .rankscope/runs/<pid>.json (the command "Rankscope: Attach to Run" picks it)', showUser: true });
      return;
    }
    let run: Run & { close?(): void };
    try {
      run = await attachTo(args.descriptor);
    } catch (e) {
      if (!(e instanceof RunWireError)) throw e;
      this.sendErrorResponse(response, { id: 1004, format: `rankscope: ${e.message}`, showUser: true });
      return;
    }
    await this.configurationDone;
    this.shown = relativeTo(args.workspaceFolder ?? run.info.cwd);
    this.startedAt = run.info.startedAt;
    this.run = this.attached = run;
    this.sendEvent(new OutputEvent(`rankscope: watching ${run.info.program} on ${run.info.np} rank${run.info.np === 1 ? '' : 's'} (pid ${run.info.pid}, started by ${run.info.launcher}); its output is in the terminal it was started from\n`, 'console'));
    // No inspector events: processes of another launcher run without a debugger to attach.
    run.subscribe((e) => this.onRunEvent(e, undefined), { trace: false });
    this.hooks.runAttached?.(run);
    this.sendResponse(response);
  }

  /** `stopOnEntry`: undefined when the session cannot debug the processes' sources (attached). */
  private onRunEvent(e: RunEvent, stopOnEntry: boolean | undefined): void {
    switch (e.type) {
      case 'processes':
        for (const p of e.processes) this.processes[p.index] = p;
        return this.threadsChanged(e.processes);
      case 'output':
        return this.sendEvent(new OutputEvent(this.shown(e.text), e.stream));
      case 'inspector':
        if (stopOnEntry === undefined) return;
        if (e.target.index >= 0) this.inspected.add(e.target.index);
        return this.custom('rankscope/inspector', { ...e.target, stopOnEntry });
      case 'deadlock':
        this.custom('rankscope/deadlock', e.deadlock);
        return this.stopForGood({ id: 'deadlock', description: 'Deadlock detected', details: e.deadlock.text }, e.deadlock.members[0]?.rank ?? 0);
      case 'end':
        return this.ended(e.end);
      case 'trace':
        return;
    }
  }

  /**
   * VS Code re-reads the thread list (and so each process's state, in its name) when told a thread
   * started: one event per changed process, a burst of batches told once (at the next turn).
   */
  private threadsChanged(processes: readonly ProcessInfo[]): void {
    const first = this.changed.size === 0;
    for (const p of processes) this.changed.add(p.index);
    if (first) setImmediate(() => this.flushThreads());
  }

  private flushThreads(): void {
    for (const i of this.changed) this.sendEvent(new Event('thread', { reason: 'started', threadId: threadId(i) }));
    this.changed.clear();
  }

  private ended(result: RunEnd): void {
    // The threads' last states first: the stop below lists them.
    this.flushThreads();
    this.sendEvent(new OutputEvent(`${endLine(result, Date.now() - this.startedAt)}\n`, 'console'));
    this.custom('rankscope/ended', { outcome: result.outcome, exitCode: result.exitCode, report: result.report, problems: result.problems });
    if (this.finalStop) return;
    if (['failed', 'misuse', 'aborted'].includes(result.outcome)) {
      const ranks = this.processes.filter(Boolean);
      const culprit = ranks.find((r) => r.status === 'failed') ?? ranks.find((r) => r.status === 'blocked') ?? ranks[0];
      const description = result.outcome === 'failed' ? `${culprit?.name ?? 'a process'} crashed` : result.outcome === 'misuse' ? 'Collective misuse' : 'Aborted';
      this.stopForGood({ id: 'crash', description, details: result.report ?? description }, culprit?.index ?? 0);
      return;
    }
    this.finish(result.exitCode);
  }

  /** Stops the session with the report; the user reads it, then continue or stop ends the session. */
  private stopForGood(stop: FinalStop, index: number): void {
    this.finalStop = stop;
    this.flushThreads();
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

  /**
   * `rankscope/ranksAttached` {indices}: the ranks whose js-debug target session is live now.
   * `rankscope/openInspectors`: a breakpoint was set in a run started without one: open the ranks'
   * inspectors (each then comes as a `rankscope/inspector` event, and a debugger attaches).
   */
  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    if (command === 'rankscope/openInspectors') {
      this.run?.openInspectors?.();
      return this.sendResponse(response);
    }
    if (command !== 'rankscope/ranksAttached') return super.customRequest(command, response, args);
    const now = new Set((args as { indices?: number[] } | undefined)?.indices ?? []);
    const was = this.debugged;
    this.debugged = now;
    // A rank whose debugger left (or came) changes which list it is in: VS Code re-reads threads.
    for (const i of new Set([...was, ...now])) {
      if (was.has(i) !== now.has(i)) this.sendEvent(new Event('thread', { reason: now.has(i) ? 'exited' : 'started', threadId: threadId(i) }));
    }
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    // After a deadlock or crash every rank is listed: the stop names one of them.
    const all = this.processes.filter(Boolean);
    const shown = all.filter((p) => this.finalStop || !this.debugged.has(p.index));
    // VS Code pauses a session through one of its threads: with none, Pause on the run would do
    // nothing. One thread alone is drawn as its frames under the session (none while it runs), not
    // as a second entry for its rank.
    response.body = { threads: rankThreads(shown.length > 0 ? shown : all.slice(0, 1)) };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const r = this.processes[indexOf(args.threadId)];
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

  /**
   * Pause: a rank under an inspector is paused by its debugger (the extension does it, told by
   * `rankscope/inDebuggers`), so it shows its JavaScript stack and variables; SIGSTOP is only for
   * the processes without one (a Ctrl+F5 run, a run attached from the CLI), which then show their
   * Rankscope state. Only those make this session stopped.
   */
  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.sendResponse(response);
    if (this.inspected.size === 0) {
      this.run?.pause();
      this.paused = true;
      this.sendEvent(allStopped(new StoppedEvent('pause', threadId(0))));
      return;
    }
    const live = this.processes.filter((p) => p && p.status !== 'finished' && p.status !== 'failed');
    const stopped = live.filter((p) => !this.inspected.has(p.index)).map((p) => p.index);
    this.custom('rankscope/inDebuggers', { command: 'pause', ranks: [...this.inspected].sort((a, b) => a - b) });
    if (stopped.length === 0) return;
    this.run?.pause(stopped);
    this.paused = true;
    for (const i of stopped) this.sendEvent(new StoppedEvent('pause', threadId(i)));
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    // After the final stop, the session ends with the job: its report is out by then.
    if (this.finalStop) {
      if (this.run) void this.run.ended.then((r) => this.finish(r.exitCode));
      else this.finish(1);
      return;
    }
    this.run?.resume();
    // Continue after a Pause goes to the ranks their debuggers paused too.
    if (this.paused && this.inspected.size > 0) this.custom('rankscope/inDebuggers', { command: 'continue', ranks: [...this.inspected].sort((a, b) => a - b) });
    this.paused = false;
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

  private async disconnect(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments | undefined): Promise<void> {
    // Leaving a run we only watch lets it go on (as it was before we came), unless told to end it.
    if (this.attached && args?.terminateDebuggee !== true) {
      if (this.paused) this.attached.resume();
      this.attached.close?.();
    } else await this.stopJob();
    this.sendResponse(response);
  }

  /** Kills every process of the run and waits until they are gone. */
  private async stopJob(): Promise<void> {
    await this.run?.stop();
  }
}

function allStopped(e: StoppedEvent): StoppedEvent {
  (e as DebugProtocol.StoppedEvent).body.allThreadsStopped = true;
  return e;
}
