"""h5py's write / read of N float64 (default 2^25; run_hdf5_bench.sh sets 2^27) as one contiguous dataset and as a chunked one (chunks of 2^17), the baseline of Hdf5IoBenchmark."""
import os
import sys
import time
import numpy as np
import h5py

n = int(os.environ.get("IO_N", 1 << 25))
reps = int(os.environ.get("PEER_REPS", "7"))
d = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
path = os.path.join(d, "h5py-io-bench.h5")
a = np.arange(n, dtype=np.float64)


def write():
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=a)


def read():
    with h5py.File(path, "r") as f:
        return f["x"][...]


def write_chunked():
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=a, chunks=(1 << 17,))


def case(op, f):
    f()
    t = []
    for _ in range(reps):
        s = time.perf_counter()
        f()
        t.append(time.perf_counter() - s)
    s = sorted(t)[reps // 2]
    print(f"PEER impl=h5py op={op} ranks=1 N={n} seconds={s:.4e} gbs={n * 8 / s / 1e9:.3f}", flush=True)


case("h5_write", write)
case("h5_read", read)
case("h5_write_chunked", write_chunked)
case("h5_read_chunked", read)
os.remove(path)
