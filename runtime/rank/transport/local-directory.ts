/**
 * Peers on this machine, started by `rankscope run`: each rank listens on `r<rank>.sock` in the
 * job's directory. The launcher starts them all at once, so a peer may not be listening yet when
 * another first sends to it, and may stay so for as long as a debugger holds it: an `.up` marker
 * beside its socket tells "not yet" from "gone", an `.exited` marker (the launcher's, once it sees
 * the process end) tells "not yet" from "never", and their appearance (watched) says when to try again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PeerDirectory, PeerEndpoint } from './peer-mesh.js';
import { exitMarkerPath } from '../../contract/job-dir.js';

export class LocalDirectory implements PeerDirectory {
  private watcher: fs.FSWatcher | undefined;
  /** Who waits for which markers to appear (any one of them). */
  private waiting: { names: string[]; resolve: () => void }[] = [];

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

  exited(rank: number): boolean {
    return fs.existsSync(this.exitMarker(rank));
  }

  /** Settles when `rank`'s listening or exit marker appears (at once if one is there). */
  listening(rank: number): Promise<void> {
    const names = [path.basename(this.marker(rank)), path.basename(this.exitMarker(rank))];
    return new Promise((resolve) => {
      this.waiting.push({ names, resolve });
      this.watch();
      // Made between the caller's look and the watch: no event will say so.
      for (const name of names) if (fs.existsSync(`${this.jobDir}/${name}`)) this.appeared(name);
    });
  }

  private marker(rank: number): string {
    return `${this.jobDir}/r${rank}.sock.up`;
  }

  private exitMarker(rank: number): string {
    return exitMarkerPath(this.jobDir, rank);
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
    const woken = this.waiting.filter((w) => w.names.includes(name));
    if (woken.length === 0) return;
    this.waiting = this.waiting.filter((w) => !woken.includes(w));
    for (const w of woken) w.resolve();
    if (this.waiting.length === 0) this.unwatch();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
