/**
 * Where each rank of a cluster job listens, as the coordinator learned it at the join: a peer on
 * the same host (same kernel and network namespace) is reached through its Unix socket, any other
 * through TCP. Every peer listened before the table was sent, so a refused connection means gone.
 */
import type { JoinMessage, PeersMessage } from '../contract/control.js';
import type { PeerDirectory, PeerEndpoint } from '../rank/transport/peer-mesh.js';

type Peer = PeersMessage['peers'][number];

export class ClusterDirectory implements PeerDirectory {
  constructor(private readonly peers: readonly Peer[], private readonly myHostKey: string) {}

  addressOf(rank: number): PeerEndpoint {
    const p = this.peers[rank];
    return p.hostKey === this.myHostKey ? { path: p.unix } : p.tcp;
  }

  listenedBefore(): boolean {
    return true;
  }
}

/**
 * The table the coordinator sends once all have joined, and the names reports use: `rank 3`, or
 * `rank 3 @ node002` once the job spans hosts (the host's address where names repeat, as network
 * namespaces of one machine do).
 */
export function peerTable(joins: readonly JoinMessage[]): Omit<PeersMessage, 't'> {
  const peers = joins.map((j) => ({ hostKey: j.hostKey, unix: j.unix, tcp: j.tcp }));
  const keys = new Set(joins.map((j) => j.hostKey));
  if (keys.size === 1) return { peers, names: joins.map((_, r) => `rank ${r}`) };
  const hostNamesTellApart = new Set(joins.map((j) => j.hostName)).size === keys.size;
  return { peers, names: joins.map((j, r) => `rank ${r} @ ${hostNamesTellApart ? j.hostName : j.tcp.host}`) };
}
