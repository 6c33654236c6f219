/**
 * MPI's type maps (MPI 3.1 §4.1): what a derived datatype is — a list of byte runs in the order
 * MPI packs them, with lower bound and extent — built by the type constructors and used to pack
 * an element's bytes out of user memory and unpack them back in. Pure data: datatypes.ts wraps it.
 */

/** `len` bytes at byte displacement `disp`, in packing order. */
export interface Run {
  disp: number;
  len: number;
}

export interface TypeMap {
  runs: Run[];
  /** Bytes of data in one element (MPI_Type_size). */
  size: number;
  lb: number;
  /** Span from one element to the next when `count` elements sit side by side. */
  extent: number;
  trueLb: number;
  trueExtent: number;
  /** The predefined type every run holds (the wire kind), or undefined when they differ. */
  base: number | undefined;
}

/** One block of a constructor: `count` elements of `type` at byte displacement `disp`. */
export interface Block {
  disp: number;
  count: number;
  type: TypeMap;
}

export function predefinedMap(size: number, code: number): TypeMap {
  return { runs: [{ disp: 0, len: size }], size, lb: 0, extent: size, trueLb: 0, trueExtent: size, base: code };
}

/** The type map of blocks laid out in order (every constructor reduces to this, as MPI's hindexed-struct does). */
export function combine(blocks: Block[]): TypeMap {
  const runs: Run[] = [];
  let lb = Infinity;
  let ub = -Infinity;
  let base: number | undefined | null = null;
  for (const b of blocks) {
    if (b.count <= 0) continue;
    lb = Math.min(lb, b.disp + b.type.lb);
    ub = Math.max(ub, b.disp + (b.count - 1) * b.type.extent + b.type.lb + b.type.extent);
    if (b.type.size > 0) base = base === null || base === b.type.base ? b.type.base : undefined;
    for (let k = 0; k < b.count; k++) for (const r of b.type.runs) push(runs, b.disp + k * b.type.extent + r.disp, r.len);
  }
  if (lb === Infinity) [lb, ub] = [0, 0];
  const size = runs.reduce((n, r) => n + r.len, 0);
  const trueLb = runs.length ? Math.min(...runs.map((r) => r.disp)) : 0;
  const trueUb = runs.length ? Math.max(...runs.map((r) => r.disp + r.len)) : 0;
  return { runs, size, lb, extent: ub - lb, trueLb, trueExtent: trueUb - trueLb, base: base ?? undefined };
}

/** Appends a run, merging it with the last one when they touch (fewer, longer copies). */
function push(runs: Run[], disp: number, len: number): void {
  const last = runs[runs.length - 1];
  if (last && last.disp + last.len === disp) last.len += len;
  else if (len > 0) runs.push({ disp, len });
}

/** MPI_Type_create_resized: the same data with a new lower bound and extent. */
export function resized(t: TypeMap, lb: number, extent: number): TypeMap {
  return { ...t, lb, extent };
}

/**
 * MPI_Type_create_subarray: a `subsizes` block starting at `starts` in an array of `sizes`
 * elements of `t`, C (row-major) or Fortran order; its extent is the whole array's.
 */
export function subarray(t: TypeMap, sizes: number[], subsizes: number[], starts: number[], fortran: boolean): TypeMap {
  const dims = fortran ? [...sizes].reverse() : sizes;
  const sub = fortran ? [...subsizes].reverse() : subsizes;
  const at = fortran ? [...starts].reverse() : starts;
  const n = dims.length;
  const blocks: Block[] = [];
  const index = new Array(Math.max(n - 1, 0)).fill(0);
  const rows = sub.slice(0, -1).reduce((p, s) => p * s, 1);
  for (let r = 0; r < rows && sub.every((s) => s > 0); r++) {
    let offset = 0;
    for (let d = 0; d < n; d++) offset = offset * dims[d] + at[d] + (d < n - 1 ? index[d] : 0);
    blocks.push({ disp: offset * t.extent, count: sub[n - 1], type: t });
    for (let d = n - 2; d >= 0 && ++index[d] === sub[d]; d--) index[d] = 0;
  }
  return resized(combine(blocks), 0, dims.reduce((p, s) => p * s, 1) * t.extent);
}

/** Memory that byte displacements address: one buffer, or MPI.BOTTOM's absolute addresses. */
export interface Memory {
  bytes(disp: number, len: number): Uint8Array;
}

/** Packs `count` elements of `t` starting at byte `start` of `mem` into one contiguous array. */
export function pack(mem: Memory, start: number, count: number, t: TypeMap): Uint8Array {
  const out = new Uint8Array(count * t.size);
  let at = 0;
  for (let k = 0; k < count; k++) {
    for (const r of t.runs) {
      out.set(mem.bytes(start + k * t.extent + r.disp, r.len), at);
      at += r.len;
    }
  }
  return out;
}

/** Unpacks contiguous `data` into `count` elements of `t` at byte `start` of `mem` (the inverse of pack). */
export function unpack(data: Uint8Array, mem: Memory, start: number, count: number, t: TypeMap): void {
  let at = 0;
  for (let k = 0; k < count && at < data.length; k++) {
    for (const r of t.runs) {
      if (at >= data.length) return;
      const len = Math.min(r.len, data.length - at);
      mem.bytes(start + k * t.extent + r.disp, len).set(data.subarray(at, at + len));
      at += len;
    }
  }
}

/** The bytes `count` elements of `t` from byte `start` touch: [first, end). */
export function span(start: number, count: number, t: TypeMap): [number, number] {
  if (count === 0 || t.size === 0) return [start, start];
  return [start + t.trueLb, start + (count - 1) * t.extent + t.trueLb + t.trueExtent];
}
