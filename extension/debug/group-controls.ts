/**
 * The process group made visible and selectable: a status bar item while a rankscope session runs
 * (`$(debug-alt) Ranks: all (9)`), whose click (or `Rankscope: Choose Rank Group`) opens a quick
 * pick of the groups, and the Call Stack context menu's "Act on This Rank Only" / "Act on All Ranks".
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ALL, groupLabel, rankSet, RankSetError, type RankGroup } from './groups.js';
import type { GroupFanOut } from './group-fanout.js';
import type { RankDebuggers } from './rank-debuggers.js';

export const CHOOSE_COMMAND = 'rankscope.chooseRankGroup';

export class GroupControls implements vscode.Disposable {
  /** The group Continue, Step and Pause act on; kept from run to run, as the status bar shows it. */
  group: RankGroup = ALL;
  private readonly item = vscode.window.createStatusBarItem('rankscope.rankGroup', vscode.StatusBarAlignment.Left, 50);
  /** The rankscope sessions running, latest last: the status bar speaks of the latest. */
  private readonly runs: vscode.DebugSession[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly debuggers: RankDebuggers, private readonly fanOut: GroupFanOut, debugType: string) {
    this.item.name = 'Rankscope Rank Group';
    this.item.command = CHOOSE_COMMAND;
    this.subscriptions = [
      this.item,
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === debugType && !s.parentSession) this.runs.push(s);
        this.update();
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        const i = this.runs.indexOf(s);
        if (i >= 0) this.runs.splice(i, 1);
        this.update();
      }),
      debuggers.onDidChange(() => this.update()),
      vscode.commands.registerCommand(CHOOSE_COMMAND, () => this.choose()),
      vscode.commands.registerCommand('rankscope.actOnThisRankOnly', () => this.set({ kind: 'focused' })),
      vscode.commands.registerCommand('rankscope.actOnAllRanks', () => this.set(ALL)),
    ];
  }

  private get run(): vscode.DebugSession | undefined {
    return this.runs[this.runs.length - 1];
  }

  /** The number of ranks of the latest run: its `np`, or the ranks that have a debugger. */
  private size(): number {
    const run = this.run;
    if (!run) return 0;
    const np: unknown = run.configuration.np;
    return Math.max(typeof np === 'number' ? np : 0, this.debuggers.of(run).length);
  }

  private set(group: RankGroup): void {
    this.group = group;
    this.update();
  }

  private update(): void {
    const run = this.run;
    if (!run) {
      this.item.hide();
      return;
    }
    const ranks = this.debuggers.of(run);
    const stopped = ranks.filter((d) => d.stoppedThread !== undefined).length;
    this.item.text = `$(debug-alt) Ranks: ${groupLabel(this.group, this.size())}`;
    this.item.tooltip = `Continue, Step and Pause in one rank also act on the other ranks of this group (${stopped} of ${ranks.length} debugged ranks stopped). Click to choose the group.`;
    // Read aloud (and by the tests): the group and how many ranks are stopped.
    this.item.accessibilityInformation = { label: `Rank group ${groupLabel(this.group, this.size())}: ${stopped} of ${ranks.length} debugged ranks stopped` };
    this.item.show();
  }

  private async choose(): Promise<void> {
    const size = this.size();
    const at = this.fanOut.stoppedAt(vscode.debug.activeDebugSession);
    const current = (kind: RankGroup['kind']): string | undefined => (this.group.kind === kind ? 'current' : undefined);
    type Item = vscode.QuickPickItem & { group?: RankGroup };
    const items: Item[] = [
      { label: '$(layers) All ranks', description: current('all'), detail: 'Continue, Step and Pause act on every rank', group: ALL },
      { label: '$(target) Focused rank only', description: current('focused'), detail: 'Act on the rank whose session you press them in', group: { kind: 'focused' } },
      {
        label: `$(debug-stackframe) Ranks stopped at ${at ? `${path.basename(at)}` : "the focused rank's line"}`,
        description: current('sameLine'),
        detail: 'Act on the focused rank and the ranks stopped at the same line as it',
        group: { kind: 'sameLine' },
      },
      { label: '$(edit) Choose ranks…', description: this.group.kind === 'set' ? `current: ${this.group.text}` : undefined, detail: 'A set of ranks such as 0-3,7' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Rankscope: Act on Which Ranks', placeHolder: `Continue, Step and Pause act on: ${groupLabel(this.group, size)}` });
    if (!picked) return;
    if (picked.group) return this.set(picked.group);
    const text = await vscode.window.showInputBox({
      title: 'Rankscope: Choose Ranks',
      prompt: size ? `Ranks of this ${size}-rank run (0-${size - 1}): ranks and low-high ranges, e.g. 0-3,7` : 'Ranks and low-high ranges, e.g. 0-3,7',
      placeHolder: '0-3,7',
      value: this.group.kind === 'set' ? this.group.text : '',
      validateInput: (v) => {
        try {
          rankSet(v, size || Number.MAX_SAFE_INTEGER);
          return undefined;
        } catch (e) {
          if (e instanceof RankSetError) return e.message;
          throw e;
        }
      },
    });
    if (text !== undefined) this.set(rankSet(text, size || Number.MAX_SAFE_INTEGER));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
