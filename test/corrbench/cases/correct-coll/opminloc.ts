// CorrBench correct/coll/opminloc.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// MPI_MINLOC on the pair types; a pair is C's struct { value; int loc }, padding included. The C guards
// MPI_LONG_DOUBLE_INT with "MPI_LONG_DOUBLE != MPI_DATATYPE_NULL": rankscope/mpi has none, so that block does not run.
let errs = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
type Kind = { type: any; bytes: number; locAt: number; get: (d: DataView, o: number) => number; set: (d: DataView, o: number, v: number) => void };
const K: Record<string, Kind> = {
  '2int': { type: MPI.INT_INT, bytes: 8, locAt: 4, get: (d, o) => d.getInt32(o, true), set: (d, o, v) => d.setInt32(o, v, true) },
  'float-int': { type: MPI.FLOAT_INT, bytes: 8, locAt: 4, get: (d, o) => d.getFloat32(o, true), set: (d, o, v) => d.setFloat32(o, v, true) },
  'long-int': { type: MPI.LONG_INT, bytes: 16, locAt: 8, get: (d, o) => Number(d.getBigInt64(o, true)), set: (d, o, v) => d.setBigInt64(o, BigInt(v), true) },
  'short-int': { type: MPI.SHORT_INT, bytes: 8, locAt: 4, get: (d, o) => d.getInt16(o, true), set: (d, o, v) => d.setInt16(o, v, true) },
  'double-int': { type: MPI.DOUBLE_INT, bytes: 16, locAt: 8, get: (d, o) => d.getFloat64(o, true), set: (d, o, v) => d.setFloat64(o, v, true) },
};
async function block(name: string, val2: number) {
  const k = K[name];
  const cin = new DataView(new ArrayBuffer(3 * k.bytes));
  const cout = new DataView(new ArrayBuffer(3 * k.bytes));
  const put = (d: DataView, i: number, val: number, loc: number) => { k.set(d, i * k.bytes, val); d.setInt32(i * k.bytes + k.locAt, loc, true); };
  put(cin, 0, 1, rank); put(cin, 1, 0, rank); put(cin, 2, val2, rank);
  put(cout, 0, 0, -1); put(cout, 1, 1, -1); put(cout, 2, 1, -1);
  await comm.Reduce([new Uint8Array(cin.buffer), 3, k.type], [new Uint8Array(cout.buffer), 3, k.type], MPI.MINLOC, 0);
  if (rank != 0) return;
  const val = (i: number) => k.get(cout, i * k.bytes);
  const loc = (i: number) => cout.getInt32(i * k.bytes + k.locAt, true);
  // The C's checks differ per type (its own wording kept): && for 2int and float-int, || for the others.
  const loose = name == '2int' || name == 'float-int';
  if (loose ? val(0) != 1 && loc(0) != -1 : val(0) != 1 || loc(0) != 0) { errs++; console.error(`${name} MINLOC(1) test failed`); }
  if (loose ? val(1) != 0 && loc(1) != -1 : val(1) != 0 || loc(1) != 0) { errs++; console.error(`${name} MINLOC(0) test failed`); }
  if (loose ? val(2) != 0 && loc(2) != 0 : val(2) != 0 || loc(2) != 0) { errs++; console.error(`${name} MINLOC(>) test failed`); }
}
for (const name of Object.keys(K)) await block(name, rank & 0x7f);
await MTest_Finalize(errs);
