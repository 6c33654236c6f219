/**
 * How ranks started by another launcher find their coordinator (rank 0): an address everyone is
 * given (`RANKSCOPE_COORDINATOR=host:port`, as torchrun's MASTER_ADDR/MASTER_PORT), or a file rank
 * 0 writes in a directory every rank can read (`RANKSCOPE_RENDEZVOUS_DIR`, a shared filesystem).
 * Without either, that directory defaults to one in the temporary folder named after the
 * launcher's job id, which is enough when every rank runs on one machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExternalLaunch } from './launchers.js';

export interface CoordinatorAddress {
  host: string;
  port: number;
}

export type Rendezvous =
  | { kind: 'address'; address: CoordinatorAddress }
  | { kind: 'directory'; dir: string; file: string };

export class RendezvousError extends Error {}

const POLL_MS = 25;

export function rendezvousTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const s = Number(env.RANKSCOPE_RENDEZVOUS_TIMEOUT ?? 60);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 60_000;
}

export function parseAddress(raw: string, what = 'RANKSCOPE_COORDINATOR'): CoordinatorAddress {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(raw.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || !(port > 0 && port < 65536)) {
    throw new RendezvousError(`rankscope: ${what}=${raw} is not host:port (for example ${what}=node001:29400)`);
  }
  return { host: m[1], port };
}

export function chooseRendezvous(launch: ExternalLaunch, env: Record<string, string | undefined> = process.env): Rendezvous {
  if (env.RANKSCOPE_COORDINATOR) return { kind: 'address', address: parseAddress(env.RANKSCOPE_COORDINATOR) };
  let dir = env.RANKSCOPE_RENDEZVOUS_DIR;
  if (!dir) {
    // The launcher's job id keeps two jobs apart; lacking one, the launcher's daemon (our parent)
    // is shared by the ranks it started on this machine.
    const job = (launch.jobId ?? `ppid-${process.ppid}`).replace(/[^\w.-]/g, '_');
    dir = path.join(os.tmpdir(), `rankscope-job-${job}`);
  }
  return { kind: 'directory', dir, file: path.join(dir, 'coordinator') };
}

/** Rank 0: tells the others where it listens (atomically: a reader never sees half a line). */
export function publishCoordinator(r: Extract<Rendezvous, { kind: 'directory' }>, address: CoordinatorAddress): void {
  fs.mkdirSync(r.dir, { recursive: true });
  const tmp = `${r.file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${address.host}:${address.port}\n`);
  fs.renameSync(tmp, r.file);
}

/** Rank 0, before publishing: a file from an earlier job with the same id must not be read. */
export function clearStale(r: Rendezvous): void {
  if (r.kind === 'directory') fs.rmSync(r.file, { force: true });
}

export function unpublish(r: Rendezvous): void {
  if (r.kind !== 'directory') return;
  fs.rmSync(r.file, { force: true });
  try {
    fs.rmdirSync(r.dir); // only when empty: a shared directory the user made stays
  } catch {
    /* not empty, or not ours to remove */
  }
}

/** The others: wait until rank 0 has written where it listens. */
export async function readCoordinator(r: Rendezvous, me: string, deadline: number): Promise<CoordinatorAddress> {
  if (r.kind === 'address') return r.address;
  for (;;) {
    try {
      return parseAddress(fs.readFileSync(r.file, 'utf8'), r.file);
    } catch (e) {
      if (e instanceof RendezvousError) throw e;
    }
    if (Date.now() > deadline) {
      throw new RendezvousError(
        `rankscope: ${me} waited for rank 0 to write its address to ${r.file}, and none came. ` +
          'Is rank 0 running? Ranks on different hosts need RANKSCOPE_COORDINATOR=host:port (rank 0\'s host, a free port) ' +
          'or RANKSCOPE_RENDEZVOUS_DIR set to a directory on a filesystem every host shares.',
      );
    }
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}
