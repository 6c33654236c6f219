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
    this.opIndex = this.commIndex = NONE;
    this.rankSet = parseRanks(state.ranks);
    this.tag = state.tag.trim() === '' || Number.isNaN(Number(state.tag)) ? NONE : Number(state.tag);
    this.refresh(m);
  }

  /**
   * String indices can appear after the filter was set (live runs): look up those not found yet.
   * A found index never changes, so the string table (a million message ids) is not searched again.
   */
  refresh(m: TraceModel): void {
    this.opIndex = this.state.op ? (this.opIndex >= 0 ? this.opIndex : find(m, this.state.op)) : NONE;
    this.commIndex = this.state.comm ? (this.commIndex >= 0 ? this.commIndex : find(m, this.state.comm)) : NONE;
  }

  /** Names the op/tag/comm filtering in force: indexes of what is shown rebuild when it changes. */
  get key(): string {
    return `${this.opIndex},${this.commIndex},${this.tag}`;
  }

  visibleLanes(m: TraceModel): number[] {
    const n = Math.max(m.lanes.length, m.names.length);
    const out: number[] = [];
    for (let r = 0; r < n; r++) if (!this.rankSet || this.rankSet.has(r)) out.push(r);
    return out;
  }

  showsOp(m: TraceModel, k: number): boolean {
    if (this.opIndex !== NONE && m.field(k, 'op') !== this.opIndex) return false;
    if (this.commIndex !== NONE && m.field(k, 'comm') !== this.commIndex) return false;
    if (this.tag !== NONE && m.field(k, 'tag') !== this.tag) return false;
    return true;
  }

  showsMessage(m: TraceModel, send: number): boolean {
    return this.showsOp(m, send);
  }
}

/** The string's index in the model's table, or -2 (matches nothing) while it is not there. */
function find(m: TraceModel, s: string): number {
  const i = m.strings.table.indexOf(s);
  return i < 0 ? -2 : i;
}

/**
 * What is wrong with a rank filter, in words that say how to write it, or undefined when it is
 * good. `lanes`: how many ranks the run has (0 while none is known).
 */
export function rankFilterError(text: string, lanes: number): string | undefined {
  if (text.trim() === '') return undefined;
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return `'${part.trim()}' is not a rank or a range: write ranks like 0-3,7`;
    const lo = Number(m[1]), hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return `'${part.trim()}' is not a range: write the low rank first (${hi}-${lo})`;
    if (lanes > 0 && lo >= lanes) return `rank ${lo} is not in this ${lanes}-rank run (ranks 0-${lanes - 1})`;
  }
  return undefined;
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
