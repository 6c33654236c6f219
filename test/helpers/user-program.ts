/**
 * A user's own program as a newcomer writes it, alone in a folder: MPI and multiprocessing, the
 * top-level awaits and imports an editor must understand with nothing installed beside it.
 */
export const USER_PROGRAM = `import { MPI } from 'rankscope/mpi';
import * as mp from 'rankscope/multiprocessing';

export function square(x: number) {
  return x * x;
}

const comm = MPI.COMM_WORLD;
if (comm.rank === 0) await comm.send({ n: 1 }, { dest: 1 });
if (comm.rank === 1) console.log(await comm.recv({ source: 0 }), process.pid);

await mp.main(async () => {
  await using pool = new mp.Pool(2);
  console.log(await pool.map(square, [1, 2, 3]));
});
`;
