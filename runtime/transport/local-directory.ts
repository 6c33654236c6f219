/**
 * Peers on this machine, started by `rankscope run`: each rank listens on `r<rank>.sock` in the
 * job's directory. The launcher starts them all at once, so a peer may not be listening yet when
 * another first sends to it; an `.up` marker beside its socket tells "not yet" from "gone".
 */
import * as fs from 'node:fs';
import type { PeerDirectory, PeerEndpoint } from './peer-mesh.js';

export class LocalDirectory implements PeerDirectory {
  constructor(private readonly jobDir: string) {}

  addressOf(rank: number): PeerEndpoint {
    return { path: `${this.jobDir}/r${rank}.sock` };
  }

  listenedBefore(rank: number): boolean {
    return fs.existsSync(`${this.jobDir}/r${rank}.sock.up`);
  }

  /**
   * Says that `rank` listens now. The marker outlives the socket file (which goes when the
   * process exits), so peers can tell "gone" from "not started yet".
   */
  markListening(rank: number): void {
    fs.writeFileSync(`${this.jobDir}/r${rank}.sock.up`, '');
  }
}
