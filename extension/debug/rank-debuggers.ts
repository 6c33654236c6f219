/**
 * Which js-debug session debugs which rank, and whether that rank is stopped. The one place the
 * extension learns this: the Call Stack naming, the process groups (continue/pause/step a group)
 * and the merged-stack view all read it here instead of each tracking sessions of their own.
 *
 * js-debug's attach is two sessions: the one we start for a rank (its configuration carries
 * `rankscopeRank`) is only a parent; the rank's JavaScript runs in a child session js-debug starts
 * for the target, and only that child answers threads, stackTrace, continue, pause and steps.
 */
import * as vscode from 'vscode';

/** The configuration key that marks a js-debug attach session as one rank's (rank-sessions.ts). */
export const RANK_KEY = 'rankscopeRank';

export interface RankDebugger {
  /** Process index in the run. */
  readonly index: number;
  /** The rankscope session the rank belongs to. */
  readonly run: vscode.DebugSession;
  /** The attach session we started for the rank. */
  readonly root: vscode.DebugSession;
  /** js-debug's child session for the rank's target, once it started: send DAP requests here. */
  target?: vscode.DebugSession;
  /** The thread that is stopped (a `stopped` event, not yet `continued`), else undefined. */
  stoppedThread?: number;
  /** Why it stopped, as DAP says (`breakpoint`, `pause`, `step`, `exception`, …). */
  stopReason?: string;
}

export class RankDebuggers implements vscode.Disposable {
  private readonly byRoot = new Map<string, RankDebugger>();
  private readonly changed = new vscode.EventEmitter<RankDebugger>();
  /** A rank's debugger started, stopped, continued or ended. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.debug.onDidStartDebugSession((s) => this.started(s)),
      vscode.debug.onDidTerminateDebugSession((s) => this.terminated(s)),
      vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
        // The adapter's first messages (a rank's stop among them) can come before VS Code says the
        // session started: know the session from its tracker on.
        createDebugAdapterTracker: (s) => {
          this.started(s);
          return { onDidSendMessage: (m: unknown) => this.message(s, m as DapMessage) };
        },
      }),
    ];
  }

  /** The ranks of `run` that have a debugger attached, by index. */
  of(run: vscode.DebugSession): RankDebugger[] {
    return [...this.byRoot.values()].filter((d) => d.run.id === run.id).sort((a, b) => a.index - b.index);
  }

  /** The rank whose attach session or target session is `session`. */
  find(session: vscode.DebugSession): RankDebugger | undefined {
    return this.byRoot.get(session.id) ?? [...this.byRoot.values()].find((d) => d.target?.id === session.id);
  }

  private started(s: vscode.DebugSession): void {
    if (this.find(s)) return;
    const index = rankOf(s);
    if (index !== undefined && s.parentSession) {
      this.byRoot.set(s.id, { index, run: s.parentSession, root: s });
      return;
    }
    const d = s.parentSession && this.byRoot.get(s.parentSession.id);
    if (!d) return;
    d.target = s;
    this.changed.fire(d);
  }

  private terminated(s: vscode.DebugSession): void {
    const d = this.find(s);
    if (!d) return;
    if (d.root.id === s.id) this.byRoot.delete(s.id);
    else d.target = undefined;
    d.stoppedThread = undefined;
    this.changed.fire(d);
  }

  private message(s: vscode.DebugSession, m: DapMessage): void {
    if (m.type !== 'event' || (m.event !== 'stopped' && m.event !== 'continued')) return;
    const d = this.find(s);
    if (!d || d.target?.id !== s.id) return;
    if (m.event === 'stopped') {
      d.stoppedThread = m.body?.threadId;
      d.stopReason = m.body?.reason;
    } else {
      d.stoppedThread = undefined;
      d.stopReason = undefined;
    }
    this.changed.fire(d);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

interface DapMessage {
  type: string;
  event?: string;
  body?: { threadId?: number; reason?: string; allThreadsContinued?: boolean };
}

function rankOf(s: vscode.DebugSession): number | undefined {
  const v: unknown = s.configuration[RANK_KEY];
  return typeof v === 'number' ? v : undefined;
}
