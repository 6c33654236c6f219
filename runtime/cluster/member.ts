/**
 * A rank that `mpiexec` or `srun` started joins its job: it listens for peers (a Unix socket for
 * neighbours, TCP for other hosts), finds the coordinator (rank 0 starts it), says where it
 * listens, aligns its trace clock with the coordinator's, and waits for the table of peers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ControlClient } from '../rank/control-client.js';
import { hold, release } from '../rank/liveness.js';
import { nowMicros, shiftClock } from '../contract/clock.js';
import type { PeerMesh } from '../rank/transport/peer-mesh.js';
import { Coordinator } from './coordinator.js';
import { ClusterDirectory } from './directory.js';
import { advertisedHost, hostKey } from './host.js';
import type { ExternalLaunch } from './launchers.js';
import * as rdv from './rendezvous.js';

export interface Membership {
  control: ControlClient;
  /** Rank 0 only. */
  coordinator: Coordinator | undefined;
}

const CLOCK_PINGS = 8;
const RETRY_MS = 50;

export async function joinCluster(launch: ExternalLaunch, mesh: PeerMesh, env: Record<string, string | undefined> = process.env): Promise<Membership> {
  // Our sockets are unref'd; until the table comes, nothing else would keep the process up.
  hold();
  try {
    return await join(launch, mesh, env);
  } finally {
    release();
  }
}

async function join(launch: ExternalLaunch, mesh: PeerMesh, env: Record<string, string | undefined>): Promise<Membership> {
  const me = `rank ${launch.rank} (${launch.launcher})`;
  const rendezvous = rdv.chooseRendezvous(launch, env);
  const deadline = Date.now() + rdv.rendezvousTimeoutMs(env);
  const unixDir = fs.mkdtempSync(path.join(os.tmpdir(), `rankscope-r${launch.rank}-`));
  process.on('exit', () => fs.rmSync(unixDir, { recursive: true, force: true }));
  const unix = (await mesh.listen({ path: path.join(unixDir, 'peer.sock') })) as { path: string };
  const tcp = (await mesh.listen({ host: '0.0.0.0', port: 0 })) as { host: string; port: number };

  let coordinator: Coordinator | undefined;
  let control: ControlClient;
  if (launch.rank === 0) {
    ({ coordinator, control } = await startCoordinator(launch, rendezvous, env));
  } else {
    control = await connectToCoordinator(rendezvous, me, deadline, launch.rank);
    // The coordinator may end the job at any time, the join included: exit with its status.
    control.onMessage((msg) => msg.t === 'end' && process.exit(msg.code));
  }
  const host = ownHost(launch, control, rendezvous, env);
  const key = hostKey(env);
  const peers = control.next('peers');
  control.send({ t: 'join', size: launch.size, launcher: launch.launcher, hostName: os.hostname(), hostKey: key, unix: unix.path, tcp: { host, port: tcp.port } });
  if (launch.rank !== 0) shiftClock(await clockOffset(control));
  const table = await peers;
  mesh.directory = new ClusterDirectory(table.peers, key);
  return { control, coordinator };
}

async function startCoordinator(launch: ExternalLaunch, rendezvous: rdv.Rendezvous, env: Record<string, string | undefined>): Promise<Membership & { control: ControlClient }> {
  rdv.clearStale(rendezvous);
  const coordinator = new Coordinator({
    size: launch.size,
    launcher: launch.launcher,
    traceFile: env.RANKSCOPE_TRACE || undefined,
    joinTimeoutMs: rdv.rendezvousTimeoutMs(env),
    err: (text) => process.stderr.write(text),
    onEnded: () => rdv.unpublish(rendezvous),
  });
  let port: number;
  try {
    port = await coordinator.listen(rendezvous.kind === 'address' ? rendezvous.address.port : 0);
  } catch (e) {
    throw new rdv.RendezvousError(`rankscope: rank 0 cannot listen for the other ranks: ${(e as Error).message}${rendezvous.kind === 'address' ? ' (RANKSCOPE_COORDINATOR names a port in use? pick another)' : ''}`);
  }
  if (rendezvous.kind === 'directory') rdv.publishCoordinator(rendezvous, { host: advertisedHost(env), port });
  // Its own link ends only when rank 0 leaves, and then the coordinator decides how.
  const control = await ControlClient.connect({ host: '127.0.0.1', port }, 0, 'rank 0', () => {});
  return { coordinator, control };
}

/** The coordinator may not listen yet (rank 0 starts when it starts): retry until the deadline. */
async function connectToCoordinator(rendezvous: rdv.Rendezvous, me: string, deadline: number, rank: number): Promise<ControlClient> {
  for (;;) {
    const address = await rdv.readCoordinator(rendezvous, me, deadline);
    try {
      return await ControlClient.connect(address, rank, `rank ${rank}`, () => lostCoordinator(me, address));
    } catch (e) {
      if (Date.now() > deadline) {
        throw new rdv.RendezvousError(`rankscope: ${me} cannot reach the coordinator (rank 0) at ${address.host}:${address.port}: ${(e as Error).message}. Is rank 0 running, and is that port open between the hosts?`);
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

function lostCoordinator(me: string, address: rdv.CoordinatorAddress): never {
  process.stderr.write(`rankscope: ${me} lost the coordinator (rank 0 at ${address.host}:${address.port}): rank 0 ended or the network failed; stopping.\n`);
  process.exit(1);
}

/**
 * The address peers on other hosts use for this rank: `RANKSCOPE_HOST`, else the one this rank's
 * own link to the coordinator left from (it routes), else the machine's first outward address.
 */
function ownHost(launch: ExternalLaunch, control: ControlClient, rendezvous: rdv.Rendezvous, env: Record<string, string | undefined>): string {
  if (env.RANKSCOPE_HOST) return env.RANKSCOPE_HOST;
  if (launch.rank === 0 && rendezvous.kind === 'address' && !isLoopback(rendezvous.address.host)) return rendezvous.address.host;
  const local = control.localAddress?.replace(/^::ffff:/, '');
  return local && !isLoopback(local) ? local : advertisedHost(env);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.') || host === '0.0.0.0';
}

/**
 * The coordinator's clock minus ours, from the ping with the shortest round trip (NTP's idea):
 * its reply was stamped, give or take half that trip, at the midpoint of our send and receive.
 */
async function clockOffset(control: ControlClient): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < CLOCK_PINGS; i++) {
    const sent = nowMicros();
    const pong = control.next('clock');
    control.send({ t: 'clock', sent });
    const reply = await pong;
    const back = nowMicros();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: reply.coordinator - (sent + back) / 2 };
  }
  return best.offset;
}
