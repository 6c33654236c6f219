/**
 * Peers on this machine, started by `rankscope run`: each rank listens on `r<rank>.sock` in the
 * job's directory. The launcher starts them all at once, so a peer may not be listening yet when
 * another first sends to it; an `.up` marker beside its socket tells "not yet" from "gone", and
 * its appearance (watched) says when to try again.
 */
import * as fs from 'node:fs';
import type { PeerDirectory, PeerEndpoint } from './peer-mesh.js';

export class LocalDirectory implements PeerDirectory {
  private watcher: fs.FSWatcher | undefined;
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly jobDir: string) {}

  addressOf(rank: number): PeerEndpoint {
    return { path: `${this.jobDir}/r${rank}.sock` };
  }

  listenedBefore(rank: number): boolean {
    return fs.existsSync(this.marker(rank));
  }

  /**
   * Says that `rank` listens now. The marker outlives the socket file (which goes when the
   * process exits), so peers can tell "gone" from "not started yet".
   */
  markListening(rank: number): void {
    fs.writeFileSync(this.marker(rank), '');
  }

  /** Settles when `rank`'s marker appears (at once if it is there). */
  listening(rank: number): Promise<void> {
    const name = `r${rank}.sock.up`;
    return new Promise((resolve) => {
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), resolve]);
      this.watch();
      // Made between the caller's look and the watch: no event will say so.
      if (fs.existsSync(this.marker(rank))) this.appeared(name);
    });
  }

  private marker(rank: number): string {
    return `${this.jobDir}/r${rank}.sock.up`;
  }

  private watch(): void {
    if (this.watcher) return;
    try {
      this.watcher = fs.watch(this.jobDir, (_event, name) => {
        if (name) this.appeared(name.toString());
      });
    } catch {
      return; // no watching here: the caller's back-off still retries
    }
    this.watcher.on('error', () => this.unwatch());
    this.watcher.unref();
  }

  private appeared(name: string): void {
    const waiters = this.waiting.get(name);
    if (!waiters) return;
    this.waiting.delete(name);
    for (const w of waiters) w();
    if (this.waiting.size === 0) this.unwatch();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
