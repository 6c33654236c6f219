/**
 * MPICH's test harness (mpitest.h) as the correct CorrBench programs use it: MTest_Init,
 * MTestGetIntracommGeneral's walk over communicators, MTest_Finalize's error count. A program that
 * found wrong data ends with an ordinary Error (not a Rankscope report), so the runner sees a crash.
 */
import { MPI } from 'rankscope/mpi';

export function MTest_Init(): void {}

/** MTest_Finalize: sums every rank's errors; rank 0 prints " No Errors" as MPICH's harness does. */
export async function MTest_Finalize(errs: number): Promise<void> {
  const total = await MPI.COMM_WORLD.allreduce(errs, MPI.SUM);
  if (MPI.COMM_WORLD.rank === 0) console.log(total === 0 ? ' No Errors' : ` Found ${total} errors`);
  if (total !== 0) throw new Error(`MTest: ${total} errors`);
}

/**
 * MTestGetIntracommGeneral(&comm, minsize, allowSmaller): the world, a dup of it, the world in
 * reverse rank order, and the two halves (COMM_NULL where a half is smaller than minsize). Each
 * communicator it made is freed when the loop moves on (MTestFreeComm).
 */
export async function* MTestGetIntracommGeneral(minsize: number): AsyncGenerator<any> {
  const world = MPI.COMM_WORLD;
  if (world.size < minsize) return;
  yield world;
  const dup = await world.Dup();
  yield dup;
  dup.Free();
  const rev = await world.Split(0, world.size - world.rank);
  yield rev;
  rev!.Free();
  const half = await world.Split(world.rank < world.size / 2 ? 0 : 1, world.rank);
  yield half!.size >= minsize ? half : MPI.COMM_NULL;
  half!.Free();
}

/** MTestGetIntracomm(&comm, minsize): the same walk. */
export const MTestGetIntracomm = MTestGetIntracommGeneral;
