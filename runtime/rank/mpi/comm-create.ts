/**
 * New communicators from groups and from shared hardware: `comm.Create(group)`,
 * `comm.Create_group(group, tag)`, `MPI.Intracomm.Create_from_group(group, stringtag)`,
 * `comm.Split_type(type, key)`, `comm.Idup()`. Each is traced as a collective call, like Dup and
 * Split, so the sequence diagram shows where a communicator was made.
 *
 * A communicator's id must be the same on all its members without asking anyone: calls over the
 * parent's members use the parent's child counter; calls only the new members make (Create_group,
 * Create_from_group) name the id after the members and tag, counted per such name.
 */
import * as os from 'node:os';
import type { CallSite } from '../../contract/trace-events.js';
import * as alg from './algorithms.js';
import { intArg, parseArgs } from './args.js';
import { runCollective } from './collective-transport.js';
import type { Comm } from './comm.js';
import { GroupError } from './errors.js';
import { Group } from './group.js';
import { Info, INFO_NULL } from './info.js';
import { UNDEFINED } from './matching.js';

/** `MPI.COMM_TYPE_SHARED`: the processes that can share memory (those on one host). */
export const COMM_TYPE_SHARED = 1;
/** MPI 4's hardware-guided split: info `mpi_hw_resource_type` = `mpi_shared_memory` splits as SHARED; other resources give MPI.COMM_NULL. */
export const COMM_TYPE_HW_GUIDED = 2;
/** MPI 4's unguided hardware split; gives MPI.COMM_NULL (no hardware level smaller than a host is known). */
export const COMM_TYPE_HW_UNGUIDED = 3;
/** MPI 4.1's resource-guided split, as HW_GUIDED. */
export const COMM_TYPE_RESOURCE_GUIDED = 4;

/** The one hardware resource the runtime knows: a host's shared memory. */
const HW_RESOURCE = 'mpi_hw_resource_type';
const SHARED_MEMORY = 'mpi_shared_memory';

/** Whether a Split_type call splits by host (SHARED, or a guided type asking for shared memory). */
function splitsByHost(type: number, info: Info): boolean {
  if (type === COMM_TYPE_SHARED) return true;
  return (type === COMM_TYPE_HW_GUIDED || type === COMM_TYPE_RESOURCE_GUIDED) && info.__bool__() && info.Get(HW_RESOURCE) === SHARED_MEMORY;
}

/** What makes a new communicator: the class is passed in (intracomm.ts imports this file). */
export type MakeComm<C extends Comm> = (id: string, members: readonly number[], rank: number) => C;

/** How many communicators each (members, tag) name has made here: the n-th gets `#n`. */
const madeByName = new Map<string, number>();

function countedId(name: string): string {
  const n = (madeByName.get(name) ?? 0) + 1;
  madeByName.set(name, n);
  return `${name}#${n}`;
}

function groupArg(op: string, group: unknown): readonly number[] {
  if (!(group instanceof Group)) throw new GroupError(`${op}: expected an MPI.Group (comm.Get_group() and its Incl/Excl…), got ${group === null ? 'null' : typeof group}`);
  return group.membersFor(op);
}

function infoArg(op: string, info: unknown): Info {
  if (info === undefined || info === null) return INFO_NULL;
  if (!(info instanceof Info)) throw new TypeError(`${op}: info must be an MPI.Info, got ${typeof info}`);
  return info;
}

/** Gives the new communicator the hints it was created with. */
function withInfo<C extends Comm>(comm: C, info: Info): C {
  if (info.__bool__()) comm.Set_info(info);
  return comm;
}

/** `comm.Create(group)`: every member of `comm` calls it with the same group; those outside it get null. */
export async function create<C extends Comm>(comm: Comm, site: CallSite | undefined, args: unknown[], make: MakeComm<C>): Promise<C | null> {
  const a = parseArgs('Create', args, 0, ['group']);
  const members = groupArg('Create', a.group);
  const outside = members.find((r) => !comm.members.includes(r));
  if (outside !== undefined) throw new GroupError(`Create: world rank ${outside} of the group is not in the communicator; use a subgroup of comm.Get_group()`);
  const id = comm.nextChildId();
  // Every rank learns every rank's group, so a disagreement fails on all of them alike.
  const all = (await runCollective(comm, { op: 'Create', text: `Create(group of ${members.length})`, site }, (seq) => alg.allgather(comm, seq, members))) as number[][];
  const other = all.findIndex((m) => m.length !== members.length || m.some((r, i) => r !== members[i]));
  if (other >= 0) throw new GroupError(`Create: rank ${other} passed another group (world ranks ${JSON.stringify(all[other])}) than rank ${comm.rank} (${JSON.stringify(members)}); every rank passes the same group`);
  const rank = members.indexOf(comm.worldOf(comm.rank));
  return rank < 0 ? null : make(id, members, rank);
}

/**
 * The communicator of `members` that only they create (Create_group, Create_from_group): made
 * first, then entered by all of them together, which is what the trace shows.
 */
async function createAmongMembers<C extends Comm>(op: string, text: string, name: string, members: readonly number[], me: number, site: CallSite | undefined, make: MakeComm<C>): Promise<C> {
  const rank = members.indexOf(me);
  if (rank < 0) throw new GroupError(`${op}: this process (world rank ${me}) is not in the group; only the group's members call ${op}`);
  const comm = make(countedId(`${name}[${members.join(',')}]`), members, rank);
  await runCollective(comm, { op, text, site }, (seq) => alg.barrier(comm, seq));
  return comm;
}

/** `comm.Create_group(group, tag=0)`: collective over the group's members only. */
export async function createGroup<C extends Comm>(comm: Comm, site: CallSite | undefined, args: unknown[], make: MakeComm<C>): Promise<C> {
  const a = parseArgs('Create_group', args, 0, ['group', 'tag']);
  const members = groupArg('Create_group', a.group);
  const tag = intArg('Create_group', a, 'tag', 0);
  comm.checkLive('Create_group');
  const outside = members.find((r) => !comm.members.includes(r));
  if (outside !== undefined) throw new GroupError(`Create_group: world rank ${outside} of the group is not in the communicator`);
  return createAmongMembers('Create_group', `Create_group(tag=${tag})`, `${comm.id}.g${tag}`, members, comm.worldOf(comm.rank), site, make);
}

/** `MPI.Intracomm.Create_from_group(group, stringtag='org.mpi4py', info, errhandler)`: no parent communicator. */
export async function createFromGroup<C extends Comm>(me: number, site: CallSite | undefined, args: unknown[], make: MakeComm<C>): Promise<C> {
  const a = parseArgs('Create_from_group', args, 0, ['group', 'stringtag', 'info', 'errhandler']);
  const members = groupArg('Create_from_group', a.group);
  const tag = a.stringtag ?? 'org.mpi4py';
  if (typeof tag !== 'string') throw new TypeError(`Create_from_group: stringtag must be a string, got ${typeof tag}`);
  const info = infoArg('Create_from_group', a.info);
  return createAmongMembers('Create_from_group', `Create_from_group(stringtag=${JSON.stringify(tag)})`, `from:${tag}`, members, me, site, (id, m, r) => withInfo(make(id, m, r), info));
}

/**
 * `comm.Split_type(split_type, key=0, info=INFO_NULL)`: MPI.COMM_TYPE_SHARED (or a guided type
 * asking for `mpi_shared_memory`) groups the ranks on one host, ordered by key, then rank;
 * MPI.UNDEFINED, and resources the runtime does not know, give null.
 */
export async function splitType<C extends Comm>(comm: Comm, site: CallSite | undefined, args: unknown[], make: MakeComm<C>): Promise<C | null> {
  const a = parseArgs('Split_type', args, 0, ['split_type', 'key', 'info']);
  const type = intArg('Split_type', a, 'split_type');
  const key = intArg('Split_type', a, 'key', 0);
  const info = infoArg('Split_type', a.info);
  const host = os.hostname();
  const color = splitsByHost(type, info) ? host : null;
  const id = comm.nextChildId();
  const all = (await runCollective(comm, { op: 'Split_type', text: `Split_type(${type === UNDEFINED ? 'UNDEFINED' : type}, key=${key})`, site }, (seq) =>
    alg.allgather(comm, seq, [color, key]))) as [string | null, number][];
  if (color === null) return null;
  const mine = all
    .map(([c, k], rank) => ({ c, k, rank }))
    .filter((m) => m.c === color)
    .sort((x, y) => x.k - y.k || x.rank - y.rank);
  const members = mine.map((m) => comm.members[m.rank]);
  return withInfo(make(`${id}:shared`, members, mine.findIndex((m) => m.rank === comm.rank)), info);
}

/** `comm.Dup(info)` / `Dup_with_info(info)` take an info; this checks it and keeps its hints on the copy. */
export function dupInfo(op: string, info: unknown): Info {
  return infoArg(op, info);
}
export { withInfo };
