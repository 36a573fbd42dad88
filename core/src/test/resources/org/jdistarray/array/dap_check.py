"""Test driver of SharedExportContract: reads JDistArray's shared exports with jdistarray_dap and NumPy.

  dap_check.py readwrite DIR NRANKS   checks every rank's block holds flat(g) + 0.25, negates it in place,
                                      dumps to_json(__distarray__()) to DIR/py-rank<r>.json, prints the sum
  dap_check.py readonly DIR NRANKS    checks that a read-only export cannot be written
  dap_check.py export DIR NRANKS N    exports a block-distributed float64 array of N elements, value 2*g + 1,
                                      waits for DIR/done, then checks Java's writes (value -(2*g+1)) and exits
"""
import json
import os
import sys
import time

import numpy as np

import jdistarray_dap as dap


def globals_of(dd, n_local, rank_extent):
    if not dd:
        return np.arange(n_local)
    t = dd["dist_type"]
    l = np.arange(n_local)
    if t == "b":
        return dd["start"] + l
    if t == "c":
        b = dd.get("block_size", 1)
        return ((l // b) * dd["proc_grid_size"] + dd["proc_grid_rank"]) * b + l % b
    if t == "u":
        return np.asarray(dd["indices"])
    raise ValueError(t)


def flat_globals(dist):
    buf = np.asarray(dist["buffer"])
    sizes = [dd["size"] if dd else buf.shape[i] for i, dd in enumerate(dist["dim_data"])]
    per_axis = [globals_of(dd, buf.shape[i], None) for i, dd in enumerate(dist["dim_data"])]
    if not per_axis:
        return np.zeros(())
    grids = np.meshgrid(*per_axis, indexing="ij")
    return np.ravel_multi_index(grids, sizes) if buf.size else np.zeros(buf.shape)


def check_types(dist):
    assert set(dist) == {"__version__", "buffer", "dim_data"}, dist.keys()
    assert isinstance(dist["dim_data"], tuple), type(dist["dim_data"])
    mv = memoryview(dist["buffer"])  # PEP 3118
    assert mv.ndim == len(dist["dim_data"]), (mv.ndim, dist["dim_data"])
    assert mv.c_contiguous
    for dd in dist["dim_data"]:
        assert dd.get("dist_type") in ("b", "c", "u"), dd
        if "padding" in dd:
            assert isinstance(dd["padding"], tuple)
        if "indices" in dd:
            assert isinstance(dd["indices"], np.ndarray)


def main():
    cmd, directory, nranks = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if cmd == "readwrite":
        total = 0.0
        for r in range(nranks):
            blk = dap.load_rank(directory, r)
            dist = blk.__distarray__()
            check_types(dist)
            a = np.asarray(dist["buffer"])
            want = flat_globals(dist) + 0.25
            assert np.array_equal(a, want), (r, a, want)
            total += float(a.sum())
            dist["buffer"][...] = -dist["buffer"]
            blk.flush()
            with open(os.path.join(directory, "py-rank%d.json" % r), "w") as f:
                json.dump(dap.to_json(dist), f)
        print("sum %r" % total)
    elif cmd == "readonly":
        for r in range(nranks):
            blk = dap.load_rank(directory, r)
            a = blk.__distarray__()["buffer"]
            assert blk.readonly
            try:
                a[...] = 7
            except ValueError:
                pass
            else:
                if a.size:
                    raise AssertionError("a read-only export was writable")
        print("readonly ok")
    elif cmd == "invalid":
        good = open(dap.descriptor_file(directory, 0)).read()
        cases = [('"dist_type": "b"', '"dist_type": "q"', "dist_type"), ('"0.10.0"', '"v1.0.0alpha"', "__version__"),
                 ('"nbytes": ', '"nbytes": 1', "nbytes"), ('"shm"', '"shm_"', "shm"), ("{", "{{", "JSON"),
                 ('"path": "', '"path": "/nonexistent', "shm.path"), ('"size": ', '"size": -', "size"),
                 ('"proc_grid_size": ', '"proc_grid_size": -', "proc_grid")]
        compact = json.dumps(json.loads(good))
        for old, new, key in cases:
            bad = os.path.join(directory, "bad.json")
            with open(bad, "w") as f:
                f.write(compact.replace(old, new, 1))
            assert compact.replace(old, new, 1) != compact, old
            try:
                dap.load(bad)
            except dap.InvalidDescriptor as e:
                assert key in str(e), (key, str(e))
            else:
                raise AssertionError("accepted a broken descriptor: " + key)
            os.unlink(bad)
        e = dap.empty((3, 2), np.int32)  # DistArray's 'n' axis is exported as the protocol's 'b'
        path = e.write_descriptor([{"dist_type": "n", "size": 3}, {"dist_type": "b", "size": 2, "proc_grid_rank": 0,
                                   "proc_grid_size": 1, "start": 0, "stop": 2}], os.path.join(directory, "n"), 0, 1)
        dd = json.load(open(path))["__distarray__"]["dim_data"][0]
        assert dd == {"dist_type": "b", "size": 3, "proc_grid_rank": 0, "proc_grid_size": 1, "start": 0, "stop": 3}, dd
        assert dap.load(path).__distarray__()["dim_data"][0]["dist_type"] == "b"
        e.close()
        assert not os.path.exists(path) and not os.path.exists(e.segment)
        os.rmdir(os.path.join(directory, "n"))
        print("invalid ok %d" % len(cases))
    elif cmd == "export":
        n = int(sys.argv[4])
        blocks = []
        base, rem = divmod(n, nranks)
        start = 0
        for r in range(nranks):
            cnt = base + (1 if r < rem else 0)
            e = dap.empty((cnt,), np.float64)
            e.array[...] = 2 * np.arange(start, start + cnt) + 1
            e.write_descriptor([{"dist_type": "b", "size": n, "proc_grid_rank": r, "proc_grid_size": nranks,
                                 "start": start, "stop": start + cnt}], directory, r, nranks)
            blocks.append((e, start, cnt))
            start += cnt
        print("exported", flush=True)
        deadline = time.time() + 60
        while not os.path.exists(os.path.join(directory, "done")):
            if time.time() > deadline:
                raise SystemExit("timed out waiting for Java")
            time.sleep(0.02)
        for e, s, cnt in blocks:
            assert np.array_equal(e.array, -(2 * np.arange(s, s + cnt) + 1)), e.array
            e.close()
        print("java writes seen")
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
