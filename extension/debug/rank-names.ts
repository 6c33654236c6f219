/**
 * One Call Stack entry per rank. js-debug's attach is two sessions, ours (a root js-debug session)
 * and its child for the target, started `compact`: VS Code's Call Stack then draws the pair as ONE
 * row, the child's ("Remote Process [0] « rank 3" unless renamed). So both sessions get the rank's
 * name and state — "rank 3 — blocked in recv(source=0) at ring.ts:14", "rank 3 — paused on
 * breakpoint" — and the rankscope session stops listing that rank as a thread of its own (it lists
 * it again if the debugger leaves).
 */
import * as vscode from 'vscode';
import { describeState } from '../adapter/rank-threads.js';
import type { ProcessInfo, Run } from '../../runtime/launcher/index.js';
import type { RankDebugger, RankDebuggers } from './rank-debuggers.js';

export class RankNames implements vscode.Disposable {
  /** Latest state of each process, by rankscope session id. */
  private readonly states = new Map<string, ProcessInfo[]>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly debuggers: RankDebuggers) {
    this.subscription = debuggers.onDidChange((d) => this.sync(d.run));
  }

  /** Follows `run`'s process states for the rankscope session `session`. */
  watch(session: vscode.DebugSession, run: Run): void {
    const states: ProcessInfo[] = [];
    this.states.set(session.id, states);
    run.subscribe((e) => {
      if (e.type === 'end') this.states.delete(session.id);
      if (e.type !== 'processes') return;
      for (const p of e.processes) states[p.index] = p;
      for (const d of this.debuggers.of(session)) this.rename(d, states[d.index]);
    }, { trace: false });
  }

  private sync(run: vscode.DebugSession): void {
    const ranks = this.debuggers.of(run);
    const states = this.states.get(run.id) ?? [];
    for (const d of ranks) this.rename(d, states[d.index]);
    const indices = ranks.filter((d) => d.target).map((d) => d.index);
    // The adapter may be gone (the run ended): nothing left to hide.
    void Promise.resolve(run.customRequest('rankscope/ranksAttached', { indices })).catch(() => undefined);
  }

  private rename(d: RankDebugger, p: ProcessInfo | undefined): void {
    const rank = p?.name ?? String(d.root.configuration.name);
    const state = stopState(d) ?? (p && describeState(p));
    const name = state ? `${rank} — ${state}` : rank;
    for (const s of [d.root, d.target]) if (s && s.name !== name) s.name = name;
  }

  dispose(): void {
    this.subscription.dispose();
    this.states.clear();
  }
}

/**
 * What js-debug stopped the rank for: while it is stopped, the runtime still calls it running
 * (or blocked, when a breakpoint stopped it inside a callback of a pending receive).
 */
function stopState(d: RankDebugger): string | undefined {
  if (d.stoppedThread === undefined) return undefined;
  if (d.stopReason === undefined || d.stopReason === 'pause') return 'paused';
  if (d.stopReason === 'step') return 'paused after a step';
  return `paused on ${d.stopReason}`;
}
