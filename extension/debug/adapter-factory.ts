/**
 * Runs our debug adapter inline, in the extension host: the session's Job is then in this process,
 * and its trace feeds the diagram directly (launcher → adapter → panel host) without a round trip
 * through the workbench.
 */
import * as vscode from 'vscode';
import type { Job } from '../../runtime/launcher/job.js';
import type { CheckedLaunch } from '../adapter/launch-config.js';
import { RankscopeSession } from '../adapter/session.js';

export class InlineAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly jobStarted: (session: vscode.DebugSession, job: Job, launch: CheckedLaunch) => void) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    return new vscode.DebugAdapterInlineImplementation(new RankscopeSession({ jobStarted: (job, launch) => this.jobStarted(session, job, launch) }));
  }
}
