// CorrBench correct/coll/opmax.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// MPI_MAX on the optional datatypes. The C guards MPI_LONG_DOUBLE with
// "!= MPI_DATATYPE_NULL": rankscope/mpi has neither, so those blocks do not run, as on such an MPI.
let errs = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
// The three checks of each block: element 0 from (1,…), element 1 from (0,…), element 2 from the ranks.
async function block(name: string, T: any, type: any, in2: number | bigint, lim: number) {
  const one = typeof in2 === 'bigint' ? (x: number) => BigInt(x) : (x: number) => x;
  const inbuf = new T([one(1), one(0), in2]);
  const outbuf = new T([one(0), one(1), one(1)]);
  await comm.Reduce([inbuf, 3, type], [outbuf, 3, type], MPI.MAX, 0);
  if (rank != 0) return;
  if (outbuf[0] != one(1)) { errs++; console.error(`${name} MAX(1) test failed`); }
  if (outbuf[1] != one(0)) { errs++; console.error(`${name} MAX(0) test failed`); }
  if (size < lim && outbuf[2] != one(size - 1)) { errs++; console.error(`${name} MAX(>) test failed`); }
}
await block('char', Int8Array, MPI.CHAR, rank, 128);
await block('signed char', Int8Array, MPI.SIGNED_CHAR, rank, 128);
await block('unsigned char', Uint8Array, MPI.UNSIGNED_CHAR, rank, 256);
await block('long long', BigInt64Array, MPI.LONG_LONG, BigInt(rank), Infinity);
await MTest_Finalize(errs);
