"""DistArray 0.5 MPI-only mode: the round-trip latencies of issue 19's acceptance check.

Run under mpiexec with the DistArray 0.5.0 tree on the path (see README.md in this folder):

    DISTARRAY_SRC=/path/to/distarray-0.5.0 \
        mpiexec -np 2 env PYTHONPATH=$DISTARRAY_SRC /usr/bin/python3 bench/distarray05/da_bench.py

World rank 0 is the client, ranks 1..N-1 are engines (DistArray's MPIContext: `Context(kind='mpi')` never returns
on an engine). The cases, the same as bench's ClientEngineBenchmark (JDistArray) prints:
  create_free4   ctx.zeros((4,)) then del (the proxy's __del__ sends 'delete' to the engines)
  axpy4096       z = a*x + y, a a Python float, x and y float64 of 4096 elements, then del z
  sum4096        x.sum() (a 0-d DistArray on the engines)
  sum4096_fetch  x.sum().tondarray() (the value reaches the client, as JDistArray's sum does)
Each prints `PEER impl=distarray05_mpi op=... ranks=<world size> N=... seconds=<median per call> ... note=...`:
the median over PEER_REPS repetitions of the mean of a batch of PEER_BATCH calls, after one untimed batch.
"""
import os
import statistics
import sys
import time


def env_int(name, default):
    v = os.environ.get(name)
    return int(v) if v else default


def main():
    try:
        from distarray.globalapi import Context
    except ImportError as e:
        from mpi4py import MPI
        if MPI.COMM_WORLD.rank == 0:
            print('SKIP distarray05: cannot import distarray.globalapi (%s); set PYTHONPATH to a DistArray 0.5.0 '
                  'tree (bench/distarray05/README.md)' % e, flush=True)
        return 0
    ctx = Context(kind='mpi')          # engines run their loop here and exit
    reps = env_int('PEER_REPS', 7)
    batch = env_int('PEER_BATCH', 200)
    n = 4096
    ranks = ctx.nengines + 1
    x = ctx.ones((n,))
    y = ctx.ones((n,))
    a = 2.0

    def create_free():
        t = ctx.zeros((4,))
        del t

    def axpy():
        z = a * x + y
        del z

    def sum_proxy():
        s = x.sum()
        del s

    def sum_fetch():
        return x.sum().tondarray()

    check = float(sum_fetch())
    if check != n:
        raise AssertionError('sum of ones(%d) is %r' % (n, check))
    z = a * x + y
    if not (z.tondarray() == 3.0).all():
        raise AssertionError('a*x + y is not 3 everywhere')
    del z
    for op, fn, size in (('create_free4', create_free, 4), ('axpy4096', axpy, n),
                         ('sum4096', sum_proxy, n), ('sum4096_fetch', sum_fetch, n)):
        for _ in range(batch):
            fn()
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(batch):
                fn()
            times.append((time.perf_counter() - t0) / batch)
        print('PEER impl=distarray05_mpi op=%s ranks=%d N=%d seconds=%.6g gbs=- reps=%d min=%.6g note=%s'
              % (op, ranks, size, statistics.median(times), reps, min(times),
                 '1client+%dengines' % ctx.nengines), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
