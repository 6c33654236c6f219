/**
 * "Rankscope: Open the Samples": copies the samples that ship with the extension (every example
 * of the course chapter, with a launch configuration each) into a folder the user picks, and opens
 * the copy; the installed extension's own folder is not a place to edit files in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function openSamples(extensionUri: vscode.Uri): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Copy the samples here', title: 'Rankscope: where should the samples go?' });
  if (!picked?.[0]) return;
  const to = path.join(picked[0].fsPath, 'rankscope-samples');
  if (fs.existsSync(to)) {
    const open = await vscode.window.showWarningMessage(`${to} already exists.`, 'Open it', 'Cancel');
    if (open !== 'Open it') return;
  } else {
    fs.cpSync(vscode.Uri.joinPath(extensionUri, 'samples').fsPath, to, { recursive: true });
  }
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(to), { forceNewWindow: Boolean(vscode.workspace.workspaceFolders?.length) });
}
