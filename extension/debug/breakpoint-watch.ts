/**
 * Breakpoints set after F5: a debug run started without breakpoints runs its ranks with the
 * inspector closed (a run nobody debugs pays nothing for it). The first breakpoint added while
 * such a run goes on asks its adapter to open every rank's inspector; each rank then comes as a
 * `rankscope/inspector` event, VS Code's JavaScript debugger attaches, and the breakpoint binds in
 * every rank: the next one to reach it stops.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './configuration.js';

export function watchBreakpoints(): vscode.Disposable {
  // VS Code names only the active session: keep the runs that could open their inspectors.
  const runs = new Set<vscode.DebugSession>();
  return vscode.Disposable.from(
    vscode.debug.onDidStartDebugSession((s) => {
      if (s.type === DEBUG_TYPE && s.configuration.inspectOnDemand === true) runs.add(s);
    }),
    vscode.debug.onDidTerminateDebugSession((s) => runs.delete(s)),
    vscode.debug.onDidChangeBreakpoints((e) => {
      if (!e.added.some((b) => b.enabled)) return;
      for (const run of runs) {
        // Once is enough: the debuggers that attach set every breakpoint, later ones too.
        runs.delete(run);
        run.customRequest('rankscope/openInspectors').then(undefined, () => {
          // The run ended meanwhile: nothing to open.
        });
      }
    }),
  );
}
