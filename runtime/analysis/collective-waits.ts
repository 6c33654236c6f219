/**
 * Wait states of blocking collectives: each instance (a communicator's n-th collective) is judged
 * once every member of its group has entered and left it, since a member's loss is bounded by its
 * own exit and the events of different ranks reach the launcher in no common order.
 */
import type { OpStartEvent } from '../contract/trace-events.js';
import type { WaitPattern } from '../contract/wait-states.js';
import type { Cause, WaitTally } from './wait-tally.js';

interface Member {
  start: OpStartEvent;
  t1?: number;
}

/** Which shape of waiting a collective has (mpi4py's names, either case). */
type Shape = 'barrier' | 'n-to-n' | 'one-to-n' | 'n-to-one';

const SHAPES: Record<string, Shape> = {
  barrier: 'barrier',
  allreduce: 'n-to-n', allgather: 'n-to-n', allgatherv: 'n-to-n', alltoall: 'n-to-n', alltoallv: 'n-to-n', alltoallw: 'n-to-n',
  reduce_scatter: 'n-to-n', reduce_scatter_block: 'n-to-n',
  bcast: 'one-to-n', scatter: 'one-to-n', scatterv: 'one-to-n',
  reduce: 'n-to-one', gather: 'n-to-one', gatherv: 'n-to-one',
};

export function collectiveShape(op: string): Shape | undefined {
  return SHAPES[op.toLowerCase()];
}

/** The member that entered last. */
function latest(members: Required<Member>[]): Required<Member> {
  return members.reduce((a, b) => (b.start.t > a.start.t ? b : a));
}

const cause = (m: Member): Cause => ({ rank: m.start.rank, op: m.start.id, t: m.start.t });

export class CollectiveWaits {
  private readonly open = new Map<string, { size: number; members: Member[] }>();

  constructor(private readonly tally: WaitTally) {}

  started(e: OpStartEvent): void {
    // A nonblocking collective (no `wait`) loses nothing where it starts; its wait is a wait call.
    if (e.collSeq === undefined || e.wait?.type !== 'collective' || !collectiveShape(e.op)) return;
    const key = `${e.comm}#${e.collSeq}`;
    let inst = this.open.get(key);
    if (!inst) this.open.set(key, (inst = { size: e.wait.group.length, members: [] }));
    inst.members.push({ start: e });
  }

  ended(s: OpStartEvent, t: number): void {
    const key = `${s.comm}#${s.collSeq}`;
    const inst = this.open.get(key);
    const member = inst?.members.find((m) => m.start === s);
    if (!inst || !member) return;
    member.t1 = t;
    if (inst.members.length < inst.size || inst.members.some((m) => m.t1 === undefined)) return;
    this.open.delete(key);
    this.judge(inst.members as Required<Member>[]);
  }

  private judge(members: Required<Member>[]): void {
    const first = members[0].start;
    const shape = collectiveShape(first.op)!;
    const last = latest(members);
    if (shape === 'barrier' || shape === 'n-to-n') {
      const pattern: WaitPattern = shape === 'barrier' ? 'wait-at-barrier' : 'wait-at-nxn';
      for (const m of members) this.tally.add(m.start, pattern, m.start.t, Math.min(last.start.t, m.t1), cause(last));
      return;
    }
    const root = members.find((m) => m.start.rank === first.root);
    if (!root) return;
    if (shape === 'one-to-n') {
      for (const m of members) if (m !== root) this.tally.add(m.start, 'late-broadcast', m.start.t, Math.min(root.start.t, m.t1), cause(root));
    } else {
      const lastOther = latest(members.filter((m) => m !== root));
      this.tally.add(root.start, 'early-reduce', root.start.t, Math.min(lastOther.start.t, root.t1), cause(lastOther));
    }
  }
}
