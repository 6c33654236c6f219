/**
 * The message queues of every rank (TotalView's message-queue view), computed from the trace
 * events already received, so it is live while the ranks are paused: the sends not yet matched by
 * a receive, the receives posted and not yet matched, the collectives entered and not completed.
 * Pure: feed it events in arrival order with `add`, read `queues()` whenever.
 */
import { ANY, type CallSite, type OpStartEvent, type TraceEvent } from './trace-events.js';

export interface PendingSend { id: number; op: string; peer?: number; tag?: number; comm: string; bytes?: number; msg: string; site?: CallSite }
/** `source`/`tag` are ANY (-1) for ANY_SOURCE/ANY_TAG; `text` names them so. */
export interface PostedRecv { id: number; op: string; source: number; tag: number; comm: string; text: string; site?: CallSite }
export interface EnteredCollective { id: number; op: string; comm: string; seq: number; entered: number; groupSize?: number; site?: CallSite }
export interface RankQueues { rank: number; sends: PendingSend[]; recvs: PostedRecv[]; collectives: EnteredCollective[] }

export const anyText = (value: number, any: string): string => (value === ANY ? any : String(value));

export class MessageQueues {
  /** Every operation started and not ended, by `rank:id`. */
  private readonly open = new Map<string, OpStartEvent>();
  /** Sends whose message no receive has taken yet, by message id. */
  private readonly unmatched = new Map<string, OpStartEvent>();
  /** Nonblocking receives posted (`irecv`) whose wait has not ended, by `rank:id`. */
  private readonly posted = new Map<string, OpStartEvent>();
  private readonly ranks = new Set<number>();

  add(events: readonly TraceEvent[]): void {
    for (const e of events) {
      this.ranks.add(e.rank);
      const key = `${e.rank}:${e.id}`;
      if (e.kind === 'op-start') {
        this.open.set(key, e);
        if (e.msg !== undefined) this.unmatched.set(e.msg, e);
        if (e.posts) this.posted.set(key, e);
        continue;
      }
      const start = this.open.get(key);
      this.open.delete(key);
      // A receive's end names the message it took: that send is matched.
      if (e.msg !== undefined && start?.msg !== e.msg) this.unmatched.delete(e.msg);
      // The irecv's own end comes at once (it does not block); its receive stays posted until
      // a wait on it ends (matched or cancelled).
      if (start?.wait?.type === 'recv' && start.wait.posted !== undefined) this.posted.delete(`${e.rank}:${start.wait.posted}`);
    }
  }

  /** One entry per rank seen, in rank order. */
  queues(): RankQueues[] {
    const byRank = new Map<number, RankQueues>();
    for (const rank of [...this.ranks].sort((a, b) => a - b)) byRank.set(rank, { rank, sends: [], recvs: [], collectives: [] });
    for (const s of this.unmatched.values()) {
      byRank.get(s.rank)!.sends.push({ id: s.id, op: s.op, peer: s.peer, tag: s.tag, comm: s.comm, bytes: s.bytes, msg: s.msg!, site: s.site });
    }
    const recv = (s: OpStartEvent, source: number, tag: number, comm: string): void => {
      const text = `${s.op}(source=${anyText(source, 'ANY_SOURCE')}, tag=${anyText(tag, 'ANY_TAG')})`;
      byRank.get(s.rank)!.recvs.push({ id: s.id, op: s.op, source, tag, comm, text, site: s.site });
    };
    for (const s of this.posted.values()) recv(s, s.posts!.source, s.posts!.tag, s.posts!.comm);
    const collectives = new Map<string, OpStartEvent[]>();
    for (const s of this.open.values()) {
      if (s.wait?.type === 'recv' && s.wait.posted === undefined && !s.posts) recv(s, s.wait.source, s.wait.tag, s.wait.comm);
      if (s.collSeq !== undefined) {
        const k = `${s.comm}#${s.collSeq}`;
        collectives.set(k, [...(collectives.get(k) ?? []), s]);
      }
    }
    for (const group of collectives.values()) for (const s of group) {
      const groupSize = s.wait?.type === 'collective' ? s.wait.group.length : undefined;
      byRank.get(s.rank)!.collectives.push({ id: s.id, op: s.op, comm: s.comm, seq: s.collSeq!, entered: group.length, groupSize, site: s.site });
    }
    for (const q of byRank.values()) for (const list of [q.sends, q.recvs, q.collectives]) list.sort((a, b) => a.id - b.id);
    return [...byRank.values()];
  }
}
