/**
 * `MPI.Info`: string key/value hints, as mpi4py's. The runtime reads none of them (they are hints
 * in MPI too); communicators keep the ones they were given (`comm.Set_info`, `comm.Get_info`).
 */
import { ArgumentError, MPIException } from './errors.js';

export const ERR_INFO_KEY = 29;

export class Info {
  /** @internal null is MPI.INFO_NULL. */
  protected handle: Map<string, string> | null = null;

  /** `MPI.Info()` is MPI.INFO_NULL; `MPI.Info(other)` is another handle to `other`'s hints. */
  constructor(info?: Info | null) {
    if (info instanceof Info) this.handle = info.handle;
  }

  /** A new, empty info object (or one holding `items`, a dict as a plain object or entries). */
  static Create(items?: Record<string, string> | Iterable<[string, string]> | null): Info {
    const info = new Info();
    info.handle = new Map();
    if (items) for (const [k, v] of Symbol.iterator in Object(items) ? (items as Iterable<[string, string]>) : Object.entries(items)) info.Set(k, v);
    return info;
  }

  private map(op: string): Map<string, string> {
    if (this.handle === null) throw new ArgumentError(`${op}: the info is MPI.INFO_NULL; create one with MPI.Info.Create()`);
    return this.handle;
  }

  /** Sets `key` to `value` (both strings). */
  Set(key: string, value: string): void {
    if (typeof key !== 'string' || typeof value !== 'string') throw new TypeError('Info.Set: key and value are strings');
    this.map('Set').set(key, value);
  }

  /** The value of `key`, or null when it is not set. */
  Get(key: string): string | null {
    return this.map('Get').get(key) ?? null;
  }

  /** Removes `key`; MPI_ERR_INFO_NOKEY when it is not set. */
  Delete(key: string): void {
    if (!this.map('Delete').delete(key)) throw new MPIException(`Info.Delete: no key '${key}'`, ERR_INFO_KEY);
  }

  /** The number of keys set. */
  Get_nkeys(): number {
    return this.map('Get_nkeys').size;
  }

  /** The `n`-th key, in the order keys were first set. */
  Get_nthkey(n: number): string {
    const keys = [...this.map('Get_nthkey').keys()];
    if (!Number.isInteger(n) || n < 0 || n >= keys.length) throw new ArgumentError(`Info.Get_nthkey: ${n} is not in 0..${keys.length - 1}`);
    return keys[n];
  }

  /** A new info object with the same keys and values. */
  Dup(): Info {
    return Info.Create(this.map('Dup'));
  }

  /** Releases the info object: this handle is MPI.INFO_NULL from then on. */
  Free(): void {
    this.map('Free');
    this.handle = null;
  }

  /** @internal The hints as entries (none for MPI.INFO_NULL). */
  entries(): [string, string][] {
    return this.handle ? [...this.handle] : [];
  }

  /** Python's `bool(info)`: false for MPI.INFO_NULL. */
  __bool__(): boolean {
    return this.handle !== null;
  }

  /** Python's `info == other`: the same handle. */
  __eq__(other: unknown): boolean {
    return other instanceof Info && other.handle === this.handle;
  }
}

/** The null info object: "no hints", accepted wherever an info argument is. */
export const INFO_NULL: Info = Object.freeze(new Info()) as Info;
