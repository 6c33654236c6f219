/**
 * launch.json for `rankscope`: fills what F5 on a bare file needs, starts ranks under the inspector
 * in a debug run with breakpoints, ready to open it in one without (so breakpoints added later
 * bind; Ctrl+F5 runs without it), and offers "Run current file with N ranks" among the dynamic
 * configurations.
 */
import * as vscode from 'vscode';
import type { RankscopeLaunchArguments } from '../adapter/launch-config.js';
import { programImports } from '../adapter/program-mode.js';

export const DEBUG_TYPE = 'rankscope';

export type RankscopeConfiguration = vscode.DebugConfiguration & RankscopeLaunchArguments;

/** A run of one file: `np` ranks, or by default 4 for an MPI program and 1 for a multiprocessing one. */
export function runFileConfiguration(file: string, np = defaultRanks(file)): RankscopeConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Rankscope: ${np} rank${np === 1 ? '' : 's'}`, program: file, np };
}

function defaultRanks(file: string): number {
  const imports = programImports(file);
  return imports.multiprocessing && !imports.mpi ? 1 : 4;
}

const SOURCE = /\.(m|c)?[jt]sx?$/;

export class RankscopeConfigurationProvider implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    // F5 with no launch.json: run the active file.
    if (!config.type && !config.request && !config.name) {
      const file = vscode.window.activeTextEditor?.document.uri.fsPath;
      if (!file || !SOURCE.test(file)) {
        void vscode.window.showErrorMessage('Rankscope: open the .ts program to run, or add a "rankscope" configuration to launch.json.');
        return undefined;
      }
      return runFileConfiguration(file);
    }
    return config;
  }

  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: RankscopeConfiguration): vscode.DebugConfiguration {
    // A debug (not Ctrl+F5) run with breakpoints starts its ranks waiting for their debuggers, so
    // a breakpoint on the first line stops; one without starts them with the inspector closed
    // (no cost) and opens it when a breakpoint is set (breakpoint-watch.ts).
    const debugging = !config.noDebug;
    config.attachRanks = debugging && (config.stopOnEntry === true || vscode.debug.breakpoints.some((b) => b.enabled));
    config.inspectOnDemand = debugging && !config.attachRanks;
    if (folder?.uri.scheme === 'file') config.workspaceFolder = folder.uri.fsPath;
    return config;
  }
}

/** The entries of the "Run and Debug" dropdown when there is no launch.json entry to pick. */
export class DynamicConfigurations implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [1, 2, 4, 9].map((np) => ({ ...runFileConfiguration('${file}', np), name: `Run current file with ${np} rank${np === 1 ? '' : 's'}` }));
  }
}
