import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const x = new Float64Array(2), y = new Float64Array(2);
for (const f of [() => comm.Reduce(x, y, MPI.REPLACE, 0), () => comm.Allreduce([x, MPI.DOUBLE], y, MPI.LXOR), () => comm.Send(x, 1 - comm.rank, 2 ** 31), () => comm.Allreduce(new Int32Array(2), new Int32Array(2), MPI.BXOR)]) {
  try { await f(); console.log('ok'); } catch (e) { console.log((e as Error).name, (e as Error).message); }
}
