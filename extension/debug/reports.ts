/**
 * What the workbench shows when a run ends badly: the run's deadlock and crash reports as a
 * notification with a way to the sequence diagram.
 */
import * as vscode from 'vscode';
import type { DeadlockReport, RunEnd } from '../../runtime/launcher/index.js';

const SHOW = 'Show Sequence Diagram';

export function showDeadlock(d: DeadlockReport, showDiagram: () => void): void {
  notify(d.text, showDiagram);
}

export function showEnded(e: RunEnd, showDiagram: () => void): void {
  if (e.outcome === 'deadlock' || e.outcome === 'ok' || e.outcome === 'interrupted' || !e.report) return;
  notify(e.report, showDiagram);
}

function notify(report: string, showDiagram: () => void): void {
  // A notification shows its first line; the whole report is in the Debug Console and the diagram.
  const [first, ...rest] = report.split('\n');
  void vscode.window.showErrorMessage(first, { detail: rest.join('\n') }, SHOW).then((choice) => {
    if (choice === SHOW) showDiagram();
  });
}
