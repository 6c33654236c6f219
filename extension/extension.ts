/**
 * Rankscope's VS Code glue: the `rankscope` debug type, its commands, the sequence diagram panel
 * and the benchmark panel. All the work (launching ranks, tracing, deadlock detection, measuring) is
 * the runtime's.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CustomEvents } from './adapter/custom-events.js';
import { BenchPanel } from './bench/panel.js';
import { attachToRun } from './commands/attach-to-run.js';
import { openSamples } from './commands/open-samples.js';
import { runWithRanks } from './commands/run-with-ranks.js';
import { InlineAdapterFactory } from './debug/adapter-factory.js';
import { BuildProblems } from './debug/build-problems.js';
import { runActiveFile, watchF5Context } from './debug/f5-file.js';
import { DEBUG_TYPE, DynamicConfigurations, RankscopeConfigurationProvider } from './debug/configuration.js';
import { GroupControls } from './debug/group-controls.js';
import { GroupFanOut } from './debug/group-fanout.js';
import type { RankGroup } from './debug/groups.js';
import { RankDebuggers } from './debug/rank-debuggers.js';
import { RankNames } from './debug/rank-names.js';
import { watchBreakpoints } from './debug/breakpoint-watch.js';
import { attachRank } from './debug/rank-sessions.js';
import { showDeadlock, showEnded } from './debug/reports.js';
import { DiagramPanels, VIEW_TYPE } from './diagram/panel.js';
import { savedRun, TraceFileError, type TitledRun } from './diagram/run-record.js';
import { MessageQueuesView } from './views/message-queues-view.js';
import { registerOpenSite } from './views/open-site.js';
import { ParallelStacksView, showParallelStacks } from './views/parallel-stacks-view.js';
import { RunClient } from '../runtime/attach/run-client.js';
import type { Run } from '../runtime/launcher/index.js';

export function activate(context: vscode.ExtensionContext): void {
  let lastRun: TitledRun | undefined;
  const panels = new DiagramPanels(context.extensionUri, () => lastRun);
  const openDiagram = (): void => panels.show(undefined);
  const bench = new BenchPanel(context.extensionUri, context.globalStorageUri);
  const problems = new BuildProblems();
  const rankDebuggers = new RankDebuggers();
  const rankNames = new RankNames(rankDebuggers);
  // Process groups: Continue/Step/Pause in one rank also act on the group's other ranks.
  const fanOut: GroupFanOut = new GroupFanOut(rankDebuggers, (): RankGroup => groups.group);
  const groups: GroupControls = new GroupControls(rankDebuggers, fanOut, DEBUG_TYPE);
  const stacks = new ParallelStacksView(rankDebuggers);
  const queues = new MessageQueuesView();

  /** A run to watch, whoever started it: its reports and its live diagram. */
  const watch = (run: Run, title: string, open: boolean, session?: vscode.DebugSession): void => {
    stacks.watch(run, session);
    queues.watch(run);
    // The views show from the first run on, and stay after it ends (a deadlock is read after).
    // Not `debugType == rankscope`: focusing a rank's js-debug session changes debugType.
    void vscode.commands.executeCommand('setContext', 'rankscope.hasRun', true);
    // The reports come from the run itself (once each), not from the adapter's DAP events.
    run.subscribe((e) => {
      if (e.type === 'deadlock') showDeadlock(e.deadlock, openDiagram);
      if (e.type !== 'end') return;
      if (e.end.problems?.length) problems.show(e.end.problems);
      showEnded(e.end, openDiagram);
    }, { trace: false });
    lastRun = { title, run };
    if (open) panels.show(lastRun, true);
    else if (panels.current) panels.show(lastRun, true);
  };
  const openOnStart = (): boolean => vscode.workspace.getConfiguration('rankscope').get<boolean>('openDiagramOnStart', true);

  const factory = new InlineAdapterFactory((session, run) => {
    // This run builds the program again: what the last build said no longer holds. (Here, not
    // on onDidStartDebugSession, which may arrive after a failed build has already reported.)
    problems.clear();
    rankNames.watch(session, run);
    watch(run, `${session.name} — ${path.basename(String(session.configuration.program))}`, openOnStart(), session);
  }, (session, run) => {
    // Attaching is asking to see the run: its diagram opens whatever the setting says.
    watch(run, `${session.name} — ${path.basename(run.info.program)}`, true, session);
  });

  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, factory),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new RankscopeConfigurationProvider()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new DynamicConfigurations(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels),
    problems,
    rankDebuggers,
    rankNames,
    fanOut,
    groups,
    stacks,
    queues,
    registerOpenSite(),
    watchBreakpoints(),
    vscode.window.registerTreeDataProvider('rankscope.parallelStacks', stacks),
    vscode.window.registerTreeDataProvider('rankscope.messageQueues', queues),
    vscode.commands.registerCommand('rankscope.showParallelStacks', showParallelStacks),
    watchF5Context(),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type !== DEBUG_TYPE) return;
      if (e.event === 'rankscope/inspector') attachRank(e.session, e.body as CustomEvents['rankscope/inspector']);
      // A rankscope adapter not running here (the stdio one, as a debug server) publishes its run:
      // the diagram attaches to it there. Sessions run inline hand the extension their Run directly.
      if (e.event === 'rankscope/published' && !factory.isInline(e.session)) {
        const body = e.body as CustomEvents['rankscope/published'];
        RunClient.connect(body.descriptor).then((run) => watch(run, `${e.session.name} — ${path.basename(run.info.program)}`, openOnStart()), (err: Error) => {
          void vscode.window.showWarningMessage(`Rankscope: cannot show the diagram of ${e.session.name}: ${err.message}`);
        });
      }
    }),
    vscode.commands.registerCommand('rankscope.debugFile', () => runActiveFile(false)),
    vscode.commands.registerCommand('rankscope.runFile', () => runActiveFile(true)),
    vscode.commands.registerCommand('rankscope.runWithRanks', (uri?: vscode.Uri) => runWithRanks(uri)),
    vscode.commands.registerCommand('rankscope.openSequenceDiagram', openDiagram),
    vscode.commands.registerCommand('rankscope.openTrace', () => openTrace(panels)),
    vscode.commands.registerCommand('rankscope.attachToRun', () => attachToRun()),
    vscode.commands.registerCommand('rankscope.exportChromeTrace', () => panels.exportChromeTrace()),
    vscode.commands.registerCommand('rankscope.exportPng', () => panels.command('export-png')),
    vscode.commands.registerCommand('rankscope.exportSvg', () => panels.command('export-svg')),
    vscode.commands.registerCommand('rankscope.jumpToDeadlock', () => panels.command('jump-to-deadlock')),
    vscode.commands.registerCommand('rankscope.openSamples', () => openSamples(context.extensionUri)),
    vscode.commands.registerCommand('rankscope.openBenchmark', () => bench.show()),
  );
}

export function deactivate(): void {}

async function openTrace(panels: DiagramPanels): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ filters: { 'Rankscope trace': ['json'] }, openLabel: 'Open Trace', canSelectMany: false });
  if (!picked?.[0]) return;
  try {
    panels.show(savedRun(picked[0].fsPath));
  } catch (e) {
    if (!(e instanceof TraceFileError)) throw e;
    void vscode.window.showErrorMessage(e.message);
  }
}
