/**
 * Where this process stands in the multiprocessing tree: whether it may create processes now
 * (inside `mp.main` in the main process, inside the target in a child), how it numbers its
 * children's default names, and what `mp.currentProcess()` returns.
 */
import { currentIdentity } from '../rank/identity.js';

export interface CurrentProcess {
  name: string;
  pid: number | undefined;
  daemon: boolean;
}

let mainDepth = 0;
let childRunning = false;
/** Python's `_identity`: the main process is (), its first child (1), that child's first child (1, 1). */
let identityPath: number[] = [];
let current: CurrentProcess | undefined;

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
  /** Called in a child once it starts its target. */
  becomeChild(path: number[], proc: CurrentProcess): void {
    identityPath = path;
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
  current(): CurrentProcess {
    return current ?? { name: currentIdentity().name, pid: process.pid, daemon: false };
  },
};
