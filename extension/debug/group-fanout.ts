/**
 * Continue, Step Over/Into/Out and Pause pressed in one rank's js-debug session go to every other
 * rank of the current process group too (groups.ts), so a breakpoint all 9 ranks hit takes one
 * Continue, not 9. VS Code sends the pressed action to the focused rank's session; a tracker on
 * `pwa-node` sees that request leave and sends the same request to the group's other ranks that
 * are in the state it needs (stopped for Continue and the steps, running for Pause).
 *
 * Pause (and Continue after it) pressed on the rankscope session itself comes back from our adapter
 * as `rankscope/inDebuggers`: the ranks it left to their debuggers, paused here through js-debug
 * so each shows its JavaScript stack (a SIGSTOP would leave it "running — Unknown Source").
 *
 * For the `same line` group it also remembers where each stopped rank is (its top user frame):
 * by the time the pressed request is seen, the acting rank is already on its way to resume.
 */
import * as vscode from 'vscode';
import type { CustomEvents } from '../adapter/custom-events.js';
import { membersBesides, membersOfRun, type RankGroup, type RankState } from './groups.js';
import type { RankDebugger, RankDebuggers } from './rank-debuggers.js';

/** The requests that fan out. */
const ACTIONS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'pause']);
/** Marks a request this module sent, so that its tracker does not fan it out again. */
const SENT_BY_GROUP = 'rankscopeGroupFanOut';

interface DapRequest {
  type: string;
  command?: string;
  arguments?: Record<string, unknown>;
}

interface DapFrame {
  line: number;
  presentationHint?: string;
  source?: { path?: string; presentationHint?: string };
}

export class GroupFanOut implements vscode.Disposable {
  /** Top user frame (`path:line`) of each stopped rank, by its target session's id. */
  private readonly where = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly debuggers: RankDebuggers, private readonly group: () => RankGroup) {
    this.subscriptions = [
      debuggers.onDidChange((d) => this.locate(d)),
      vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
        createDebugAdapterTracker: (s) => ({ onWillReceiveMessage: (m: unknown) => this.pressed(s, m as DapRequest) }),
      }),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.event === 'rankscope/inDebuggers') this.pressedInRun(e.session, e.body as CustomEvents['rankscope/inDebuggers']);
      }),
    ];
  }

  /** Pause or Continue pressed on the rankscope session `run`: its group's ranks, through their debuggers. */
  private pressedInRun(run: vscode.DebugSession, body: CustomEvents['rankscope/inDebuggers']): void {
    const ranks = this.debuggers.of(run).filter((d) => d.target && body.ranks.includes(d.index));
    const members = membersOfRun(this.group(), ranks.map((d) => d.index));
    for (const d of ranks) if (members.includes(d.index)) void this.send(d, body.command, {});
  }

  /** Where the rank debugged by `session` is stopped (`path:line` of its top user frame), if known. */
  stoppedAt(session: vscode.DebugSession | undefined): string | undefined {
    const d = session && this.debuggers.find(session);
    return d?.target && d.stoppedThread !== undefined ? this.where.get(d.target.id) : undefined;
  }

  private locate(d: RankDebugger): void {
    const target = d.target;
    if (!target) return;
    this.where.delete(target.id);
    const thread = d.stoppedThread;
    if (thread === undefined) return;
    target.customRequest('stackTrace', { threadId: thread, startFrame: 0, levels: 20 }).then((r: { stackFrames?: DapFrame[] }) => {
      const top = topUserFrame(r.stackFrames ?? []);
      // Resumed (or stopped again) while the answer was on its way: that answer is stale.
      if (top && d.target === target && d.stoppedThread === thread) this.where.set(target.id, top);
    }, () => undefined);
  }

  private pressed(session: vscode.DebugSession, m: DapRequest): void {
    if (m.type !== 'request' || !m.command || !ACTIONS.has(m.command) || m.arguments?.[SENT_BY_GROUP]) return;
    const acting = this.debuggers.find(session);
    if (!acting || acting.target?.id !== session.id) return;
    const ranks = this.debuggers.of(acting.run).filter((d) => d.target);
    const members = membersBesides(this.group(), this.state(acting), ranks.map((d) => this.state(d)));
    for (const d of ranks) if (members.includes(d.index)) void this.send(d, m.command, m.arguments ?? {});
  }

  private state(d: RankDebugger): RankState {
    if (d.stoppedThread === undefined || !d.target) return { index: d.index };
    // Stopped where we do not know yet: a place of its own, so it joins no `same line` group.
    return { index: d.index, stoppedAt: this.where.get(d.target.id) ?? `unknown place of rank ${d.index}` };
  }

  private async send(d: RankDebugger, command: string, pressed: Record<string, unknown>): Promise<void> {
    const target = d.target;
    if (!target) return;
    const args: Record<string, unknown> = { [SENT_BY_GROUP]: true };
    if (command === 'pause') {
      if (d.stoppedThread !== undefined) return;
      const threads = (await target.customRequest('threads') as { threads?: { id: number }[] }).threads ?? [];
      if (!threads[0]) return;
      args.threadId = threads[0].id;
    } else {
      if (d.stoppedThread === undefined) return;
      args.threadId = d.stoppedThread;
      // A step's granularity (statement, line) is the user's; a stepIn target is the acting rank's own.
      if (pressed.granularity !== undefined) args.granularity = pressed.granularity;
    }
    try {
      await target.customRequest(command, args);
    } catch (e) {
      // The rank moved on meanwhile (finished, or resumed by itself): nothing left to do there.
      console.warn(`rankscope: ${command} in rank ${d.index}: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** `path:line` of the first frame in the user's code (js-debug de-emphasises what skipFiles covers). */
function topUserFrame(frames: DapFrame[]): string | undefined {
  const user = frames.find((f) => f.source?.path && f.source.presentationHint !== 'deemphasize' && f.presentationHint !== 'label' && f.presentationHint !== 'subtle');
  const f = user ?? frames.find((x) => x.source?.path);
  return f?.source?.path ? `${f.source.path}:${f.line}` : undefined;
}
