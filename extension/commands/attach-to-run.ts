/**
 * "Rankscope: Attach to Run": the runs published in the workspace folders (`rankscope run` in a
 * terminal, ranks under mpiexec/srun, the stdio adapter), live ones first. A live run opens as a
 * `rankscope` debug session of request `attach` — its processes in the Call Stack with their state
 * and pending call, pause/continue/stop acting on the run — with its live diagram; an ended one
 * opens its record in the diagram.
 */
import * as vscode from 'vscode';
import { listRuns, type ListedRun } from '../../runtime/attach/list-runs.js';
import { runLabel } from '../../runtime/attach/run-labels.js';
import { DEBUG_TYPE } from '../debug/configuration.js';

interface RunItem extends vscode.QuickPickItem {
  run: ListedRun;
}

/** What the command does with an ended record: open it in the diagram. */
export type OpenRecord = (file: string) => void;

export async function attachToRun(openRecord: OpenRecord): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const runs = (await Promise.all(folders.map((f) => listRuns(f.uri.fsPath)))).flat();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Rankscope: no run to attach to in this workspace. Start one in a terminal in the workspace folder (`rankscope run -n 4 program.ts`), then run this command again.');
    return;
  }
  const now = Date.now();
  const items: (RunItem | vscode.QuickPickItem)[] = [];
  let section: string | undefined;
  for (const run of runs) {
    const kind = run.kind === 'live' ? 'Running' : 'Ended';
    if (kind !== section) items.push({ label: (section = kind), kind: vscode.QuickPickItemKind.Separator });
    items.push({ ...runLabel(run, now), run });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Rankscope: Attach to Run', placeHolder: 'A run started in this workspace (rankscope run, mpiexec, srun)', matchOnDetail: true });
  if (!picked || !('run' in picked)) return;
  await open(picked.run, openRecord);
}

async function open(run: ListedRun, openRecord: OpenRecord): Promise<void> {
  if (run.kind === 'unreadable') {
    void vscode.window.showErrorMessage(`Rankscope: ${run.error}`);
    return;
  }
  if (run.kind === 'ended') return openRecord(run.file);
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(run.info.cwd));
  await vscode.debug.startDebugging(folder, attachConfiguration(run.file, run.info.program, run.info.pid));
}

/** The debug configuration that attaches to the run a descriptor names. */
export function attachConfiguration(descriptor: string, program: string, pid: number): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'attach', name: `Attach: ${program} (pid ${pid})`, descriptor };
}
