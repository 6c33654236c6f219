/** Opening a place in the user's source from a tree item: a click on a group, rank or queue entry. */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const OPEN_SITE = 'rankscope.openSite';

export interface Site { file: string; line: number; column?: number }

/** The command a tree item runs to open `site` (file absolute, or relative to the run's cwd). */
export function openSiteCommand(site: Site, cwd: string): vscode.Command {
  const file = path.resolve(cwd, site.file);
  return { command: OPEN_SITE, title: 'Open', arguments: [file, site.line, site.column ?? 1] };
}

export function registerOpenSite(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SITE, async (file: string, line: number, column: number) => {
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos), preview: true });
  });
}

/** Calls `fn` once after a burst of calls settles: events arrive in bursts, the tree redraws once. */
export function debounce(fn: () => void, ms = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; fn(); }, ms);
  };
}
