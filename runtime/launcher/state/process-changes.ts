/**
 * Which processes changed for a watcher: JobState marks a process whenever its status, pending
 * call, name, error or exit may have moved, and `take` gives, once, those that a watcher would
 * see differently than last time (a call begun and ended between two looks is no news).
 */
import type { ProcessInfo } from '../../contract/run.js';
import type { RankState } from './job-state.js';

export class ProcessChanges {
  private readonly touched = new Set<number>();
  /** What each process looked like when last given out. */
  private readonly reported: string[] = [];

  touch(index: number): void {
    this.touched.add(index);
  }

  take(ranks: readonly RankState[]): ProcessInfo[] {
    if (this.touched.size === 0) return [];
    const changed: ProcessInfo[] = [];
    for (const i of [...this.touched].sort((a, b) => a - b)) {
      const info = processInfo(ranks[i]);
      const key = JSON.stringify(info);
      if (this.reported[i] === key) continue;
      this.reported[i] = key;
      changed.push(info);
    }
    this.touched.clear();
    return changed;
  }
}

/** A process as watchers see it (no launcher internals: open calls, when it was signalled). */
export function processInfo(r: RankState): ProcessInfo {
  const op = r.blockedIn;
  return {
    index: r.rank, name: r.name, parent: r.parent, pid: r.pid, status: r.status,
    pending: op && { text: op.text, site: op.site, since: op.t },
    exitCode: r.exitCode, signal: r.signal, error: r.error,
  };
}
