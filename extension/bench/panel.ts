/**
 * The benchmark panel's host ("Rankscope: Open Benchmark"): one webview panel that runs the
 * runtime's benchmark engine on the form's request, streams progress (and partial results while
 * the panel is visible), saves each finished run in the workspace's .rankscope/bench/, and
 * reopens or compares saved runs. Speaks only webview/bench/protocol.ts.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BENCH_DIR, BenchError, defaultWorkers, listResults, loadResult, runBenchmark, saveResult } from '../../runtime/bench/index.js';
import { BUILTINS, type WorkloadSpec } from '../../runtime/bench/contract/protocol.js';
import { BUILTIN_WORKLOADS } from '../../runtime/bench/contract/workloads.js';
import { webviewHtml } from '../../webview/common/html.js';
import { BENCH_PANEL_VERSION as v, type HostToWebview, type RunRequest, type WebviewToHost } from '../../webview/bench/protocol.js';

export const BENCH_VIEW_TYPE = 'rankscope.benchmark';

export class BenchPanel {
  private panel: vscode.WebviewPanel | undefined;
  private running: AbortController | undefined;
  private output: vscode.OutputChannel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly storage: vscode.Uri) {}

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(BENCH_VIEW_TYPE, 'Rankscope: Benchmark', vscode.ViewColumn.Active, {
      enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    });
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'bench.js'));
    panel.webview.html = webviewHtml({ scriptUri: script.toString(), cspSource: panel.webview.cspSource, nonce: randomBytes(18).toString('base64url'), title: 'Rankscope: Benchmark' });
    panel.webview.onDidReceiveMessage((m: WebviewToHost) => void this.onMessage(m));
    panel.onDidDispose(() => {
      this.running?.abort();
      this.panel = undefined;
    });
    this.panel = panel;
  }

  /** The workspace folder's .rankscope/bench/, or the extension's storage without a workspace. */
  private get dir(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, BENCH_DIR) : path.join(this.storage.fsPath, 'bench');
  }

  private post(m: HostToWebview): void {
    void this.panel?.webview.postMessage(m);
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    if (m.v !== v) return;
    switch (m.type) {
      case 'ready': {
        const builtins = BUILTINS.map((name) => ({ name, unit: BUILTIN_WORKLOADS[name].unit, sizes: BUILTIN_WORKLOADS[name].defaultSizes }));
        return this.post({ type: 'init', v, defaults: { cores: os.availableParallelism(), workers: defaultWorkers(), builtins }, saved: listResults(this.dir), running: Boolean(this.running) });
      }
      case 'run':
        return this.run(m.request);
      case 'cancel':
        return this.running?.abort();
      case 'open':
        try {
          return this.post({ type: 'result', v, result: loadResult(m.file), partial: false, compare: m.compare });
        } catch (e) {
          return this.post({ type: 'error', v, message: (e as Error).message });
        }
      case 'reveal':
        await vscode.window.showTextDocument(vscode.Uri.file(m.file));
    }
  }

  private workload(r: RunRequest['workload']): WorkloadSpec {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const abs = (p: string): string => path.resolve(root, p);
    if (r.kind === 'function') return { ...r, module: abs(r.module) };
    if (r.kind === 'program') return { kind: 'program', program: abs(r.program), args: [] };
    return r;
  }

  private async run(request: RunRequest): Promise<void> {
    if (this.running) return this.post({ type: 'error', v, message: 'A benchmark is already running: cancel it first.' });
    const controller = new AbortController();
    this.running = controller;
    this.output ??= vscode.window.createOutputChannel('Rankscope Benchmark');
    const output = this.output;
    try {
      const result = await runBenchmark({
        workload: this.workload(request.workload), sizes: request.sizes, workers: request.workers, modes: request.modes,
        budget: { pointSeconds: request.pointSeconds }, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, node: 'node',
        signal: controller.signal,
        onProgress: (done, what) => this.post({ type: 'progress', v, done, what }),
        onOutput: (text) => output.append(text),
        // Partial results redraw every chart: only worth it while someone can see them.
        onPartial: (partial) => this.panel?.visible && this.post({ type: 'result', v, result: partial, partial: true }),
      });
      saveResult(this.dir, result);
      this.post({ type: 'result', v, result, partial: false });
      this.post({ type: 'saved', v, saved: listResults(this.dir) });
    } catch (e) {
      if (!(e instanceof BenchError)) throw e;
      this.post({ type: 'error', v, message: e.message.replace('; its report is above', ''), report: e.report });
    } finally {
      this.running = undefined;
      this.post({ type: 'ended', v });
    }
  }
}
