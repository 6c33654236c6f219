/**
 * Typed arrays that grow: the model's and the indexes' columns, appended to batch by batch. A batch
 * reserves room once and writes `a[i]` straight (a million pushes, each checking for room, cost
 * more than the rest of loading).
 */
type Typed = Float64Array | Int32Array | Uint8Array;

/** `a` with room for `need` elements (at least doubled when it must grow, so appends stay linear). */
function withRoom<T extends Typed>(a: T, used: number, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2, 1024));
  b.set(a.subarray(0, used));
  return b;
}

class Growable<T extends Typed> {
  n = 0;
  constructor(public a: T, private readonly make: (n: number) => T) {}

  /** Room for `extra` more elements past n. */
  reserve(extra: number): void {
    this.a = withRoom(this.a, this.n, this.n + extra, this.make);
  }

  push(v: number): number {
    if (this.n === this.a.length) this.reserve(1);
    this.a[this.n] = v;
    return this.n++;
  }

  get(i: number): number {
    return i < this.n ? this.a[i] : -1;
  }
}

export class F64 extends Growable<Float64Array> {
  constructor() {
    super(new Float64Array(0), (n) => new Float64Array(n));
  }
}

export class I32 extends Growable<Int32Array> {
  constructor() {
    super(new Int32Array(0), (n) => new Int32Array(n));
  }

  /** Sets index i, growing (the gap reads -1) as needed. */
  set(i: number, v: number): void {
    if (i >= this.n) {
      this.reserve(i + 1 - this.n);
      this.a.fill(-1, this.n, i);
      this.n = i + 1;
    }
    this.a[i] = v;
  }
}

export class U8 extends Growable<Uint8Array> {
  constructor() {
    super(new Uint8Array(0), (n) => new Uint8Array(n));
  }
}

/** First index in sorted a[lo, hi) whose value is ≥ x. */
export function lowerBound(a: Float64Array | Int32Array, lo: number, hi: number, x: number, key?: (i: number) => number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((key ? key(mid) : a[mid]) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound for an answer expected near lo: doubling steps first, then a binary search between
 * the last two (a zoomed-out lane skips a pixel's worth of calls at a time, a few dozen).
 */
export function gallop(a: Float64Array | Int32Array, lo: number, hi: number, x: number, key: (i: number) => number): number {
  let from = lo, step = 1;
  while (lo + step < hi && key(lo + step) < x) {
    from = lo + step;
    step *= 2;
  }
  return from === lo && lo < hi && key(lo) >= x ? lo : lowerBound(a, from, Math.min(lo + step, hi), x, key);
}

/** First index in sorted a[lo, hi) whose value is > x. */
export function upperBound(a: Float64Array | Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
