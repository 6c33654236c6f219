// CorrBench correct/coll/opprod.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// MPI_PROD on the optional datatypes. The C guards MPI_LONG_DOUBLE and MPI_DOUBLE_COMPLEX with
// "!= MPI_DATATYPE_NULL": rankscope/mpi has neither, so those blocks do not run, as on such an MPI.
let errs = 0;
const result = [1, 1, 2, 6, 24, 120]; // n! for the first n ranks
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const maxsize = size > 5 ? 5 : size;
async function block(name: string, T: any, type: any, in2: number) {
  const big = T === BigInt64Array;
  const v = (x: number) => (big ? BigInt(x) : x);
  const inbuf = new T([v(rank < maxsize && rank > 0 ? rank : 1), v(0), v(in2)]);
  const outbuf = new T([v(0), v(1), v(1)]);
  await comm.Reduce([inbuf, 3, type], [outbuf, 3, type], MPI.PROD, 0);
  if (rank != 0) return;
  // C compares with the result cast to the element type, as the typed array stores it.
  if (outbuf[0] != new T([v(result[maxsize - 1])])[0]) { errs++; console.error(`${name} PROD(rank) test failed`); }
  if (outbuf[1] != v(0)) { errs++; console.error(`${name} PROD(0) test failed`); }
  if (size > 1 && outbuf[2] != v(0)) { errs++; console.error(`${name} PROD(>) test failed`); }
}
await block('char', Int8Array, MPI.CHAR, rank > 1 ? 1 : 0);
await block('signed char', Int8Array, MPI.SIGNED_CHAR, rank > 1 ? 1 : 0);
await block('unsigned char', Uint8Array, MPI.UNSIGNED_CHAR, rank > 0 ? 1 : 0);
await block('long long', BigInt64Array, MPI.LONG_LONG, rank > 0 ? 1 : 0);
await MTest_Finalize(errs);
