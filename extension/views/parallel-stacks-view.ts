/**
 * The Parallel Stacks view (Linaro DDT's parallel stack view): every rank of the run grouped by
 * where it is, "7 ranks at deadlock.ts:9", each group expandable to its callers and ranks, a click
 * opening the line. A rank stopped in its debugger shows its real user stack (js-debug's
 * stackTrace); a rank running or blocked shows where the run says it is (its pending call).
 */
import * as vscode from 'vscode';
import type { ProcessInfo, Run, RunEnd } from '../../runtime/launcher/index.js';
import type { RankDebuggers } from '../debug/rank-debuggers.js';
import { debounce, openSiteCommand } from './open-site.js';
import { runEndedItem } from './run-ended.js';
import { frameLabel, mergeStacks, nodeLabel, type Frame, type RankPosition, type StackNode } from './stack-tree.js';

type Node = { group: StackNode } | { rank: RankPosition } | { ended: RunEnd };

export class ParallelStacksView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last state of each process: a `processes` event carries the ones that changed. */
  private processes = new Map<number, ProcessInfo>();
  private session?: vscode.DebugSession;
  private ended?: RunEnd;
  private cwd = '';
  private roots: StackNode[] = [];
  private positions = new Map<number, RankPosition>();
  private unsubscribe?: () => void;
  /** Counts recomputes: one that a later one overtook (its stackTrace requests were slower) is dropped. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];
  private readonly refresh = debounce(() => void this.recompute());

  constructor(private readonly debuggers: RankDebuggers) {
    this.subscriptions = [this.changed, debuggers.onDidChange(() => this.refresh())];
  }

  /** Shows `run` (started by `session` when it is a debug session) from now on. */
  watch(run: Run, session?: vscode.DebugSession): void {
    this.unsubscribe?.();
    this.session = session;
    this.cwd = run.info.cwd;
    this.processes = new Map();
    this.ended = undefined;
    // The views' empty state now says the run is starting, not that there is none (package.json viewsWelcome).
    void vscode.commands.executeCommand('setContext', 'rankscope.watchingRun', true);
    this.unsubscribe = run.subscribe((e) => {
      if (e.type === 'end') this.ended = e.end;
      if (e.type === 'end') return this.refresh();
      if (e.type !== 'processes') return;
      for (const p of e.processes) this.processes.set(p.index, p);
      this.refresh();
    }, { trace: false });
  }

  private async recompute(): Promise<void> {
    const generation = ++this.generation;
    const positions = new Map<number, RankPosition>();
    for (const p of this.processes.values()) {
      const state = p.status === 'blocked' && p.pending ? `blocked in ${p.pending.text}` : stateText(p);
      // The group's line is labelled with the call pending there (`recv`), as a frame with its function.
      const frames = p.pending?.site && p.status !== 'finished' ? [{ ...p.pending.site, name: p.pending.text.replace(/\(.*$/s, '') }] : [];
      positions.set(p.index, { rank: p.index, name: p.name, state, frames });
    }
    const stopped = this.session ? this.debuggers.of(this.session).filter((d) => d.target && d.stoppedThread !== undefined) : [];
    await Promise.all(stopped.map(async (d) => {
      try {
        const reply = (await d.target!.customRequest('stackTrace', { threadId: d.stoppedThread, levels: 50 })) as { stackFrames: DapFrame[] };
        const frames = reply.stackFrames.filter(isUserFrame).map((f): Frame => ({ file: f.source!.path!, line: f.line, column: f.column, name: f.name }));
        positions.set(d.index, { rank: d.index, name: positions.get(d.index)?.name, state: `stopped (${d.stopReason ?? 'paused'})`, frames });
      } catch {
        // The rank resumed or ended while we asked: the run's own position stands.
      }
    }));
    if (generation !== this.generation) return;
    this.positions = positions;
    this.roots = mergeStacks([...positions.values()]);
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('ended' in node) return runEndedItem(node.ended);
    if ('rank' in node) {
      const item = new vscode.TreeItem(node.rank.name ?? `rank ${node.rank.rank}`, vscode.TreeItemCollapsibleState.None);
      item.description = node.rank.state;
      const top = node.rank.frames[0];
      if (top) item.command = openSiteCommand(top, this.cwd);
      return item;
    }
    const g = node.group;
    const item = new vscode.TreeItem(nodeLabel(g, this.noun()), vscode.TreeItemCollapsibleState.Collapsed);
    if (g.frame) {
      item.description = g.frame.name;
      item.tooltip = `${frameLabel(g.frame)}: ${g.ranks.map((r) => this.positions.get(r)?.name ?? `rank ${r}`).join(', ')}`;
      item.command = openSiteCommand(g.frame, this.cwd);
    }
    return item;
  }

  /** A multiprocessing run's processes are not ranks: count them as what they are. */
  private noun(): 'rank' | 'process' {
    return [...this.positions.values()].every((p) => !p.name || /^rank \d+$/.test(p.name)) ? 'rank' : 'process';
  }

  getChildren(node?: Node): Node[] {
    if (!node) return [...(this.ended && this.roots.length ? [{ ended: this.ended }] : []), ...this.roots.map((group) => ({ group }))];
    if (!('group' in node)) return [];
    return [
      ...node.group.callers.map((group) => ({ group })),
      ...node.group.here.map((r) => ({ rank: this.positions.get(r)! })),
    ];
  }

  dispose(): void {
    this.unsubscribe?.();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Its status, and how it ended when that is news (`failed (exit code 1)`, `failed (SIGKILL)`). */
function stateText(p: ProcessInfo): string {
  if (p.signal) return `${p.status} (${p.signal})`;
  if (p.exitCode !== undefined && p.exitCode !== null && p.exitCode !== 0) return `${p.status} (exit code ${p.exitCode})`;
  return p.status;
}

/**
 * Rankscope: Show Parallel Stacks. The Rankscope panel's views show from the first run on
 * (`rankscope.hasRun`); asked for before one, they show now, saying how to start a run.
 */
export async function showParallelStacks(): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'rankscope.hasRun', true);
  await vscode.commands.executeCommand('rankscope.parallelStacks.focus');
}

interface DapFrame { name: string; line: number; column: number; presentationHint?: string; source?: { path?: string; presentationHint?: string } }

/** The user's frames only: not node internals, dependencies, or what js-debug skips (skipFiles). */
function isUserFrame(f: DapFrame): boolean {
  const p = f.source?.path;
  if (!p || p.startsWith('node:') || p.includes('<node_internals>') || p.includes('/node_modules/')) return false;
  const hint = f.presentationHint ?? f.source?.presentationHint;
  return hint !== 'deemphasize' && hint !== 'subtle' && hint !== 'label';
}
