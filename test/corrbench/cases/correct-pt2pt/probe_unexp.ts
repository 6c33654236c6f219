// CorrBench correct/pt2pt/probe_unexp.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const MAX_BUF_SIZE_LG = 22;
const NUM_MSGS_PER_BUF_SIZE = 5;
const buf = new Uint8Array(1 << MAX_BUF_SIZE_LG);
let errs = 0;
MTest_Init();
const p_size = MPI.COMM_WORLD.Get_size();
const p_rank = MPI.COMM_WORLD.Get_rank();
// C sets MPI_ERRORS_RETURN and checks each return code; here an error is an exception, which ends the run.
for (let msg_size_lg = 0; msg_size_lg <= MAX_BUF_SIZE_LG; msg_size_lg++) {
  const msg_size = 1 << msg_size_lg;
  for (let msg_cnt = 0; msg_cnt < NUM_MSGS_PER_BUF_SIZE; msg_cnt++) {
    const status = new MPI.Status();
    const tag = msg_size_lg * NUM_MSGS_PER_BUF_SIZE + msg_cnt;
    if (p_rank == 0) {
      for (let p = 1; p < p_size; p++) {
        await MPI.COMM_WORLD.Recv([null, 0, MPI.BYTE], MPI.ANY_SOURCE, tag, status);
        if (status.Get_tag() != tag && errs++ < 10) console.log(`ERROR: unexpected message tag from MPI_Recv(): ${status.Get_tag()}`);
        // Send an unexpected message, which MPI_Probe() hopefully waits for.
        await MPI.COMM_WORLD.Send([buf, msg_size, MPI.BYTE], status.Get_source(), status.Get_tag());
      }
    } else {
      await MPI.COMM_WORLD.Send([null, 0, MPI.BYTE], 0, tag);
      await MPI.COMM_WORLD.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      let incoming_msg_size = status.Get_count(MPI.BYTE);
      if (status.Get_source() != 0 && errs++ < 10) console.log('ERROR: unexpected message source from MPI_Probe()');
      if (status.Get_tag() != tag && errs++ < 10) console.log('ERROR: unexpected message tag from MPI_Probe()');
      if (incoming_msg_size != msg_size && errs++ < 10) console.log('ERROR: unexpected message size from MPI_Probe()');
      await MPI.COMM_WORLD.Recv([buf, msg_size, MPI.BYTE], 0, tag, status);
      incoming_msg_size = status.Get_count(MPI.BYTE);
      if (status.Get_source() != 0 && errs++ < 10) console.log('ERROR: unexpected message source from MPI_Recv()');
      if (status.Get_tag() != tag && errs++ < 10) console.log('ERROR: unexpected message tag from MPI_Recv()');
      if (incoming_msg_size != msg_size && errs++ < 10) console.log('ERROR: unexpected message size from MPI_Recv()');
    }
  }
}
await MTest_Finalize(errs);
