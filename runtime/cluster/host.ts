/**
 * Which machine this rank is on, as far as transport cares: ranks with the same host key reach
 * each other through Unix sockets; others through TCP. A network namespace counts as its own
 * host, so namespaces on one machine can stand in for a cluster in tests, and so can containers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return fallback;
  }
}

function netNamespace(): string {
  try {
    return fs.readlinkSync('/proc/self/ns/net');
  } catch {
    return '';
  }
}

/** `RANKSCOPE_TRANSPORT=tcp` makes every rank its own host: TCP even between neighbours. */
export function hostKey(env: Record<string, string | undefined> = process.env): string {
  const base = `${os.hostname()}|${readOr('/proc/sys/kernel/random/boot_id', '')}|${netNamespace()}`;
  return env.RANKSCOPE_TRANSPORT === 'tcp' ? `${base}|pid ${process.pid}` : base;
}

/**
 * The address other hosts should use to reach this one: `RANKSCOPE_HOST` when set, else the
 * first non-loopback IPv4 address, else the host name.
 */
export function advertisedHost(env: Record<string, string | undefined> = process.env): string {
  if (env.RANKSCOPE_HOST) return env.RANKSCOPE_HOST;
  for (const addrs of Object.values(os.networkInterfaces())) {
    const v4 = addrs?.find((a) => a.family === 'IPv4' && !a.internal);
    if (v4) return v4.address;
  }
  return os.hostname();
}
