/**
 * Which lanes and operations are shown: by rank (a list like `0-3,7`), operation name, tag and
 * communicator. Messages show when their send does.
 */
import { NONE } from './protocol.js';
import type { TraceModel } from './model.js';

export interface FilterState {
  ranks: string;
  op: string;
  tag: string;
  comm: string;
}

export class Filters {
  state: FilterState = { ranks: '', op: '', tag: '', comm: '' };
  private rankSet: Set<number> | null = null;
  /** The op and comm filters as string-table indices (-2: nothing matches yet). */
  private opIndex = NONE;
  private commIndex = NONE;
  private tag = NONE;

  set(state: FilterState, m: TraceModel): void {
    this.state = state;
    this.rankSet = parseRanks(state.ranks);
    this.tag = state.tag.trim() === '' || Number.isNaN(Number(state.tag)) ? NONE : Number(state.tag);
    this.refresh(m);
  }

  /** String indices can appear after the filter was set (live runs): look them up again. */
  refresh(m: TraceModel): void {
    this.opIndex = this.state.op ? m.strings.table.indexOf(this.state.op) : NONE;
    if (this.state.op && this.opIndex < 0) this.opIndex = -2;
    this.commIndex = this.state.comm ? m.strings.table.indexOf(this.state.comm) : NONE;
    if (this.state.comm && this.commIndex < 0) this.commIndex = -2;
  }

  visibleLanes(m: TraceModel): number[] {
    const n = Math.max(m.lanes.length, m.names.length);
    const out: number[] = [];
    for (let r = 0; r < n; r++) if (!this.rankSet || this.rankSet.has(r)) out.push(r);
    return out;
  }

  showsOp(m: TraceModel, k: number): boolean {
    if (this.opIndex !== NONE && m.op.a[k] !== this.opIndex) return false;
    if (this.commIndex !== NONE && m.comm.a[k] !== this.commIndex) return false;
    if (this.tag !== NONE && m.tag.a[k] !== this.tag) return false;
    return true;
  }

  showsMessage(m: TraceModel, send: number): boolean {
    return this.showsOp(m, send);
  }
}

/** `0-3, 7` → {0,1,2,3,7}; empty → every rank. */
export function parseRanks(text: string): Set<number> | null {
  if (text.trim() === '') return null;
  const set = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) continue;
    const lo = Number(m[1]), hi = m[2] === undefined ? lo : Number(m[2]);
    for (let r = lo; r <= hi && r - lo < 100000; r++) set.add(r);
  }
  return set;
}
