/**
 * MPI's pair types (MPI.DOUBLE_INT, …) with MAXLOC/MINLOC on real ranks: the classic "which rank
 * holds the max" program. Each pair is a C struct { value; int index } in an ArrayBuffer, padding
 * included, so the program writes values and indexes through two typed arrays as C code would.
 * Values repeat across ranks so ties occur: MPI's rule is the lower index.
 */
import { strict as assert } from 'node:assert';
import { runProgram } from './helpers/run-cli.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const { rank, size } = comm;
const check = (what, got, want) => { if (String(got) !== String(want)) throw new Error(what + ': got ' + got + ', want ' + want); };
// [type, value view, index offset in bytes, expected size, expected extent, value from a number]
const TYPES = [
  [MPI.DOUBLE_INT, Float64Array, 8, 12, 16, (x) => x + 0.5],
  [MPI.FLOAT_INT, Float32Array, 4, 8, 8, (x) => x + 0.5],
  [MPI.INT_INT, Int32Array, 4, 8, 8, (x) => x],
  [MPI.TWOINT, Int32Array, 4, 8, 8, (x) => x],
  [MPI.SHORT_INT, Int16Array, 4, 6, 8, (x) => x],
  [MPI.LONG_INT, BigInt64Array, 8, 12, 16, (x) => BigInt(x)],
];
/** n pairs of \`type\`, with get/set of pair k through the struct's layout. */
function pairs(type, V, at, n) {
  const ab = new ArrayBuffer(n * type.extent);
  const v = new V(ab), ix = new Int32Array(ab);
  const vi = (k) => (k * type.extent) / V.BYTES_PER_ELEMENT, ii = (k) => (k * type.extent + at) / 4;
  return {
    v, ab,
    set(k, value, index) { v[vi(k)] = value; ix[ii(k)] = index; },
    get(k) { return [v[vi(k)], ix[ii(k)]]; },
  };
}
// Rank r's k-th value: ranks r and r+2 tie (k shifts which ranks hold the max and the min).
const val = (r, k) => ((r + k) % 2) * (k % 2 ? -1 : 1);
const N = 2;
function best(ranks, k, max) {
  let w = ranks[0];
  for (const r of ranks) if (max ? val(r, k) > val(w, k) : val(r, k) < val(w, k)) w = r;
  return [val(w, k), w]; // the first in rank order: the lowest index among ties
}
const upTo = (n) => Array.from({ length: n }, (_, i) => i);
for (const [type, V, at, tsize, extent, conv] of TYPES) {
  const name = type.Get_name();
  check(name + ' size', type.Get_size(), tsize);
  check(name + ' extent', type.Get_extent().join(), '0,' + extent);
  check(name + ' predefined', type.is_predefined, true);
  // mpi4py's test_exceptions testFreePredefined: freeing a predefined type is MPI.ERR_TYPE.
  let freeErr = 0;
  try { type.Free(); } catch (e) { freeErr = e.Get_error_class(); }
  check(name + ' Free', freeErr, MPI.ERR_TYPE);
  const mine = pairs(type, V, at, N);
  for (let k = 0; k < N; k++) mine.set(k, conv(val(rank, k)), rank);
  const want = (ranks, k, max) => { const [x, i] = best(ranks, k, max); return [conv(x), i].join(); };
  for (const [op, max] of [[MPI.MAXLOC, true], [MPI.MINLOC, false]]) {
    const tag = name + ' ' + op.name;
    const out = pairs(type, V, at, N);
    await comm.Allreduce([mine.v, type], [out.v, type], op);
    for (let k = 0; k < N; k++) check(tag + ' Allreduce ' + k, out.get(k).join(), want(upTo(size), k, max));
    const root = size - 1;
    const red = pairs(type, V, at, N);
    await comm.Reduce([mine.v, type], [red.v, type], { op, root });
    if (rank === root) for (let k = 0; k < N; k++) check(tag + ' Reduce ' + k, red.get(k).join(), want(upTo(size), k, max));
    await comm.Scan([mine.v, type], [out.v, type], op);
    for (let k = 0; k < N; k++) check(tag + ' Scan ' + k, out.get(k).join(), want(upTo(rank + 1), k, max));
    const ex = pairs(type, V, at, N);
    await comm.Exscan([mine.v, type], [ex.v, type], op);
    if (rank > 0) for (let k = 0; k < N; k++) check(tag + ' Exscan ' + k, ex.get(k).join(), want(upTo(rank), k, max));
    await comm.Iallreduce([mine.v, N, type], [out.v, N, type], op).Wait();
    for (let k = 0; k < N; k++) check(tag + ' Iallreduce ' + k, out.get(k).join(), want(upTo(size), k, max));
    // One pair per rank: block j of every rank's send buffer holds pair j % N.
    const blocks = pairs(type, V, at, size);
    for (let j = 0; j < size; j++) blocks.set(j, conv(val(rank, j % N)), rank);
    const one = pairs(type, V, at, 1);
    await comm.Reduce_scatter_block([blocks.v, type], [one.v, type], op);
    check(tag + ' Reduce_scatter_block', one.get(0).join(), want(upTo(size), rank % N, max));
    const one2 = pairs(type, V, at, 1);
    await comm.Reduce_scatter([blocks.v, type], [one2.v, type], Array(size).fill(1), op);
    check(tag + ' Reduce_scatter', one2.get(0).join(), want(upTo(size), rank % N, max));
    // Reduce_local: inout = in ∘ inout on this rank (the lower index wins a tie).
    const a = pairs(type, V, at, 1), b = pairs(type, V, at, 1);
    a.set(0, conv(1), 7); b.set(0, conv(1), 3);
    op.Reduce_local([a.v, type], [b.v, type]);
    check(tag + ' Reduce_local tie', b.get(0).join(), [conv(1), 3].join());
  }
  // Pairs travel point to point with their layout (the padding is not data).
  const got = pairs(type, V, at, N);
  await comm.Sendrecv([mine.v, type], (rank + 1) % size, 0, [got.v, type], (rank + size - 1) % size, 0);
  const from = (rank + size - 1) % size;
  for (let k = 0; k < N; k++) check(name + ' Sendrecv ' + k, got.get(k).join(), [conv(val(from, k)), from].join());
}
// MAXLOC needs a pair type; other ops are not defined on pairs.
const errs = [];
try { MPI.MAXLOC.Reduce_local(Float64Array.of(1, 2), Float64Array.of(3, 4)); } catch (e) { errs.push(e.message); }
const p = new Float64Array(2);
try { MPI.SUM.Reduce_local([p, MPI.DOUBLE_INT], [p.slice(), MPI.DOUBLE_INT]); } catch (e) { errs.push(e.message); }
check('errors', errs.length, 2);
if (!/pair/.test(errs[0]) || !/MPI.DOUBLE_INT/.test(errs[1])) throw new Error('error messages: ' + errs.join(' | '));
console.log('pairs-ok ' + rank);
`;

// Every other buffer call moves pairs with their layout: the padding (int 3 of each 16-byte pair) is not data.
const MOVES = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const { rank, size } = comm;
const T = MPI.DOUBLE_INT;
const mk = (n: number) => { const ab = new ArrayBuffer(n * 16); return { v: new Float64Array(ab), i: new Int32Array(ab) }; };
const check = (w: string, g: unknown, x: unknown) => { if (String(g) !== String(x)) throw new Error(\`\${w}: got \${g} want \${x}\`); };
const one = mk(1); one.v[0] = rank * 1.5; one.i[2] = rank; one.i[3] = 777; // padding
const all = mk(size); all.i.fill(-9);
await comm.Allgather([one.v, T], [all.v, T]);
for (let r = 0; r < size; r++) { check('Allgather v', all.v[2 * r], r * 1.5); check('Allgather i', all.i[4 * r + 2], r); check('padding untouched', all.i[4 * r + 3], -9); }
const b = mk(2); if (rank === 0) { b.v[2] = 9.25; b.i[6] = 42; }
await comm.Bcast([b.v, T]);
check('Bcast', [b.v[2], b.i[6]].join(), '9.25,42');
const g = mk(size);
await comm.Gather([one.v, T], rank === 0 ? [g.v, T] : null, 0);
if (rank === 0) for (let r = 0; r < size; r++) check('Gather', g.i[4 * r + 2], r);
const s = mk(1);
await comm.Scatter(rank === 0 ? [g.v, T] : null, [s.v, T], 0);
check('Scatter', s.i[2], rank);
const a2 = mk(size);
await comm.Alltoall([all.v, T], [a2.v, T]);
for (let r = 0; r < size; r++) check('Alltoall', a2.i[4 * r + 2], rank);
const red = mk(1);
await comm.Ireduce([one.v, T], [red.v, T], MPI.MAXLOC, 0).Wait();
if (rank === 0) check('Ireduce', red.i[2], size - 1);
const rs = mk(1);
await comm.Ireduce_scatter([all.v, T], [rs.v, T], Array(size).fill(1), MPI.MINLOC).Wait();
check('Ireduce_scatter', [rs.v[0], rs.i[2]].join(), [rank * 1.5, rank].join());
if (size > 1) {
  if (rank === 0) await comm.Send([one.v, T], 1, 5);
  if (rank === 1) { const st = new MPI.Status(); const r1 = mk(1); await comm.Recv([r1.v, T], 0, 5, st); check('Recv', r1.i[2], 0); check('count', st.Get_count(T), 1); check('bytes', st.Get_count(MPI.BYTE), 12); }
}
console.log('ok', rank);
`;

describe('MPI pair types with MAXLOC/MINLOC', () => {
  it('move through every kind of buffer call, -n 3', async () => {
    const r = await runProgram(MOVES, 3);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('ok')).length, 3, r.stdout);
  });
  for (const n of [1, 2, 4, 5]) {
    it(`which rank holds the max, -n ${n}`, async () => {
      const r = await runProgram(PROGRAM, n);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('pairs-ok')).length, n, r.stdout);
    });
  }
});
