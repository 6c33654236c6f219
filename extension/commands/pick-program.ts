/**
 * Which program "Run with N ranks" runs when no editor holds one, as when its button is pressed in
 * the walkthrough (the walkthrough, not a program, is then in front): one of the workspace's
 * programs that use rankscope, a file chosen from disk, or — with none at hand — the samples.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Choice extends vscode.QuickPickItem {
  /** The program's path, or undefined when the choice did something else instead. */
  choose(): Promise<string | undefined>;
}

export async function pickProgram(): Promise<string | undefined> {
  const programs = await workspacePrograms();
  const choices: Choice[] = [
    ...programs.map((uri): Choice => ({ label: vscode.workspace.asRelativePath(uri), choose: async () => uri.fsPath })),
    { label: '$(file) Choose a file…', choose: chooseFile },
    { label: '$(book) Open the Samples', description: 'copy the samples into a folder and open it', choose: openSamples },
  ];
  const picked = await vscode.window.showQuickPick(choices, {
    title: 'Rankscope: which program should run?',
    placeHolder: programs.length ? 'a program of this workspace, or another file' : 'no program using rankscope in this workspace: choose a file, or get the samples',
  });
  return picked?.choose();
}

/** The workspace's programs that import rankscope, the deadlock sample first (the walkthrough's step is about it). */
async function workspacePrograms(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.{ts,mts,js,mjs}', '**/node_modules/**', 1000);
  const usesRankscope = await Promise.all(files.map(async (f) => /['"]rankscope(\/|['"])/.test(new TextDecoder().decode(await vscode.workspace.fs.readFile(f)))));
  const rank = (u: vscode.Uri): number => (path.basename(u.fsPath) === 'deadlock.ts' ? 0 : 1);
  return files.filter((_, i) => usesRankscope[i]).sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
}

async function chooseFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Run', title: 'Rankscope: the program to run', filters: { 'TypeScript or JavaScript': ['ts', 'mts', 'js', 'mjs'] } });
  return picked?.[0]?.fsPath;
}

async function openSamples(): Promise<undefined> {
  await vscode.commands.executeCommand('rankscope.openSamples');
  return undefined;
}
