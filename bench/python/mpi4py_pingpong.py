# The anchor: mpi4py on Open MPI, the same ping-pong and bandwidth measurement.
import json, time
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
peer = 1 - comm.rank
TRIPS = 2000

def pingpong():
    t0 = time.perf_counter()
    for _ in range(TRIPS):
        if comm.rank == 0:
            comm.send(1.5, dest=peer); comm.recv(source=peer)
        else:
            x = comm.recv(source=peer); comm.send(x, dest=peer)
    return (time.perf_counter() - t0) * 1e6 / TRIPS / 2

def bandwidth(nbytes):
    buf = np.zeros(nbytes // 8); ack = np.zeros(1, dtype=np.uint8)
    t0 = time.perf_counter()
    if comm.rank == 0:
        comm.Send(buf, dest=peer); comm.Recv(ack, source=peer)
    else:
        comm.Recv(buf, source=peer); comm.Send(ack, dest=peer)
    return nbytes / (time.perf_counter() - t0) / 1e9

pingpong()
lat = [pingpong() for _ in range(10)]
bw = {}
for nbytes in (1 << 20, 16 << 20):
    for _ in range(3): bandwidth(nbytes)
    bw[nbytes] = [bandwidth(nbytes) for _ in range(15)]
if comm.rank == 0:
    print(json.dumps({'latencyUs': lat, 'bandwidth': bw}))
