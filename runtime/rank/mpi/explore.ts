/**
 * `rankscope run --explore`: the launcher runs the program again once per message race it found,
 * each time telling one rank (RANKSCOPE_EXPLORE = `<rank>:<n>:<world rank>`) that its n-th receive
 * from MPI.ANY_SOURCE (0-based, in program order) must take that sender's message. Every other
 * receive matches as usual, so the run shows what the program does when that race goes the other
 * way (ISP's and DAMPI's idea, one alternative at a time).
 */
import { ENV } from '../../contract/environment.js';
import { ANY_SOURCE } from './matching.js';

interface Forced {
  rank: number;
  nth: number;
  source: number;
}

const forced = parse(process.env[ENV.explore]);
let anySourceReceives = 0;

function parse(raw: string | undefined): Forced | undefined {
  const m = raw ? /^(\d+):(\d+):(\d+)$/.exec(raw) : null;
  return m ? { rank: Number(m[1]), nth: Number(m[2]), source: Number(m[3]) } : undefined;
}

/**
 * The source a receive posted by world rank `me` with `source` (a rank of a communicator whose
 * members are `members`) really waits for: `source` itself, but for the receive from any source
 * this run forces to take one sender's message (when that sender is a member).
 */
export function exploredSource(me: number, source: number, members: readonly number[]): number {
  if (source !== ANY_SOURCE) return source;
  const n = anySourceReceives++;
  if (!forced || forced.rank !== me || forced.nth !== n) return source;
  const local = members.indexOf(forced.source);
  return local < 0 ? source : local;
}
