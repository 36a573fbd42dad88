"""NumPy's np.save / np.load of N float64 (default 2^25), and sums over it in memory and memory-mapped, the baseline of
NpyIoBenchmark (same job, same format)."""
import os
import sys
import time
import numpy as np

n = int(os.environ.get("IO_N", 1 << 25))
reps = int(os.environ.get("PEER_REPS", "7"))
d = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
path = os.path.join(d, "numpy-io-bench.npy")
a = np.arange(n, dtype=np.float64)


def case(op, f):
    f()
    t = []
    for _ in range(reps):
        s = time.perf_counter()
        f()
        t.append(time.perf_counter() - s)
    s = sorted(t)[reps // 2]
    print(f"PEER impl=numpy op={op} ranks=1 N={n} seconds={s:.4e} gbs={n * 8 / s / 1e9:.3f}", flush=True)


case("npy_save", lambda: np.save(path, a))
case("npy_load", lambda: np.load(path))
case("sum_memory", lambda: a.sum())
m = np.load(path, mmap_mode="r")
case("sum_memmap", lambda: m.sum())
del m
case("sum_memmap_open", lambda: np.load(path, mmap_mode="r").sum())
os.remove(path)
