/**
 * User-defined reduction ops (MPI.Op.Create) applied in rank order in every reduction when not
 * commutative. The op appends decimal digits: [value, 10^digits] pairs, (a, p) ∘ (b, q) =
 * (a·q + b, p·q), associative but not commutative, so rank r contributing digit r+1 makes any
 * reduction over ranks 0..k read "12…(k+1)" exactly when it is applied in rank order.
 */
import { strict as assert } from 'node:assert';
import { runProgram } from './helpers/run-cli.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const { rank, size } = comm;
// Buffer convention: inoutvec = invec ∘ inoutvec, written in place.
const cat = MPI.Op.Create((inv, inout, dt) => {
  if (dt !== MPI.DOUBLE) throw new Error('datatype ' + dt);
  for (let i = 0; i < inv.length; i += 2) {
    inout[i] = inv[i] * inout[i + 1] + inout[i];
    inout[i + 1] = inv[i + 1] * inout[i + 1];
  }
}, false);
// Object convention: the result is returned.
const catObj = MPI.Op.Create((x, y) => x + y);
const mine = () => Float64Array.of(rank + 1, 10);
const digits = (n) => Number(Array.from({ length: n }, (_, i) => i + 1).join(''));
const check = (what, got, want) => { if (got !== want) throw new Error(what + ': got ' + got + ', want ' + want); };
const r = new Float64Array(2);
for (const root of new Set([0, size - 1])) {
  r.fill(0);
  await comm.Reduce(mine(), rank === root ? r : null, cat, root);
  if (rank === root) check('Reduce root ' + root, r[0], digits(size));
}
const send = mine();
await comm.Allreduce(send, r, cat);
check('Allreduce', r[0], digits(size));
check('send buffer untouched', send[0], rank + 1);
await comm.Scan(mine(), r, cat);
check('Scan', r[0], digits(rank + 1));
r.fill(0);
await comm.Exscan(mine(), r, cat);
if (rank > 0) check('Exscan', r[0], digits(rank));
const blocks = Float64Array.from({ length: 2 * size }, (_, i) => (i % 2 ? 10 : rank + 1));
await comm.Reduce_scatter_block(blocks, r, cat);
check('Reduce_scatter_block', r[0], digits(size));
await comm.Reduce_scatter(blocks, r, Array(size).fill(2), cat);
check('Reduce_scatter', r[0], digits(size));
await comm.Iallreduce(mine(), r, cat).Wait();
check('Iallreduce', r[0], digits(size));
await comm.Iscan(mine(), r, cat).Wait();
check('Iscan', r[0], digits(rank + 1));
r.fill(0);
await comm.Ireduce(mine(), r, cat, size - 1).Wait();
if (rank === size - 1) check('Ireduce', r[0], digits(size));
const order = Array.from({ length: size }, (_, i) => String(i)).join('');
check('allreduce', await comm.allreduce(String(rank), catObj), order);
check('scan', await comm.scan(String(rank), catObj), order.slice(0, rank + 1));
const ex = await comm.exscan(String(rank), catObj);
if (rank > 0) check('exscan', ex, order.slice(0, rank));
const red = await comm.reduce(String(rank), catObj, size - 1);
if (rank === size - 1) check('reduce', red, order);
// The datatype a user function is given is the one the buffer specification names.
const seen = [];
const spy = MPI.Op.Create((a, b, dt) => { seen.push(dt); for (let i = 0; i < a.length; i++) b[i] = a[i] + b[i]; }, true);
const total = new Int32Array(1);
await comm.Allreduce([Int32Array.of(1), MPI.INT32_T], [total, MPI.INT32_T], spy);
check('Allreduce INT32_T', total[0], size);
check('datatype given', seen.every((d) => d === MPI.INT32_T), true);
spy.Free();
cat.Free();
catObj.Free();
console.log('ops-ok ' + rank);
`;

describe('user-defined reduction ops keep rank order', () => {
  for (const n of [1, 3, 5]) {
    it(`every reduction at -n ${n}`, async () => {
      const r = await runProgram(PROGRAM, n);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('ops-ok')).length, n, r.stdout);
    });
  }
});

/**
 * A user op that throws inside a collective: the run fails, and the report says the error came
 * from the user-defined reduction operation (mpi4py's words), in which call, and points at the
 * op's line, not at the reduction algorithm where the runtime happened to call it.
 */
const THROWING = (call: string): string => `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const picky = MPI.Op.Create(function picky(a, b) {
  if (comm.rank === 0) throw new RangeError('picky cannot combine these');
  return b;
}, true);
${call}
console.log('not reached');
`;

describe('a user op that throws in a collective', () => {
  for (const [call, method] of [
    ['await comm.Allreduce(Float64Array.of(1), new Float64Array(1), picky);', 'Allreduce'],
    ['await comm.allreduce(1, picky);', 'allreduce'],
  ] as const) {
    it(`${method}: the report names the user op and its line`, async () => {
      const r = await runProgram(THROWING(call), 3);
      assert.notEqual(r.code, 0, r.stdout);
      assert.match(r.stderr, /exception in user-defined reduction operation \(user op picky in \w+, rank 0\): RangeError: picky cannot combine these/, r.stderr);
      assert.match(r.stderr, new RegExp(`in ${method}\\b`), r.stderr);
      // The report's "at" line is the op's throw (line 4 of the program).
      assert.match(r.stderr, /rank 0 failed[\s\S]*\n {2}at picky \(\S+:4:\d+\)/, r.stderr);
      assert.doesNotMatch(r.stdout, /not reached/);
    });
  }
});
