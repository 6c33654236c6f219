// alltoall.py: rank j's i-th element goes to rank i's j-th slot, for every pair at once.
// Run: rankscope run -n 5 samples/mpi/alltoall.ts
import { MPI } from 'rankscope/mpi';
import { npArray } from './numpy-format.js';

const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();

const aSize = 1;
// numpy: (rank + 1) * np.arange(size, dtype=int)
const senddata = Int32Array.from({ length: size }, (_, i) => (rank + 1) * i);
const recvdata = new Int32Array(size * aSize);
await comm.Alltoall(senddata, recvdata);

console.log(` process ${rank} sending ${npArray(senddata)} receiving ${npArray(recvdata)}`);
