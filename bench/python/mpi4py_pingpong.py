# The anchor: mpi4py on Open MPI, the same ping-pong (batch means and per-trip one-way times, µs),
# bandwidth (GB/s) and resident memory of each rank (bytes) as bench/programs/pingpong.ts.
import json, time
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
peer = 1 - comm.rank
TRIPS = 2000
trips = []

def pingpong(keep):
    t0 = time.perf_counter()
    for _ in range(TRIPS):
        t = time.perf_counter()
        if comm.rank == 0:
            comm.send(1.5, dest=peer); comm.recv(source=peer)
        else:
            x = comm.recv(source=peer); comm.send(x, dest=peer)
        if keep: trips.append((time.perf_counter() - t) * 1e6 / 2)
    return (time.perf_counter() - t0) * 1e6 / TRIPS / 2

def bandwidth(nbytes):
    buf = np.zeros(nbytes // 8); ack = np.zeros(1, dtype=np.uint8)
    t0 = time.perf_counter()
    if comm.rank == 0:
        comm.Send(buf, dest=peer); comm.Recv(ack, source=peer)
    else:
        comm.Recv(buf, source=peer); comm.Send(ack, dest=peer)
    return nbytes / (time.perf_counter() - t0) / 1e9

def rss():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith('VmRSS'))

pingpong(False)
lat = [pingpong(True) for _ in range(10)]
trips.sort()
q = lambda p: trips[min(len(trips) - 1, int(p * len(trips)))]
bw = {}
for nbytes in (1 << 20, 16 << 20):
    for _ in range(3): bandwidth(nbytes)
    bw[nbytes] = [bandwidth(nbytes) for _ in range(15)]
r = comm.gather(rss(), root=0)
if comm.rank == 0:
    print(json.dumps({'latencyUs': lat, 'tripUs': {'p50': q(0.5), 'p90': q(0.9), 'p99': q(0.99)}, 'bandwidth': bw, 'rss': r}))
