#!/usr/bin/python3
"""NumPy baseline of AlgoBenchmark: np.sort of ALGO_N (default 2^25) uniform float64 on one core (median of
PEER_REPS, default 5), in the shared PEER line format."""
import os
import time
import numpy as np

n = int(os.environ.get("ALGO_N", 1 << 25))
reps = int(os.environ.get("PEER_REPS", 5))
a = np.random.default_rng(1).random(n)
np.sort(a)
t = []
for _ in range(reps):
    s = time.perf_counter()
    np.sort(a)
    t.append(time.perf_counter() - s)
t.sort()
print("PEER impl=numpy op=sort ranks=1 N=%d seconds=%.6g gbs=%.2f reps=%d min=%.6g note=np.sort_%s"
      % (n, t[reps // 2], 8.0 * n / t[reps // 2] / 1e9, reps, t[0], np.__version__))
