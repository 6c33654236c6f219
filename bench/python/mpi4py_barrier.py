import json, time
from mpi4py import MPI
MPI.COMM_WORLD.Barrier()
if MPI.COMM_WORLD.rank == 0:
    print(json.dumps({'barrierAt': time.time() * 1000}))
