/**
 * A program that does not build (a syntax error, an unknown import) shows its errors in the
 * Problems view at their lines, as a compiler's would, not only in a notification cut to its
 * first line. They stay until the next Rankscope run starts (which builds again).
 */
import * as vscode from 'vscode';
import type { BuildProblem } from '../../runtime/launcher/index.js';

export class BuildProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('rankscope');

  /** A new run builds the program again: what the last build said no longer holds. */
  clear(): void {
    this.collection.clear();
  }

  show(problems: readonly BuildProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const d = new vscode.Diagnostic(new vscode.Range(at, at), p.text, vscode.DiagnosticSeverity.Error);
      d.source = 'rankscope';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
