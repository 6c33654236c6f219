/**
 * This process's side of process management: asks the launcher to start children (it keeps warm
 * spares) and hears when they exit. Every process of a job is a child of the launcher, so nothing
 * is orphaned, and every process's output is streamed and tagged like a rank's.
 */
import type { ChildTarget, LauncherToRank } from '../../contract/control.js';
import { runtime } from '../current.js';

export interface ChildExit {
  code: number | null;
  signal: string | null;
}

const pending = new Map<number, { resolve: (v: { index: number; pid: number }) => void; reject: (e: Error) => void }>();
const exits = new Map<number, ChildExit>();
const exitWaiters = new Map<number, ((e: ChildExit) => void)[]>();
let nextReq = 1;

runtime.control?.onMessage((msg: LauncherToRank) => {
  if (msg.t === 'spawned' || msg.t === 'spawn-failed') {
    const p = pending.get(msg.req);
    pending.delete(msg.req);
    if (msg.t === 'spawned') p?.resolve({ index: msg.index, pid: msg.pid });
    else p?.reject(new Error(msg.message));
  } else if (msg.t === 'exited') {
    const e = { code: msg.code, signal: msg.signal };
    exits.set(msg.index, e);
    for (const w of exitWaiters.get(msg.index) ?? []) w(e);
    exitWaiters.delete(msg.index);
  }
});

/**
 * Why this process cannot start children, or undefined when it can: only `rankscope run` starts
 * them (a rank under mpiexec or srun has no launcher of ours to ask, and a bare `node` none at all).
 */
function cannotSpawn(): string | undefined {
  if (runtime.cluster) return `multiprocessing cannot start processes in ranks started by ${runtime.cluster.launch.launcher}`;
  if (!runtime.control) return 'child processes need the Rankscope launcher';
  return undefined;
}

/** Asks the launcher for a child. Fails at once (on the caller's line) where none can be started. */
export function spawnChild(name: string, daemon: boolean, target: ChildTarget, payload: Uint8Array): Promise<{ index: number; pid: number }> {
  const control = runtime.control;
  const why = cannotSpawn();
  if (why || !control) {
    const caller = target.kind === 'pool-worker' ? 'mp.Pool' : 'Process.start';
    return Promise.reject(new Error(`${caller}: ${why}; run this program with \`rankscope run FILE\``));
  }
  const req = nextReq++;
  const started = new Promise<{ index: number; pid: number }>((resolve, reject) => pending.set(req, { resolve, reject }));
  control.send({ t: 'spawn', req, name, daemon, target, payload });
  return started;
}

/** The exit of child `index`, once known. */
export function childExit(index: number): ChildExit | undefined {
  return exits.get(index);
}

export function waitForExit(index: number): Promise<ChildExit> {
  const known = exits.get(index);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => exitWaiters.set(index, [...(exitWaiters.get(index) ?? []), resolve]));
}

export function signalChild(index: number, signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT'): void {
  runtime.control?.send({ t: 'signal', index, signal });
}
