#!/usr/bin/python3
"""NumPy twins of RandomBenchmark: numpy.random.Generator(numpy.random.Philox(key=42)) in one process.

Prints one PEER line per case of RANDOM_OPS (comma-separated; default all) (seconds per call, median of PEER_REPS after a warm-up); N from RANDOM_N (2^25).
Run with Debian's /usr/bin/python3 (numpy 1.24).
"""
import os
import statistics
import time

import numpy as np
from numpy.random import Generator, Philox


def main():
    n = int(os.environ.get("RANDOM_N", 1 << 25))
    reps = int(os.environ.get("PEER_REPS", 7))
    g = Generator(Philox(key=42))
    cases = [
        ("rand", 8, lambda: g.random(n)),
        ("rand_f32", 4, lambda: g.random(n, dtype=np.float32)),
        ("standard_normal", 8, lambda: g.standard_normal(n)),
        ("integers_1000", 8, lambda: g.integers(0, 1000, n)),
    ]
    wanted = os.environ.get("RANDOM_OPS", "rand,rand_f32,standard_normal,integers_1000").split(",")
    for op, item, f in cases:
        if op not in wanted:
            continue
        for _ in range(2):
            f()
        t = []
        for _ in range(reps):
            start = time.perf_counter()
            a = f()
            t.append(time.perf_counter() - start)
            del a
        s = statistics.median(t)
        print("PEER impl=numpy op=%s ranks=1 N=%d seconds=%.4e gbs=%.3f" % (op, n, s, n * item / s / 1e9))


if __name__ == "__main__":
    main()
