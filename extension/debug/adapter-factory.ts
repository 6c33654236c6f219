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
  /** Sessions whose adapter runs here: their Run reaches the extension directly. */
  private readonly inline = new WeakSet<vscode.DebugSession>();

  constructor(
    private readonly jobStarted: (session: vscode.DebugSession, run: Run, launch: CheckedLaunch) => void,
    /** An `attach` session connected to a run another process publishes. */
    private readonly runAttached: (session: vscode.DebugSession, run: Run) => void,
  ) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    this.inline.add(session);
    return new vscode.DebugAdapterInlineImplementation(new RankscopeSession({
      jobStarted: (run, launch) => this.jobStarted(session, run, launch),
      runAttached: (run) => this.runAttached(session, run),
    }));
  }

  /** Whether this factory made the session's adapter (else it is, say, the stdio adapter as a debug server). */
  isInline(session: vscode.DebugSession): boolean {
    return this.inline.has(session);
  }
}
