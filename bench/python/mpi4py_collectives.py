# The anchor for bench/programs/collectives.ts: the same per-call medians with mpi4py on Open MPI.
import json, time
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
CALLS, WARM = 300, 50

def per_call(call):
    ts = []
    for i in range(CALLS):
        t = time.perf_counter(); call()
        if i >= WARM: ts.append((time.perf_counter() - t) * 1e6)
    mine = sorted(ts)[len(ts) // 2]
    all_ = comm.gather(mine, root=0)
    return sorted(all_)[len(all_) // 2] if all_ else 0

def rss():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith('VmRSS'))

one, out = np.ones(1), np.zeros(1)
b = per_call(comm.Barrier)
a = per_call(lambda: comm.allreduce(1, op=MPI.SUM))
A = per_call(lambda: comm.Allreduce(one, out, op=MPI.SUM))
r = comm.gather(rss(), root=0)
if comm.rank == 0:
    print(json.dumps({'n': comm.size, 'barrierUs': b, 'allreduceUs': a, 'AllreduceUs': A, 'rss': r}))
