/**
 * Source debugging inside each rank: when our adapter reports a rank waiting under `--inspect-brk`,
 * attach VS Code's built-in JavaScript debugger to it as a child of the `rankscope` session, so
 * breakpoints in the program's `.ts` file stop in every rank and the child sessions end with ours.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUNTIME_DIR } from '../../runtime/launcher/index.js';
import type { CustomEvents } from '../adapter/custom-events.js';
import { RANK_KEY } from './rank-debuggers.js';

/**
 * Runs in the rank for each object shown: a function expression (js-debug calls it with the
 * default description; no trailing `;`). It must be free of side effects, as js-debug evaluates a
 * property's description with `throwOnSideEffect` (so no `Symbol.for`, which registers a symbol;
 * js-debug's own default already honours `Symbol.for('debug.description')`).
 */
export const DESCRIBE = `function (def) {
  try {
    if (this === null || typeof this !== 'object') return def;
    const t = this.toString;
    if (typeof t === 'function' && t !== Object.prototype.toString && !Function.prototype.toString.call(t).includes('[native code]')) return String(t.call(this));
  } catch (e) {}
  return def;
}`;

/** A glob for the runtime's chunks that `bundle` imports (they sit beside it). */
function runtimeChunks(bundle: string): string {
  return path.join(path.dirname(bundle), `${path.basename(bundle, path.extname(bundle))}.runtime-*${path.extname(bundle)}`);
}

export function attachRank(parent: vscode.DebugSession, target: CustomEvents['rankscope/inspector']): void {
  const config: vscode.DebugConfiguration = {
    type: 'pwa-node',
    request: 'attach',
    name: target.name,
    // Marks the session as this rank's (rank-debuggers.ts finds the rank's debugger by it).
    [RANK_KEY]: target.index,
    websocketAddress: target.websocketAddress,
    continueOnAttach: !target.stopOnEntry,
    autoAttachChildProcesses: false,
    attachExistingChildren: false,
    restart: false,
    // The program is bundled (with our runtime) into a file outside the workspace. Naming it here
    // lets js-debug read its source map and bind the .ts breakpoints before the rank runs a line.
    outFiles: [target.bundle],
    // The runtime is in chunks beside the bundle (`program.runtime-<hash>.mjs`, bundle.ts): their
    // maps name our sources, which skipFiles covers; the chunks themselves too, should a map fail.
    resolveSourceMapLocations: [target.bundle, `${target.bundle}.map`, runtimeChunks(target.bundle), `${runtimeChunks(target.bundle)}.map`],
    skipFiles: ['<node_internals>/**', `${RUNTIME_DIR}/**`, runtimeChunks(target.bundle)],
    // Our adapter already shows every line the rank writes, tagged `[rank N]`; js-debug's copy of
    // console calls (and of uncaught errors) would show each line twice. 'std' makes js-debug
    // read the process's streams instead, which an attached session does not have.
    outputCapture: 'std',
    // Objects show what they say they are (`Intracomm(world, rank 3 of 9)`, a Request's call and
    // state): a toString of the object's own class (not a built-in's, which would turn every plain
    // object into "[object Object]"), else js-debug's own description.
    customDescriptionGenerator: DESCRIBE,
    // Every F5 run is debugged, breakpoints or not: js-debug's default async stacks (32 deep from
    // the attach on) made a message round trip 2-3× slower in a run with no breakpoint (bench/
    // inspector/cost.ts). They start once a breakpoint binds in the rank, when they are wanted.
    showAsyncStacks: { onceBreakpointResolved: 16 },
  };
  void vscode.debug.startDebugging(parent.workspaceFolder, config, {
    parentSession: parent,
    lifecycleManagedByParent: true,
    consoleMode: vscode.DebugConsoleMode.MergeWithParent,
    compact: false,
  }).then((ok) => {
    if (!ok) void vscode.window.showWarningMessage(`Rankscope: could not attach the JavaScript debugger to ${target.name}; breakpoints will not stop there.`);
  });
}
