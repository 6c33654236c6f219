/**
 * The child side of `Process.start()`: after the re-imported program's body has run, find the
 * exported target or `Process` subclass, rebuild the instance with its fields, run it, and exit
 * with Python's exit codes (0, 1 on an exception, or what `process.exit` was given).
 */
import { runtime } from '../current.js';
import { afterEntryModule, entryModule } from '../entry-hooks.js';
import { context, ProcessInfo } from './context.js';
import { exitAfterChildren } from './main.js';
import { Process } from './process.js';
import type { WorkerSetup } from './pool-protocol.js';
import { runPoolWorker } from './pool-worker.js';
import { setParentName } from './parent.js';
import { unpackInChild } from './transfer.js';
import { withSourceLines } from './traceback.js';

interface ChildPayload {
  args: unknown[];
  fields: Record<string, unknown>;
  identity: number[];
  authkey?: Uint8Array;
  parentName?: string;
}

function fail(message: string): Promise<never> {
  process.stderr.write(`${message}\n`);
  return exitAfterChildren(1);
}

async function runChild(): Promise<void> {
  const b = runtime.become!;
  const mod = entryModule() ?? {};
  const file = runtime.env.program ?? 'the program';
  const payload = unpackInChild(b.payload) as ChildPayload;
  if (b.target.kind === 'pool-worker') {
    context.becomeChild(payload.identity, new ProcessInfo(b.name, process.pid, true));
    return exitAfterChildren(await runPoolWorker(payload.args[0] as WorkerSetup));
  }
  let proc: Process;
  const found = mod[b.target.name];
  if (b.target.kind === 'class') {
    const Cls = b.target.name === 'Process' ? Process : found;
    if (typeof Cls !== 'function' || !(Cls === Process || Cls.prototype instanceof Process)) {
      return fail(`Process ${b.name}: ${file} does not export a Process subclass named ${b.target.name}; export it so the child can find it`);
    }
    proc = Object.create((Cls as typeof Process).prototype) as Process;
    Object.assign(proc, { target: undefined, args: payload.args }, payload.fields);
  } else {
    if (typeof found !== 'function') return fail(`Process ${b.name}: ${file} does not export a function named ${b.target.name}; write \`export function ${b.target.name}\``);
    proc = Object.create(Process.prototype) as Process;
    Object.assign(proc, { target: found, args: payload.args });
  }
  Object.assign(proc, { name: b.name, daemon: b.daemon, pid: process.pid, exitCode: null, authkey: payload.authkey ?? context.authkey(), _state: 'started', _index: b.index });
  context.becomeChild(payload.identity, proc, payload.authkey);
  if (payload.parentName) setParentName(payload.parentName);
  // Python's child turns SIGINT into KeyboardInterrupt (exit code 1); a target that removes this
  // listener gets the default action back (killed by SIGINT, exit code -2), as with SIG_DFL.
  process.on('SIGINT', () => {
    process.stderr.write(`Process ${b.name}:\nKeyboardInterrupt\n`);
    void exitAfterChildren(1);
  });
  try {
    await proc.run();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`Process ${b.name}:\n${withSourceLines(e.stack ?? e.message, runtime.env.program)}\n`);
    return exitAfterChildren(1);
  }
  // Python's child waits for its non-daemonic threads before it exits; here, for the work its
  // target left running (a pending timer, an un-awaited task that still waits): the child ends
  // once its event loop has nothing left (the runtime's own sockets do not count).
  await new Promise((resolve) => process.once('beforeExit', resolve));
  return exitAfterChildren(0);
}

if (runtime.become) afterEntryModule(() => void runChild());
