/**
 * Runs our debug adapter inline, in the extension host: the session's Run is then in this process,
 * and the diagram and the reports subscribe to it directly, without a round trip through the
 * workbench.
 */
import * as vscode from 'vscode';
import type { Run } from '../../runtime/launcher/index.js';
import type { CheckedLaunch } from '../adapter/launch-config.js';
import { RankscopeSession } from '../adapter/session.js';

export class InlineAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly jobStarted: (session: vscode.DebugSession, run: Run, launch: CheckedLaunch) => void) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    return new vscode.DebugAdapterInlineImplementation(new RankscopeSession({ jobStarted: (run, launch) => this.jobStarted(session, run, launch) }));
  }
}
