/**
 * Requests a rank started and never completed. MPI requires every nonblocking call's request to
 * be completed (a wait, a test that succeeds) or freed: a forgotten `isend` may never be sent,
 * a forgotten `irecv` takes a message nobody reads, and real MPI leaks both. When the rank's
 * program ends, those still open are named with their lines (MUST reports the same leak).
 */
import type { CallSite } from '../../contract/trace-events.js';
import { ENV } from '../../contract/environment.js';
import { formatSite } from '../../contract/site-format.js';

interface Opened {
  text: string;
  site: CallSite | undefined;
}

/** Open operations, by the operation object every copy of the request shares. */
const open = new Map<object, Opened>();
let watching = false;

/** A user's nonblocking call started operation `op` (its request was handed to the user). */
export function opened(op: object, text: string, site: CallSite | undefined): void {
  open.set(op, { text, site });
  if (watching) return;
  watching = true;
  process.once('beforeExit', () => warnOfOpen(process.env[ENV.rank]));
}

/** Operation `op` was completed by a wait or test, freed, or taken over by another request. */
export function closed(op: object | null | undefined): void {
  if (op) open.delete(op);
}

function warnOfOpen(rank: string | undefined): void {
  if (open.size === 0) return;
  const who = rank === undefined ? 'this process' : `rank ${rank}`;
  const lines = [`rankscope: warning: ${who} ended with ${open.size} request${open.size === 1 ? '' : 's'} never completed:`];
  for (const o of [...open.values()].slice(0, 10)) lines.push(`  ${o.text} at ${formatSite(o.site)}`);
  if (open.size > 10) lines.push(`  … and ${open.size - 10} more`);
  lines.push('  complete each with wait()/Wait() (or Request.Waitall), a test that returns true, or Free() it; a send may not leave, a receive takes a message nobody reads.');
  process.stderr.write(`${lines.join('\n')}\n`);
}
