/**
 * The Message Queues view (TotalView's message-queue view): for each rank of the run being
 * watched, its sends not yet matched, receives posted, collectives entered. Computed from the
 * run's trace events received so far (runtime/contract/message-queues.ts), so it holds while the
 * ranks are paused.
 */
import * as vscode from 'vscode';
import { anyText, MessageQueues, type RankQueues } from '../../runtime/contract/message-queues.js';
import type { Run, RunEnd } from '../../runtime/launcher/index.js';
import { debounce, openSiteCommand, type Site } from './open-site.js';
import { runEndedItem } from './run-ended.js';

type Node = { rank: RankQueues } | { item: vscode.TreeItem };

export class MessageQueuesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private model = new MessageQueues();
  private cwd = '';
  private ended?: RunEnd;
  private unsubscribe?: () => void;
  private readonly refresh = debounce(() => this.changed.fire());

  /** Shows `run`'s queues from now on (a new run replaces the last). */
  watch(run: Run): void {
    this.unsubscribe?.();
    this.model = new MessageQueues();
    this.cwd = run.info.cwd;
    this.ended = undefined;
    this.unsubscribe = run.subscribe((e) => {
      if (e.type === 'end') this.ended = e.end;
      if (e.type === 'end') return this.refresh();
      if (e.type !== 'trace') return;
      this.model.add(e.events);
      this.refresh();
    });
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('item' in node) return node.item;
    const q = node.rank;
    const n = q.sends.length + q.recvs.length + q.collectives.length;
    const item = new vscode.TreeItem(`rank ${q.rank}`, n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // Only what is there: "1 send, 2 receives", not "0 collective".
    const counts = ([[q.sends.length, 'send'], [q.recvs.length, 'receive'], [q.collectives.length, 'collective']] as const)
      .filter(([k]) => k > 0).map(([k, what]) => `${k} ${what}${k === 1 ? '' : 's'}`);
    item.description = n ? counts.join(', ') : 'nothing pending';
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const ranks = this.model.queues().map((rank): Node => ({ rank }));
      return this.ended && ranks.length ? [{ item: runEndedItem(this.ended) }, ...ranks] : ranks;
    }
    if ('item' in node) return [];
    const q = node.rank;
    return [
      ...q.sends.map((s) => this.leaf(`send → ${s.peer ?? '?'}`, `tag ${s.tag ?? 0}, ${s.comm}${s.bytes !== undefined ? `, ${s.bytes} B` : ''} · not matched`, s.site)),
      ...q.recvs.map((r) => this.leaf(`${r.op} ← ${anyText(r.source, 'ANY_SOURCE')}`, `tag ${anyText(r.tag, 'ANY_TAG')}, ${r.comm} · posted`, r.site)),
      ...q.collectives.map((c) => this.leaf(c.op, `${c.comm} · ${c.entered}${c.groupSize ? ` of ${c.groupSize}` : ''} in`, c.site)),
    ];
  }

  private leaf(label: string, description: string, site?: Site): Node {
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = site ? `${description} · ${site.file.split(/[\\/]/).pop()}:${site.line}` : description;
    if (site) item.command = openSiteCommand(site, this.cwd);
    return { item };
  }

  dispose(): void {
    this.unsubscribe?.();
    this.changed.dispose();
  }
}
