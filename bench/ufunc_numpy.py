"""NumPy + mpi4py twin of UfuncBenchmark (run with Debian's /usr/bin/python3 under mpirun), same line format.

    mpirun -np P /usr/bin/python3 -m mpi4py bench/ufunc_numpy.py [axpy] [expr5] [add4096]

axpy: y = a*x + y written as a NumPy user would without temporaries (np.multiply(x, a, out=t); y += t);
expr5: e = np.sqrt(a*a + b*b) * c - d (NumPy makes a temporary per operation; the usual statement);
add4096: np.add(a, b, out=z) on 4096 doubles in total, seconds per call.
"""
import os
import sys
import time

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
N = int(os.environ.get("PEER_N", 1 << 25))
REPS = int(os.environ.get("PEER_REPS", 10))


def local(n):
    p, r = comm.size, comm.rank
    return n // p + (1 if r < n % p else 0)


def timeit(body, calls=1, warm=2):
    for _ in range(warm):
        body()
    ts = []
    for _ in range(REPS):
        comm.Barrier()
        t0 = time.perf_counter()
        body()
        dt = time.perf_counter() - t0
        ts.append(comm.allreduce(dt, op=MPI.MAX) / calls)
    ts.sort()
    m = len(ts)
    return (ts[m // 2] if m % 2 else 0.5 * (ts[m // 2 - 1] + ts[m // 2])), ts[0]


def report(op, n, t, bytes_, note):
    med, mn = t
    if comm.rank == 0:
        print(f"PEER impl=mpi4py op={op} ranks={comm.size} N={n} seconds={med:.6g} gbs={bytes_ / med / 1e9:.2f} "
              f"reps={REPS} min={mn:.6g} note={note}", flush=True)


def axpy():
    n = local(N)
    x, y, t = np.full(n, 3.0), np.ones(n), np.empty(n)

    def op():
        np.multiply(x, 0.5, out=t)
        y.__iadd__(t)
    report("axpy", N, timeit(op), 24 * N, "multiply-out+iadd")


def expr5():
    n = local(N)
    a, b, c, d = np.full(n, 3.0), np.ones(n), np.full(n, 2.0), np.ones(n)
    res = {}

    def op():
        res["e"] = np.sqrt(a * a + b * b) * c - d
    report("expr5", N, timeit(op), 40 * N, "numpy-temporaries")


def add4096():
    n = local(4096)
    a, b, z = np.full(n, 3.0), np.ones(n), np.empty(n)
    calls = 20000

    def op():
        for _ in range(calls):
            np.add(a, b, out=z)
    report("add4096", 4096, timeit(op, calls), 24 * 4096, "per-call")


OPS = {"axpy": axpy, "expr5": expr5, "add4096": add4096}
for name in (sys.argv[1:] or list(OPS)):
    OPS[name]()
