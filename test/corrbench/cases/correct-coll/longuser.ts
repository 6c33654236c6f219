// CorrBench correct/coll/longuser.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

function add(invec: Float64Array, inoutvec: Float64Array) {
  for (let i = 0; i < invec.length; i++) inoutvec[i] = invec[i] + inoutvec[i];
  return 0;
}
let errcnt = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const op = MPI.Op.Create(add as any, true);
let bufsize = 1;
while (bufsize < 100000) {
  const inbuf = new Float64Array(bufsize);
  const outbuf = new Float64Array(bufsize);
  let value = rank & 0x1 ? 1.0 : -1.0;
  for (let i = 0; i < bufsize; i++) { inbuf[i] = value; outbuf[i] = 100.0; }
  await MPI.COMM_WORLD.Allreduce([inbuf, bufsize, MPI.DOUBLE], [outbuf, bufsize, MPI.DOUBLE], op);
  value = size & 0x1 ? -1.0 : 0.0;
  for (let i = 0; i < bufsize; i++) {
    if (outbuf[i] != value) { if (errcnt < 10) console.log(`outbuf[${i}] = ${outbuf[i]}, should = ${value}`); errcnt++; }
  }
  bufsize *= 2;
}
op.Free();
await MTest_Finalize(errcnt);
