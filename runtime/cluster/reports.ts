/** What a person reads when a job spread by `mpiexec` or `srun` loses a rank or never gathers. */
import { othersAtThatMoment } from '../launcher/state/reports.js';
import type { JobState, RankState } from '../launcher/state/job-state.js';
import type { JoinMessage } from '../contract/control.js';

export function lostRankReport(state: JobState, lost: RankState, join: JoinMessage | undefined): string {
  const where = join ? ` on ${join.hostName} (${join.tcp.host})` : '';
  const lines = [
    `rankscope: lost ${lost.name}${where}: its connection to the coordinator closed without a word. ` +
      'The process was killed (out of memory, a time limit, a signal), or its host or the network between went away.',
  ];
  return [...lines, ...othersAtThatMoment(state, lost)].join('\n');
}

export function missingRanksReport(missing: number[], size: number, launcher: string, waitedMs: number): string {
  const list = missing.map((r) => `rank ${r}`).join(', ');
  return (
    `rankscope: ${list} of ${size} never reached the coordinator (rank 0) within ${Math.round(waitedMs / 1000)} s. ` +
    `Did ${launcher} start all ${size}? On other hosts, can they reach rank 0 (RANKSCOPE_COORDINATOR=host:port, ` +
    'a port open between the hosts), or read its address from a RANKSCOPE_RENDEZVOUS_DIR every host shares? ' +
    'RANKSCOPE_RENDEZVOUS_TIMEOUT (seconds) waits longer.'
  );
}
