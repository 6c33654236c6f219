/**
 * The sequence diagram's panel host: one webview panel beside the editor, showing the current run
 * (live or loaded from a file). Speaks only the typed protocol of webview/sequence/protocol.ts;
 * opens source lines, saves exports, and survives window reloads through its serializer.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeChromeTrace } from '../../runtime/launcher/index.js';
import { webviewHtml } from '../../webview/common/html.js';
import { PROTOCOL_VERSION, type HostToWebview, type WebviewToHost } from '../../webview/sequence/protocol.js';
import { Feed } from './feed.js';
import { snapshot, type TitledRun } from './run-record.js';

export const VIEW_TYPE = 'rankscope.sequenceDiagram';

export class DiagramPanels implements vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private run: TitledRun | undefined;
  private feed: Feed | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly lastRun: () => TitledRun | undefined) {}

  /** Shows `run` in the panel (opening it beside the editor if needed). */
  show(run: TitledRun | undefined, preserveFocus = false): void {
    if (run) this.setRun(run);
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Rankscope: Sequence Diagram', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.options());
    this.adopt(panel);
  }

  /** Restores a panel after a window reload, showing the last run we know of. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.options();
    if (!this.run) {
      const last = this.lastRun();
      if (last) this.setRun(last);
    }
    this.adopt(panel);
  }

  /** Posts a command (fit, jump, export) to the webview, if it is open. */
  command(command: Extract<HostToWebview, { type: 'command' }>['command']): void {
    if (this.panel) void this.panel.webview.postMessage({ type: 'command', v: PROTOCOL_VERSION, command } satisfies HostToWebview);
  }

  get current(): TitledRun | undefined {
    return this.run;
  }

  private setRun(run: TitledRun): void {
    this.feed?.stop();
    this.run = run;
    this.feed = undefined;
    if (this.panel) this.startFeed(this.panel);
  }

  private startFeed(panel: vscode.WebviewPanel): void {
    if (!this.run) return;
    this.feed = new Feed(this.run, (m) => void panel.webview.postMessage(m), () => panel.visible);
    this.feed.replay();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'sequence.js'));
    panel.webview.html = webviewHtml({ scriptUri: script.toString(), cspSource: panel.webview.cspSource, nonce: nonce(), title: 'Rankscope: Sequence Diagram' });
    panel.webview.onDidReceiveMessage((m: WebviewToHost) => this.onMessage(panel, m));
    // What the run added while the panel was hidden goes out once it is shown.
    panel.onDidChangeViewState(() => panel.visible && this.feed?.flush());
    panel.onDidDispose(() => {
      this.feed?.stop();
      this.feed = undefined;
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private onMessage(panel: vscode.WebviewPanel, m: WebviewToHost): void {
    if (m.v !== PROTOCOL_VERSION) {
      // A page from another Rankscope (the window kept it across an update) cannot read our
      // messages: say so where the diagram would be, rather than show an empty panel.
      this.feed?.stop();
      this.feed = undefined;
      panel.webview.html = versionMismatchHtml();
      return;
    }
    switch (m.type) {
      case 'ready':
        // A fresh webview (first load, shown again, reloaded window): give it the whole run.
        if (!this.feed) this.startFeed(this.panel!);
        else this.feed.replay();
        return;
      case 'open-source':
        openSource(m.file, m.line, m.column).catch(failed('open the source'));
        return;
      case 'export-image':
        saveImage(m.format, m.data, this.suggested(m.whole ? `whole-run.${m.format}` : m.format)).catch(failed(`export the ${m.format.toUpperCase()}`));
        return;
      case 'export-chrome-trace':
        this.exportChromeTrace().catch(failed('export the trace'));
        return;
    }
  }

  /**
   * Where an export is offered: beside the program, named after it and its rank count
   * (`ring-9ranks.png`, `ring-9ranks.whole-run.png`), so exports of several runs do not overwrite each other by default.
   */
  private suggested(extension: string): vscode.Uri | undefined {
    const info = this.run?.run.info;
    if (!info) return undefined;
    const base = path.parse(info.programPath).name;
    return vscode.Uri.file(path.join(info.cwd, `${base}-${info.np}ranks.${extension}`));
  }

  async exportChromeTrace(): Promise<void> {
    const run = this.run;
    if (!run) return void vscode.window.showInformationMessage('Rankscope: no run to export yet; start one with F5 or open a trace.');
    const to = await vscode.window.showSaveDialog({ defaultUri: this.suggested('trace.json'), filters: { 'Chrome Trace JSON': ['json'] }, saveLabel: 'Export trace' });
    if (!to) return;
    const s = snapshot(run.run);
    writeChromeTrace(to.fsPath, s.events, s.names, { outcome: s.end?.outcome, exitCode: s.end?.exitCode, report: s.end?.report, deadlock: s.deadlock, potentialDeadlock: s.end?.potentialDeadlock });
    void vscode.window.showInformationMessage(`Rankscope: trace written to ${to.fsPath}; it opens in Perfetto (ui.perfetto.dev) and chrome://tracing.`);
  }
}

/** A click in the diagram that failed (file gone, folder read-only): say so, not an unhandled rejection nobody sees. */
function failed(action: string): (e: unknown) => void {
  return (e) => void vscode.window.showErrorMessage(`Rankscope: could not ${action}: ${e instanceof Error ? e.message : String(e)}`);
}

async function openSource(file: string, line: number, column: number): Promise<void> {
  const at = new vscode.Position(Math.max(line - 1, 0), Math.max(column - 1, 0));
  await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
}

async function saveImage(format: 'png' | 'svg', data: string, defaultUri: vscode.Uri | undefined): Promise<void> {
  const to = await vscode.window.showSaveDialog({ defaultUri, filters: { [format.toUpperCase()]: [format] }, saveLabel: `Export ${format.toUpperCase()}` });
  if (!to) return;
  const bytes = format === 'png' ? Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64') : Buffer.from(data, 'utf8');
  await vscode.workspace.fs.writeFile(to, bytes);
}

/** The whole page when the webview speaks another protocol version (no script: nothing to mismatch). */
function versionMismatchHtml(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head>
<body><div role="alert" style="margin:1em;padding:.6em 1em;border-left:4px solid var(--vscode-editorWarning-foreground);background:var(--vscode-inputValidation-warningBackground)">${MISMATCH_TEXT}</div></body></html>`;
}

const MISMATCH_TEXT = 'This panel is from another Rankscope version: reload the window (Developer: Reload Window).';

function nonce(): string {
  return randomBytes(18).toString('base64url');
}
