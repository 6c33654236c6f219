/**
 * "Rankscope: Run with N ranks…": asks how many ranks, then starts the `rankscope` debug type on
 * the file clicked in the explorer, else the editor's, else one the user picks (pick-program.ts).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { runFileConfiguration } from '../debug/configuration.js';
import { pickProgram } from './pick-program.js';

export async function runWithRanks(uri: vscode.Uri | undefined): Promise<void> {
  const file = uri?.fsPath ?? editorFile() ?? (await openPicked());
  if (!file) return;
  const answer = await vscode.window.showInputBox({
    title: `Rankscope: Run ${vscode.workspace.asRelativePath(file)} with N ranks`,
    prompt: 'Number of ranks (processes) to start',
    value: String(suggestedRanks(file)),
    validateInput: (s) => (/^\s*[1-9]\d*\s*$/.test(s) ? undefined : 'a whole number of ranks, 1 or more'),
  });
  if (answer === undefined) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  await vscode.debug.startDebugging(folder, runFileConfiguration(file, Number(answer)));
}

/**
 * A program picked with no editor in front is opened first: the user sees the code the run stops
 * in, and the run starts from its editor (started from the walkthrough's page, the session failed
 * with "An unknown error occurred" in code-server 4.100.3).
 */
async function openPicked(): Promise<string | undefined> {
  const file = await pickProgram();
  if (file) await vscode.window.showTextDocument(vscode.Uri.file(file));
  return file;
}

function editorFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
}

/** The count a program's "// Run: rankscope run -n N" comment gives (every MPI sample has one; the deadlock needs 6 or more), else 4. */
function suggestedRanks(file: string): number {
  try {
    const m = /rankscope run -n (\d+)/.exec(fs.readFileSync(file, 'utf8').slice(0, 4000));
    return m ? Number(m[1]) : 4;
  } catch {
    return 4;
  }
}
