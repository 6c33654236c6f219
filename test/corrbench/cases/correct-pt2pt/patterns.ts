// CorrBench correct/pt2pt/patterns.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

// Run without arguments, as CorrBench does: every pattern (bDoAll).
const TRUE = 1;
const DEFAULT_RNDV_SIZE = 24 * 1024;
const comm = MPI.COMM_WORLD;
const hello = (buf: Uint8Array) => buf.set(new TextEncoder().encode('Hello process one.\0'));

async function SendRecvTest(rank: number, n: number) {
  const tag = 1;
  const status = new MPI.Status();
  const buffer = new Uint8Array(100);
  if (rank == 0) {
    hello(buffer);
    for (let i = 0; i < n; i++) await comm.Send([buffer, 100, MPI.BYTE], 1, tag);
  } else if (rank == 1) {
    for (let i = 0; i < n; i++) await comm.Recv([buffer, 100, MPI.BYTE], 0, tag, status);
  }
  return TRUE;
}
async function IsendIrecvTest(rank: number) {
  const tag = 1;
  const status = new MPI.Status();
  const buffer = new Uint8Array(100);
  if (rank == 0) {
    hello(buffer);
    await comm.Isend([buffer, 100, MPI.BYTE], 1, tag).Wait(status);
  } else if (rank == 1) {
    await comm.Irecv([buffer, 100, MPI.BYTE], 0, tag).Wait(status);
  }
  return TRUE;
}
async function IsendIrecvTest2(rank: number, buf_size: number) {
  const status = new MPI.Status();
  const buffer = new Uint8Array(buf_size);
  if (rank == 0) {
    hello(buffer);
    const request1 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 1);
    const request2 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 2);
    await request1.Wait(status);
    await request2.Wait(status);
  } else if (rank == 1) {
    const request1 = comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 1);
    const request2 = comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 2);
    await request1.Wait(status);
    await request2.Wait(status);
  }
  return TRUE;
}
async function OutOfOrderTest(rank: number, buf_size: number) {
  const status = new MPI.Status();
  const buffer = new Uint8Array(buf_size);
  if (rank == 0) {
    hello(buffer);
    const request1 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 1);
    const request2 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 2);
    await request1.Wait(status);
    await request2.Wait(status);
  } else if (rank == 1) {
    const request1 = comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 2);
    const request2 = comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 1);
    await request2.Wait(status);
    await request1.Wait(status);
  }
  return TRUE;
}
async function ForceUnexpectedTest(rank: number, buf_size: number) {
  const status = new MPI.Status();
  const buffer = new Uint8Array(buf_size);
  if (rank == 0) {
    hello(buffer);
    const request1 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 1);
    const request2 = comm.Isend([buffer, buf_size, MPI.BYTE], 1, 2);
    await request1.Wait(status);
    await request2.Wait(status);
    await comm.Recv([buffer, buf_size, MPI.BYTE], 1, 1, status);
  } else if (rank == 1) {
    await comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 2).Wait(status);
    await comm.Irecv([buffer, buf_size, MPI.BYTE], 0, 1).Wait(status);
    await comm.Send([buffer, buf_size, MPI.BYTE], 0, 1);
  }
  return TRUE;
}
async function RndvTest(rank: number, size: number, reps: number) {
  const tag = 1;
  const status = new MPI.Status();
  const buffer = new Uint8Array(size);
  if (rank == 0) {
    for (let i = 0; i < reps; i++) {
      await comm.Send([buffer, size, MPI.BYTE], 1, tag);
      await comm.Recv([buffer, size, MPI.BYTE], 1, tag, status);
    }
  } else if (rank == 1) {
    for (let i = 0; i < reps; i++) {
      await comm.Recv([buffer, size, MPI.BYTE], 0, tag, status);
      await comm.Send([buffer, size, MPI.BYTE], 0, tag);
    }
  }
  return TRUE;
}
const size = comm.Get_size();
const rank = comm.Get_rank();
const rndv_size = DEFAULT_RNDV_SIZE;
const say = (result: number, name: string) => console.log(result ? `${rank}:SUCCESS - ${name}` : `${rank}:FAILURE - ${name}`);
if (size < 2) {
  console.log('Two processes needed.');
} else if (rank > 1) {
  console.log(`Rank ${rank}, I am not participating.`);
} else {
  say(await SendRecvTest(rank, 1), 'sr');
  say(await IsendIrecvTest(rank), 'isr');
  say(await IsendIrecvTest2(rank, 100), 'iisr');
  say(await OutOfOrderTest(rank, 100), 'oo');
  say(await ForceUnexpectedTest(rank, 100), 'unex');
  say(await RndvTest(rank, rndv_size, 1), 'rndv');
  say(await RndvTest(rank, rndv_size, 100), 'rndv_reps');
  say(await IsendIrecvTest2(rank, rndv_size), 'rndv_iisr');
  say(await OutOfOrderTest(rank, rndv_size), 'rndv_oo');
  say(await ForceUnexpectedTest(rank, rndv_size), 'rndv_unex');
}
