# The anchor: Python's multiprocessing on the same machine, measured the same way.
import json, multiprocessing as mp, time

def trivial(x):
    return x + 1

def nothing():
    pass

if __name__ == '__main__':
    mp.set_start_method('spawn')
    N = 100_000
    items = list(range(N))
    map_rate, apply_rate, start_join = [], [], []
    with mp.Pool(2) as pool:
        for _ in range(3): pool.map(trivial, items)
        for _ in range(7):
            t0 = time.perf_counter(); pool.map(trivial, items); map_rate.append(N / (time.perf_counter() - t0))
        TASKS = 20_000
        for r in range(4):
            t0 = time.perf_counter()
            rs = [pool.apply_async(trivial, (i,)) for i in range(TASKS)]
            for x in rs: x.get()
            if r > 0: apply_rate.append(TASKS / (time.perf_counter() - t0))
    for r in range(12):
        t0 = time.perf_counter(); p = mp.Process(target=nothing); p.start(); p.join()
        if r > 1: start_join.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({'mapRate': map_rate, 'applyRate': apply_rate, 'startJoinMs': start_join}))
