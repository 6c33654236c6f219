// gather.py: every rank sends (rank+1)^2; rank 0 receives them all, in rank order.
// Run: rankscope run -n 5 samples/mpi/gather.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const data = (rank + 1) ** 2;

const gathered = await comm.gather(data, { root: 0 });

if (rank === 0) {
  console.log(`rank = ${rank} ...receiving data to other process`);
  for (let i = 1; i < size; i++) {
    // The seed overwrote the received item with (i+1)**2 before printing it; print what arrived.
    const value = gathered![i];
    console.log(` process ${rank} receiving ${value} from process ${i}`);
  }
}
