/**
 * "Rankscope: Run with N ranks…": asks how many ranks, then starts the `rankscope` debug type on
 * the file (the editor's, or the one clicked in the explorer).
 */
import * as vscode from 'vscode';
import { runFileConfiguration } from '../debug/configuration.js';

export async function runWithRanks(uri: vscode.Uri | undefined): Promise<void> {
  const file = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
  if (!file) {
    void vscode.window.showErrorMessage('Rankscope: open the .ts program to run first.');
    return;
  }
  const answer = await vscode.window.showInputBox({
    title: 'Rankscope: Run with N ranks',
    prompt: 'Number of ranks (processes) to start',
    value: '4',
    validateInput: (s) => (/^\s*[1-9]\d*\s*$/.test(s) ? undefined : 'a whole number of ranks, 1 or more'),
  });
  if (answer === undefined) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  await vscode.debug.startDebugging(folder, runFileConfiguration(file, Number(answer)));
}
