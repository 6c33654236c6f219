/**
 * Where this process stands in the multiprocessing tree: whether it may create processes now
 * (inside `mp.main` in the main process, inside the target in a child), how it numbers its
 * children's default names, its authentication key, and what `mp.currentProcess()` returns.
 */
import { randomBytes } from 'node:crypto';
import { currentIdentity } from '../identity.js';

/** What `mp.currentProcess()` returns: in a child, its own `Process` object; else a `ProcessInfo`. */
export interface CurrentProcess {
  name: string;
  pid: number | undefined;
  readonly ident: number | undefined;
  daemon: boolean;
  /** Python's `authkey`: the main process's random key, which every child inherits. */
  authkey: Uint8Array;
  exitCode: number | null;
  readonly exitcode: number | null;
  isAlive(): boolean;
}

/** The main process (or a pool worker) as `mp.currentProcess()` shows it: alive, running this code. */
export class ProcessInfo implements CurrentProcess {
  exitCode: number | null = null;
  authkey: Uint8Array;
  constructor(public name: string, public pid: number | undefined, public daemon: boolean) {
    this.authkey = context.authkey();
  }
  get ident(): number | undefined {
    return this.pid;
  }
  get exitcode(): number | null {
    return this.exitCode;
  }
  isAlive(): boolean {
    return true;
  }
  is_alive(): boolean {
    return true;
  }
  toString(): string {
    return `<_MainProcess name='${this.name}' parent=None started${this.daemon ? ' daemon' : ''}>`;
  }
}

let mainDepth = 0;
let childRunning = false;
/** Python's `_identity`: the main process is (), its first child (1), that child's first child (1, 1). */
let identityPath: number[] = [];
let current: CurrentProcess | undefined;
let key: Uint8Array | undefined;

export const context = {
  mayCreateProcesses(): boolean {
    return mainDepth > 0 || childRunning;
  },
  enterMain(): void {
    mainDepth++;
  },
  leaveMain(): void {
    mainDepth--;
  },
  isChild(): boolean {
    return currentIdentity().parent !== undefined;
  },
  /** Called in a child once it starts its target, with the key its parent gave it. */
  becomeChild(path: number[], proc: CurrentProcess, authkey?: Uint8Array): void {
    identityPath = path;
    if (authkey) key = authkey;
    current = proc;
    childRunning = true;
  },
  identityPath(): number[] {
    return identityPath;
  },
  /** `1` in the main process; `1:2` for the second child of the first child, and so on. */
  childNumber(n: number): string {
    return [...identityPath, n].join(':');
  },
  /** 32 random bytes made once in the main process (as Python's `os.urandom(32)`), inherited by children. */
  authkey(): Uint8Array {
    key ??= new Uint8Array(randomBytes(32));
    return key;
  },
  current(): CurrentProcess {
    current ??= new ProcessInfo(currentIdentity().name, process.pid, false);
    return current;
  },
};
