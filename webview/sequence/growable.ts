/** Typed arrays that grow by doubling: the model's columns, appended to batch by batch. */
export class F64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number): number {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n] = v;
    return this.n++;
  }
}

export class I32 {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): number {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n] = v;
    return this.n++;
  }
  /** Sets index i, growing (and filling with `fill`) as needed. */
  set(i: number, v: number, fill = -1): void {
    while (i >= this.a.length) {
      const b = new Int32Array(this.a.length * 2).fill(fill);
      b.set(this.a);
      this.a = b;
    }
    if (i >= this.n) {
      this.a.fill(fill, this.n, i);
      this.n = i + 1;
    }
    this.a[i] = v;
  }
  get(i: number): number {
    return i < this.n ? this.a[i] : -1;
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
