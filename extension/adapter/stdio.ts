/**
 * The adapter as a program of its own, speaking DAP on stdin/stdout: for DebugClient tests and for
 * editors other than VS Code. The extension runs the same session inline instead.
 */
import { DebugSession } from '@vscode/debugadapter';
import { RankscopeSession } from './session.js';

class StdioSession extends RankscopeSession {
  constructor() {
    super({});
  }
}

DebugSession.run(StdioSession);
