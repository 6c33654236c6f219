/**
 * launch.json for `rankscope`: fills what F5 on a bare file needs, decides whether ranks start under
 * the inspector (only when a breakpoint could be hit: no cost otherwise), and offers "Run current
 * file with N ranks" among the dynamic configurations.
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

function hasSourceBreakpoints(): boolean {
  return vscode.debug.breakpoints.some((b) => b.enabled && b instanceof vscode.SourceBreakpoint && SOURCE.test(b.location.uri.fsPath));
}

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
    config.attachRanks = !config.noDebug && (config.stopOnEntry === true || hasSourceBreakpoints());
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
