/**
 * The words a person reads when a run ends badly: deadlocks, failed ranks, collective mismatches
 * and unreceived messages. Each names the ranks, their pending calls and the `file:line` of each.
 */
import { formatSite, isRuntimeFrame } from '../../contract/site-format.js';
import type { DeadlockReport } from '../../contract/run.js';
import type { CallSite, OpStartEvent } from '../../contract/trace-events.js';
import type { StuckCall } from './buffering.js';
import type { Race } from './races.js';
import { pipeHolders, type Deadlock } from './detector.js';
import type { CollectiveEntry, InFlight, JobState, RankState } from './job-state.js';

function commName(id: string): string {
  return id === 'world' ? 'MPI.COMM_WORLD' : `communicator ${id}`;
}

/** What the job's members are called: MPI ranks, or multiprocessing processes. */
function members(state: JobState): 'ranks' | 'processes' {
  return state.ranks.some((r) => r.parent !== undefined) ? 'processes' : 'ranks';
}

function call(op: OpStartEvent): string {
  return `${op.text} at ${formatSite(op.site)}`;
}

/** One line per rank: what it is doing right now. */
export function describeRank(r: RankState): string {
  switch (r.status) {
    case 'blocked':
      return `${r.name}: blocked in ${call(r.blockedIn!)}`;
    case 'finished':
      return `${r.name}: finished (exit code 0)`;
    case 'failed':
      return `${r.name}: ${r.signal ? `killed by ${r.signal}` : `exited with code ${r.exitCode}`}`;
    case 'starting':
      return `${r.name}: starting`;
    default:
      return `${r.name}: running`;
  }
}

export function deadlockReport(state: JobState, d: Deadlock): string {
  const names = d.stuck.map((s) => s.rank.name);
  const lines = [`rankscope: deadlock detected: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} blocked forever.`];
  if (d.cycle) lines.push(`  cycle: ${d.cycle.map((r) => state.ranks[r].name).join(' → ')}`);
  for (const s of d.stuck) {
    lines.push(`  ${s.rank.name}: ${call(s.op)}`);
    for (const dep of s.waitsOn) {
      const other = state.ranks[dep];
      if (!other) continue;
      const why = other.status === 'blocked' ? `itself blocked in ${other.blockedIn!.text}` : other.status === 'finished' ? 'which has finished' : other.status;
      lines.push(`      waits for ${other.name}, ${why}`);
    }
    if (s.waitsOn.every((r) => ['finished', 'failed'].includes(state.ranks[r]?.status ?? ''))) lines.push(...pipeHint(state, s.rank.rank, s.op));
  }
  const others = state.ranks.filter((r) => !d.stuck.some((s) => s.rank === r));
  if (others.length > 0) {
    lines.push(`  other ${members(state)}:`);
    for (const r of others) lines.push(`    ${d.idle.includes(r.rank) ? `${r.name}: an idle Pool worker, waiting for work that will not come` : describeRank(r)}`);
  }
  return lines.join('\n');
}

/**
 * A pipe's recv with no live sender left ends only with EOF, once every copy of the other end is
 * closed; the classic hang is a copy left open, often in the reader itself. Name who holds one.
 */
function pipeHint(state: JobState, me: number, op: OpStartEvent): string[] {
  const holders = op.wait ? pipeHolders(state, op.wait).filter((p) => state.ranks[p]?.status !== 'finished') : [];
  if (holders.length === 0) return [];
  const names = holders.map((p) => (p === me ? `${state.ranks[p].name} itself` : state.ranks[p]?.name ?? `process #${p}`));
  return [`      EOF never comes: the pipe's other end is still open in ${names.join(', ')}; close every copy that will not send`];
}

export function failureReport(state: JobState, failed: RankState): string {
  const how = failed.signal ? `was killed by ${failed.signal}` : `exited with code ${failed.exitCode}`;
  const lines = [`rankscope: ${failed.name} failed: it ${how}.`];
  if (failed.error) {
    lines.push(`  error: ${failed.error.message}`);
    const frames = failed.error.stack.split('\n').filter((l) => /^\s+at /.test(l) && !l.includes('node:') && !l.includes('(<anonymous>)'));
    const where = frames.find((l) => !isRuntimeFrame(l)) ?? frames[0];
    if (where) lines.push(`  ${where.trim()}`);
    if (failed.error.hint) lines.push(`  hint: ${failed.error.hint}`);
  }
  lines.push(...othersAtThatMoment(state, failed));
  return lines.join('\n');
}

/** The closing lines of a failure: what every other rank was doing, and that they were stopped. */
export function othersAtThatMoment(state: JobState, failed: RankState): string[] {
  const others = state.ranks.filter((r) => r !== failed);
  const lines = others.length > 0 ? [`  the other ${members(state)} at that moment:`, ...others.map((r) => `    ${describeRank(r)}`)] : [];
  return [...lines, `  every other ${members(state) === 'ranks' ? 'rank' : 'process'} was stopped.`];
}

export function abortReport(r: RankState, code: number, site: CallSite | undefined): string {
  return `rankscope: ${r.name} called Abort(${code}) at ${formatSite(site)}; every rank was stopped.`;
}

export function mismatchReport(state: JobState, comm: string, seq: number, entries: CollectiveEntry[]): string {
  const first = entries[0].event;
  // Same call and root: the members disagree on arguments MPI requires alike (op, count, datatype).
  const argsOnly = entries.every((e) => e.event.op === first.op && e.event.root === first.root);
  const what = argsOnly ? `the ranks called ${first.op} with arguments that must agree and do not` : 'the ranks called different collectives';
  const lines = [`rankscope: collective mismatch on ${commName(comm)} (its collective call #${seq}): ${what}.`];
  const byRank = [...entries].sort((x, y) => x.rank - y.rank);
  for (const e of byRank) lines.push(`  ${state.ranks[e.rank].name}: ${call(e.event)}${argsOnly && e.event.sig ? ` [${e.event.sig}]` : ''}`);
  lines.push(argsOnly
    ? `  every rank must pass ${first.op} the same op, and as many elements of the same datatype.`
    : '  every rank of a communicator must call the same collectives, in the same order, with the same root.');
  return lines.join('\n');
}

export function missingCollectiveReport(state: JobState, comm: string, seq: number, entries: CollectiveEntry[], missing: number[]): string {
  const first = entries[0].event;
  const gone = missing.filter((r) => state.ranks[r].status === 'finished' || state.ranks[r].status === 'failed');
  const lines = [`rankscope: collective error on ${commName(comm)}: ${first.op} (collective call #${seq}) was never entered by ${gone.map((r) => state.ranks[r].name).join(', ')}, which ${gone.length === 1 ? 'has' : 'have'} exited.`];
  for (const e of entries) lines.push(`  ${state.ranks[e.rank].name}: ${call(e.event)}`);
  for (const r of missing) lines.push(`  ${describeRank(state.ranks[r])}${gone.includes(r) ? ` without calling ${first.op}` : ` (had not called ${first.op} yet)`}`);
  return lines.join('\n');
}

/** Messages sent and never received, counted per (sender, receiver) pair, as Intel's GLOBAL:MSG:PENDING. */
export function pendingMessagesWarning(state: JobState, pending: readonly InFlight[]): string {
  const pairs = new Map<string, InFlight[]>();
  for (const m of pending) {
    const key = `${m.src}→${m.dest}`;
    pairs.set(key, [...(pairs.get(key) ?? []), m]);
  }
  const lines = [`rankscope: warning: ${pending.length} message(s) sent but never received:`];
  for (const list of pairs.values()) {
    const { src, dest, start } = list[0];
    const tags = [...new Set(list.map((m) => m.tag))].join(', ');
    const bytes = list.reduce((n, m) => n + (m.start.bytes ?? 0), 0);
    lines.push(`  ${state.ranks[src].name} → ${state.ranks[dest].name}: ${list.length} (tag ${tags}; ${bytes} bytes), first sent by ${call(start)}`);
  }
  return lines.join('\n');
}

/**
 * A run that ended well only because standard sends were buffered: the ranks of `cycle` each wait
 * for the next when nothing is (larger messages, `--strict-buffering`, another MPI).
 */
export function bufferedDeadlock(state: JobState, cycle: StuckCall[]): DeadlockReport {
  const members = cycle.map((c) => ({
    rank: c.rank, name: state.ranks[c.rank]?.name ?? `rank ${c.rank}`, call: c.call?.text ?? 'a receive', site: c.call?.site, waitsOn: [c.waitsFor],
  }));
  return { text: bufferedDeadlockWarning(state, cycle), members, cycle: cycle.map((c) => c.rank), latencyMs: 0 };
}

function bufferedDeadlockWarning(state: JobState, cycle: StuckCall[]): string {
  const lines = [`rankscope: warning: potential deadlock: ${cycle.map((c) => state.ranks[c.rank]?.name ?? `rank ${c.rank}`).join(', ')} finished only because their sends were buffered.`];
  for (const c of cycle) {
    const who = state.ranks[c.rank]?.name ?? `rank ${c.rank}`;
    const what = c.call ? `${call(c.call)}` : 'a receive';
    lines.push(`  ${who}: ${what}`);
    const peer = state.ranks[c.waitsFor]?.name ?? `rank ${c.waitsFor}`;
    const waits = !c.call ? `to reach the send of its message`
      : c.call.collSeq !== undefined ? `to enter this ${c.call.op} too, which it does only after its own blocked call`
        : `to post the matching receive, which comes after ${peer}'s own blocked call`;
    lines.push(`      would wait for ${peer} ${waits}`);
  }
  lines.push('  a standard send may return before its receive is posted (small messages, under the eager limit) or wait for it (larger');
  lines.push('  messages, other MPI implementations): order the calls (one rank receives first), or use Sendrecv, or Isend/Irecv and Waitall.');
  lines.push('  run with --strict-buffering (launch attribute "strictBuffering": true) to make this a deadlock every time.');
  return lines.join('\n');
}

/**
 * Receives from MPI.ANY_SOURCE that could have taken another message: a note, not a warning (a
 * master collecting results in any order races by design), with the first few and both senders.
 */
export function raceNote(state: JobState, found: { races: Race[]; total: number }): string {
  const name = (r: number): string => state.ranks[r]?.name ?? `rank ${r}`;
  const lines = [`rankscope: note: ${found.total} message race${found.total === 1 ? '' : 's'}: a receive from any source took one message while another rank's could have matched it (which one it takes depends on timing):`];
  for (const { took, other } of found.races.slice(0, 3)) {
    const post = took.post!;
    const where = post.call ? `${post.call.text} at ${formatSite(post.call.site)}` : 'a receive from any source';
    lines.push(`  ${name(post.rank)}: ${where} took ${name(took.send.rank)}'s message (${call(took.send.call)});`);
    lines.push(`      ${name(other.send.rank)}'s (${call(other.send.call)}) could have come first`);
  }
  if (found.total > 3) lines.push(`  … and ${found.total - 3} more`);
  lines.push('  if the result must not depend on the order, receive from a named source, or combine what arrives in an order-free way;');
  lines.push('  `rankscope run --explore` runs the program again with each race going the other way.');
  return lines.join('\n');
}
