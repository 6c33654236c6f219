/**
 * The files of a local job's directory that the launcher and the ranks both name. A rank waiting
 * for a peer to listen (transport/local-directory.ts) learns from the launcher's exit marker that
 * the peer never will.
 */
import * as fs from 'node:fs';

export function exitMarkerPath(jobDir: string, rank: number): string {
  return `${jobDir}/r${rank}.exited`;
}

/** The launcher says `rank`'s process has ended; peers stop waiting for it to listen. */
export function markExited(jobDir: string, rank: number): void {
  try {
    fs.writeFileSync(exitMarkerPath(jobDir, rank), '');
  } catch {
    // The job's directory is gone: the job has ended, nobody is waiting.
  }
}
