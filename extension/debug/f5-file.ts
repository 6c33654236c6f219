/**
 * F5 on a Rankscope program in a folder without launch.json. VS Code would ask which debugger to
 * use (Node.js preselected), and Node.js cannot run `rankscope/*` imports. Instead, a keybinding
 * contributed for F5 and Ctrl+F5, active only when the `rankscope.f5RunsFile` context key is set,
 * starts a Rankscope run of the file: no picker. The key holds while the editor's file imports a
 * `rankscope` module and its folder has no launch configurations (those keep F5 to themselves).
 */
import * as vscode from 'vscode';
import { importsRankscope } from '../adapter/program-mode.js';
import { runFileConfiguration } from './configuration.js';

export const F5_CONTEXT_KEY = 'rankscope.f5RunsFile';
/** Enough of a file to see its imports; the key is recomputed on every edit of the active file. */
const HEAD_CHARS = 100_000;

export function watchF5Context(): vscode.Disposable {
  let shown: boolean | undefined;
  const update = (): void => {
    const now = f5RunsFile(vscode.window.activeTextEditor?.document);
    if (now === shown) return;
    shown = now;
    void vscode.commands.executeCommand('setContext', F5_CONTEXT_KEY, now);
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && update()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('launch') && update()),
    vscode.workspace.onDidChangeWorkspaceFolders(update),
  );
}

function f5RunsFile(doc: vscode.TextDocument | undefined): boolean {
  if (!doc || doc.uri.scheme !== 'file' || !['typescript', 'javascript'].includes(doc.languageId)) return false;
  return importsRankscope(doc.getText().slice(0, HEAD_CHARS)) && !hasLaunchConfigurations(doc.uri);
}

function hasLaunchConfigurations(uri: vscode.Uri): boolean {
  const launch = vscode.workspace.getConfiguration('launch', uri);
  return (launch.get<unknown[]>('configurations') ?? []).length > 0 || (launch.get<unknown[]>('compounds') ?? []).length > 0;
}

/** F5 (and Ctrl+F5, `noDebug`) on the active file: an MPI program on 4 ranks, a multiprocessing one once. */
export async function runActiveFile(noDebug: boolean): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  await vscode.debug.startDebugging(folder, runFileConfiguration(doc.uri.fsPath), { noDebug });
}
