"""Python side of ``bin/jdistarray demo --python`` (NumPy + jdistarray_dap, no MPI needed: one process reads every
rank's block of the node through shared memory).

    poisson_dap_demo.py DIR N NRANKS

1. waits for Java's right-hand side (DIR/rhs/dap-rank<r>.json), maps every block with no copy and checks it
   against f computed here with NumPy;
2. exports its own f (NumPy-computed, in shared memory, the same dim_data) to DIR/pyrhs for Java to import;
3. waits for Java's PETSc solution (DIR/u, DIR/u/ready), maps it with no copy and checks it against the exact
   solution (error below h^2).
"""
import os
import sys
import time

import numpy as np

import jdistarray_dap as dap


def g(t):
    return t * (1 - t) * np.exp(t)


def g2(t):
    return -t * (3 + t) * np.exp(t)


def axis_globals(dd, extent):
    l = np.arange(extent)
    if not dd:
        return l
    if dd["dist_type"] == "b":
        return dd["start"] + l
    if dd["dist_type"] == "c":
        b = dd.get("block_size", 1)
        return ((l // b) * dd["proc_grid_size"] + dd["proc_grid_rank"]) * b + l % b
    return np.asarray(dd["indices"])


def coords(dist, h):
    buf = dist["buffer"]
    i = axis_globals(dist["dim_data"][0], buf.shape[0])
    j = axis_globals(dist["dim_data"][1], buf.shape[1])
    y, x = np.meshgrid((i + 1) * h, (j + 1) * h, indexing="ij")
    return x, y


def wait_for(path, timeout=300):
    deadline = time.time() + timeout
    while not os.path.exists(path):
        if time.time() > deadline:
            raise SystemExit("python: timed out waiting for " + path)
        time.sleep(0.02)


def main():
    directory, n, nranks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    h = 1.0 / (n + 1)
    exports = []
    ok = True
    try:
        for r in range(nranks):
            wait_for(dap.descriptor_file(os.path.join(directory, "rhs"), r))
        for r in range(nranks):
            blk = dap.load_rank(os.path.join(directory, "rhs"), r)
            dist = blk.__distarray__()
            buf = dist["buffer"]
            x, y = coords(dist, h)
            f = -(g2(x) * g(y) + g(x) * g2(y))
            diff = float(np.max(np.abs(buf - f))) if buf.size else 0.0
            good = diff <= 1e-12 * max(1.0, float(np.max(np.abs(f))) if f.size else 1.0)
            ok &= good
            print("python: rank %d rhs block %s mapped from %s (no copy: np.memmap, read-only=%s), max |f - numpy f| = %.2e %s"
                  % (r, buf.shape, os.path.basename(blk.segment), blk.readonly, diff, "ok" if good else "WRONG"),
                  flush=True)
            e = dap.empty(buf.shape, np.float64)
            e.array[...] = f
            e.write_descriptor(dist["dim_data"], os.path.join(directory, "pyrhs"), r, nranks)
            exports.append(e)
        print("PYTHON exported", flush=True)
        wait_for(os.path.join(directory, "u", "ready"))
        err = 0.0
        for r in range(nranks):
            blk = dap.load_rank(os.path.join(directory, "u"), r)
            dist = blk.__distarray__()
            x, y = coords(dist, h)
            if dist["buffer"].size:
                err = max(err, float(np.max(np.abs(dist["buffer"] - g(x) * g(y)))))
        good = err < h * h
        ok &= good
        print("python: PETSc's solution read with no copy from %d ranks: max |u - u*| = %.3e (h^2 = %.3e) %s"
              % (nranks, err, h * h, "ok" if good else "WRONG"), flush=True)
    finally:
        for e in exports:
            e.close()
    print("PYTHON done ok=%s" % ok, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
