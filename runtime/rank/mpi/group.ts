/**
 * `MPI.Group`: an ordered set of processes, as mpi4py's. A group is local (no call communicates):
 * it is the list of world ranks of its members, and this process's rank is where it stands in it.
 * Groups name the members of new communicators (`comm.Create(group)`, `Create_group`).
 */
import { parseArgs } from './args.js';
import { GroupError } from './errors.js';
import { PROC_NULL, UNDEFINED } from './matching.js';
import type { TranslateRanksOptions } from './options.js';

/** Results of `Group.Compare` and `Comm.Compare`, as MPI numbers them. */
export const IDENT = 0;
/** Communicators only: the same members in the same order, different contexts (a Dup). */
export const CONGRUENT = 1;
/** The same members in a different order. */
export const SIMILAR = 2;
/** Different members. */
export const UNEQUAL = 3;

/** What a handle points at; copies of a handle share it (`MPI.Group(other)`). */
interface GroupState {
  readonly members: readonly number[];
}

/** MPI's comparison of two member lists (world ranks). */
export function compareMembers(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return UNEQUAL;
  if (a.every((r, i) => r === b[i])) return IDENT;
  const set = new Set(a);
  return b.every((r) => set.has(r)) ? SIMILAR : UNEQUAL;
}

/** Ranges `[first, last, stride]` (MPI_Group_range_incl) as the ranks they name (Incl/Excl check them). */
function expandRanges(op: string, ranges: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    const [first, last, stride] = r;
    if (r.length !== 3 || !stride) throw new GroupError(`${op}: a range is [first, last, stride] with a nonzero stride, got ${JSON.stringify(r)}`);
    for (let i = first; stride > 0 ? i <= last : i >= last; i += stride) out.push(i);
  }
  return out;
}

export class Group {
  /** The process this runtime is (its world rank); set once by the API module. */
  static myWorldRank = 0;
  /** World ranks of `MPI.COMM_WORLD`, the target of `Translate_ranks` without a group. */
  static worldMembers: readonly number[] = [];

  /** @internal null is MPI.GROUP_NULL. */
  protected handle: GroupState | null = null;

  /** `MPI.Group()` is MPI.GROUP_NULL; `MPI.Group(other)` is another handle to `other`'s group. */
  constructor(group?: Group | null) {
    if (group === undefined || group === null) return;
    if (!(group instanceof Group)) throw new TypeError(`MPI.Group(): expected a Group, got ${typeof group}`);
    this.handle = group.handle;
  }

  /** @internal A group of the given world ranks, in that order. */
  static of(members: readonly number[]): Group {
    const g = new Group();
    g.handle = { members: [...members] };
    return g;
  }

  /** @internal The members' world ranks; fails on MPI.GROUP_NULL, naming the call. */
  membersFor(op: string): readonly number[] {
    if (this.handle === null) throw new GroupError(`${op}: the group is MPI.GROUP_NULL (freed or never created); use comm.Get_group()`);
    return this.handle.members;
  }

  /** The number of processes in the group (also `group.size`). */
  Get_size(): number {
    return this.membersFor('Get_size').length;
  }
  /** `group.Get_size()`. */
  get size(): number {
    return this.Get_size();
  }

  /** As a debugger shows it: `Group(rank 1 of 3: world ranks 0, 2, 4)`, `Group(MPI.GROUP_NULL)`. */
  toString(): string {
    if (this.handle === null) return 'Group(MPI.GROUP_NULL)';
    const members = this.handle.members;
    const me = members.indexOf(Group.myWorldRank);
    const shown = members.length > 16 ? `${members.slice(0, 16).join(', ')}, …` : members.join(', ');
    return `Group(${me < 0 ? 'not a member' : `rank ${me}`} of ${members.length}: world ranks ${shown})`;
  }

  /** This process's rank in the group, or MPI.UNDEFINED when it is not a member (also `group.rank`). */
  Get_rank(): number {
    const i = this.membersFor('Get_rank').indexOf(Group.myWorldRank);
    return i < 0 ? UNDEFINED : i;
  }
  /** `group.Get_rank()`. */
  get rank(): number {
    return this.Get_rank();
  }

  /**
   * The ranks in `group` (default: the world group) of the processes with ranks `ranks` (default:
   * all) in this group; MPI.UNDEFINED where one is not in `group`, MPI.PROC_NULL stays PROC_NULL.
   * Also `MPI.Group.Translate_ranks(group1, ranks1, group2)`.
   */
  Translate_ranks(ranks?: readonly number[] | null, group?: Group | null): number[];
  Translate_ranks(options: TranslateRanksOptions): number[];
  Translate_ranks(...args: unknown[]): number[] {
    const a = parseArgs('Translate_ranks', args, 0, ['ranks', 'group']);
    const group = a.group as Group | null | undefined;
    const from = this.membersFor('Translate_ranks');
    const to = group === undefined || group === null ? Group.worldMembers : group.membersFor('Translate_ranks');
    const list = (a.ranks as readonly number[] | null | undefined) ?? from.map((_, i) => i);
    return list.map((r) => {
      if (r === PROC_NULL) return PROC_NULL;
      if (!Number.isInteger(r) || r < 0 || r >= from.length) throw new GroupError(`Translate_ranks: rank ${r} is not in the group (size ${from.length})`);
      const i = to.indexOf(from[r]);
      return i < 0 ? UNDEFINED : i;
    });
  }
  /** `group1.Translate_ranks(ranks1, group2)`. */
  static Translate_ranks(group1: Group, ranks1?: readonly number[] | null, group2?: Group | null): number[] {
    return group1.Translate_ranks(ranks1 ?? null, group2 ?? null);
  }

  /** MPI.IDENT (same members, same order), MPI.SIMILAR (same members) or MPI.UNEQUAL. Also `MPI.Group.Compare(g1, g2)`. */
  Compare(group: Group): number {
    return compareMembers(this.membersFor('Compare'), group.membersFor('Compare'));
  }
  /** `group1.Compare(group2)`. */
  static Compare(group1: Group, group2: Group): number {
    return group1.Compare(group2);
  }

  /** Members of `group1`, then those of `group2` not in `group1`. */
  static Union(group1: Group, group2: Group): Group {
    const a = group1.membersFor('Union');
    const seen = new Set(a);
    return Group.of([...a, ...group2.membersFor('Union').filter((r) => !seen.has(r))]);
  }

  /** Members of `group1` that are also in `group2`, in `group1`'s order. */
  static Intersection(group1: Group, group2: Group): Group {
    const b = new Set(group2.membersFor('Intersection'));
    return Group.of(group1.membersFor('Intersection').filter((r) => b.has(r)));
  }
  /** The same as `Group.Intersection` (MPI_Group_intersection's other spelling in mpi4py). */
  static Intersect(group1: Group, group2: Group): Group {
    return Group.Intersection(group1, group2);
  }

  /** Members of `group1` not in `group2`, in `group1`'s order. */
  static Difference(group1: Group, group2: Group): Group {
    const b = new Set(group2.membersFor('Difference'));
    return Group.of(group1.membersFor('Difference').filter((r) => !b.has(r)));
  }

  /** The group of this group's ranks `ranks`, in that order. */
  Incl(ranks: readonly number[]): Group {
    const m = this.membersFor('Incl');
    return Group.of(this.checkRanks('Incl', ranks, m.length).map((r) => m[r]));
  }

  /** This group without ranks `ranks`, the others keeping their order. */
  Excl(ranks: readonly number[]): Group {
    const m = this.membersFor('Excl');
    const out = new Set(this.checkRanks('Excl', ranks, m.length));
    return Group.of(m.filter((_, i) => !out.has(i)));
  }

  /** `Incl` of the ranks named by `[first, last, stride]` ranges. */
  Range_incl(ranks: readonly (readonly number[])[]): Group {
    return this.Incl(expandRanges('Range_incl', ranks));
  }

  /** `Excl` of the ranks named by `[first, last, stride]` ranges. */
  Range_excl(ranks: readonly (readonly number[])[]): Group {
    return this.Excl(expandRanges('Range_excl', ranks));
  }

  /** A new group with the same members. */
  Dup(): Group {
    return Group.of(this.membersFor('Dup'));
  }

  /** Releases the group: this handle is MPI.GROUP_NULL from then on. */
  Free(): void {
    this.membersFor('Free');
    if (this === GROUP_EMPTY) return; // predefined: it stays usable
    this.handle = null;
  }

  /** Python's `bool(group)`: false for MPI.GROUP_NULL. */
  __bool__(): boolean {
    return this.handle !== null;
  }

  /** Python's `group == other`: the same handle (every null group equals MPI.GROUP_NULL). */
  __eq__(other: unknown): boolean {
    return other instanceof Group && other.handle === this.handle;
  }

  private checkRanks(op: string, ranks: readonly number[], size: number): number[] {
    const seen = new Set<number>();
    for (const r of ranks) {
      if (!Number.isInteger(r) || r < 0 || r >= size) throw new GroupError(`${op}: rank ${r} is not in the group (size ${size})`);
      if (seen.has(r)) throw new GroupError(`${op}: rank ${r} is named twice; name each rank once`);
      seen.add(r);
    }
    return [...ranks];
  }
}

/** The null group: what a freed group equals. */
export const GROUP_NULL: Group = Object.freeze(new Group()) as Group;
/** The group with no members. */
export const GROUP_EMPTY: Group = Group.of([]);
