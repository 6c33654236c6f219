/**
 * The first row of the Rankscope views once their run has ended. They keep the run's last state so
 * a deadlock can be read after the session stopped; this row says that is what they show, so
 * "blocked in recv" is not taken for a rank still waiting.
 */
import * as vscode from 'vscode';
import type { RunEnd } from '../../runtime/launcher/index.js';

const HOW: Partial<Record<RunEnd['outcome'], string>> = {
  deadlock: 'deadlock',
  failed: 'a process failed',
  misuse: 'MPI misuse',
  aborted: 'aborted',
  interrupted: 'stopped',
  'launch-error': 'did not start',
};

export function runEndedItem(end: RunEnd): vscode.TreeItem {
  const how = HOW[end.outcome];
  const item = new vscode.TreeItem(`Run ended${how ? `: ${how}` : ''} (exit status ${end.exitCode})`, vscode.TreeItemCollapsibleState.None);
  item.description = 'as it was then';
  item.iconPath = new vscode.ThemeIcon(end.outcome === 'ok' ? 'pass' : 'info');
  item.tooltip = end.report ?? item.label as string;
  return item;
}
