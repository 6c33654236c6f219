/**
 * The Parallel Stacks view (Linaro DDT's parallel stack view): every rank of the run grouped by
 * where it is, "7 ranks at deadlock.ts:9", each group expandable to its callers and ranks, a click
 * opening the line. A rank stopped in its debugger shows its real user stack (js-debug's
 * stackTrace); a rank running or blocked shows where the run says it is (its pending call).
 */
import * as vscode from 'vscode';
import type { ProcessInfo, Run } from '../../runtime/launcher/index.js';
import type { RankDebuggers } from '../debug/rank-debuggers.js';
import { debounce, openSiteCommand } from './open-site.js';
import { frameLabel, mergeStacks, nodeLabel, type Frame, type RankPosition, type StackNode } from './stack-tree.js';

type Node = { group: StackNode } | { rank: RankPosition };

export class ParallelStacksView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last state of each process: a `processes` event carries the ones that changed. */
  private processes = new Map<number, ProcessInfo>();
  private session?: vscode.DebugSession;
  private cwd = '';
  private roots: StackNode[] = [];
  private positions = new Map<number, RankPosition>();
  private unsubscribe?: () => void;
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
    this.unsubscribe = run.subscribe((e) => {
      if (e.type !== 'processes') return;
      for (const p of e.processes) this.processes.set(p.index, p);
      this.refresh();
    }, { trace: false });
  }

  private async recompute(): Promise<void> {
    const positions = new Map<number, RankPosition>();
    for (const p of this.processes.values()) {
      const state = p.status === 'blocked' && p.pending ? `blocked in ${p.pending.text}` : p.status;
      positions.set(p.index, { rank: p.index, state, frames: p.pending?.site && p.status !== 'finished' ? [p.pending.site] : [] });
    }
    const stopped = this.session ? this.debuggers.of(this.session).filter((d) => d.target && d.stoppedThread !== undefined) : [];
    await Promise.all(stopped.map(async (d) => {
      try {
        const reply = (await d.target!.customRequest('stackTrace', { threadId: d.stoppedThread, levels: 50 })) as { stackFrames: DapFrame[] };
        const frames = reply.stackFrames.filter(isUserFrame).map((f): Frame => ({ file: f.source!.path!, line: f.line, column: f.column, name: f.name }));
        positions.set(d.index, { rank: d.index, state: `stopped (${d.stopReason ?? 'paused'})`, frames });
      } catch {
        // The rank resumed or ended while we asked: the run's own position stands.
      }
    }));
    this.positions = positions;
    this.roots = mergeStacks([...positions.values()]);
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('rank' in node) {
      const item = new vscode.TreeItem(`rank ${node.rank.rank}`, vscode.TreeItemCollapsibleState.None);
      item.description = node.rank.state;
      const top = node.rank.frames[0];
      if (top) item.command = openSiteCommand(top, this.cwd);
      return item;
    }
    const g = node.group;
    const item = new vscode.TreeItem(nodeLabel(g), vscode.TreeItemCollapsibleState.Collapsed);
    if (g.frame) {
      item.description = g.frame.name;
      item.tooltip = `${frameLabel(g.frame)}: ranks ${g.ranks.join(', ')}`;
      item.command = openSiteCommand(g.frame, this.cwd);
    }
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots.map((group) => ({ group }));
    if ('rank' in node) return [];
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

interface DapFrame { name: string; line: number; column: number; presentationHint?: string; source?: { path?: string; presentationHint?: string } }

/** The user's frames only: not node internals, dependencies, or what js-debug skips (skipFiles). */
function isUserFrame(f: DapFrame): boolean {
  const p = f.source?.path;
  if (!p || p.startsWith('node:') || p.includes('<node_internals>') || p.includes('/node_modules/')) return false;
  const hint = f.presentationHint ?? f.source?.presentationHint;
  return hint !== 'deemphasize' && hint !== 'subtle' && hint !== 'label';
}
