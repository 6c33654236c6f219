/**
 * The adapter as a program of its own, speaking DAP on stdin/stdout: for DebugClient tests and for
 * editors other than VS Code. The extension runs the same session inline instead. Every run it
 * launches is published (`rankscope/published` names where), so a diagram in another process can
 * watch it.
 */
import { DebugSession } from '@vscode/debugadapter';
import { RankscopeSession } from './session.js';

class StdioSession extends RankscopeSession {
  constructor() {
    // Its runs are in this process: published, so a diagram elsewhere can attach to them.
    super({ publish: true });
  }
}

DebugSession.run(StdioSession);
