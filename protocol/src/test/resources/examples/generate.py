#!/usr/bin/env python3
"""Regenerates the protocol export examples (JSON form, protocol.md section 7) in valid/ and invalid/.

Run from this directory: python3 generate.py. Only the standard library is needed.
"""
import json


def ex(shape, dims, dtype="<f8", version="0.10.0", data=None, **extra):
    d = {"__version__": version, "buffer": {"dtype": dtype, "shape": shape}, "dim_data": dims}
    if data is not None:
        d["data"] = data
    d.update(extra)
    return d


def b(size, pgs, rank, start, stop, **kw):
    d = {"dist_type": "b", "size": size, "proc_grid_rank": rank, "proc_grid_size": pgs, "start": start, "stop": stop}
    d.update(kw)
    return d


def c(size, pgs, rank, start, **kw):
    d = {"dist_type": "c", "size": size, "proc_grid_rank": rank, "proc_grid_size": pgs, "start": start}
    d.update(kw)
    return d


def u(size, pgs, rank, indices, **kw):
    d = {"dist_type": "u", "size": size, "proc_grid_rank": rank, "proc_grid_size": pgs, "indices": indices}
    d.update(kw)
    return d


VALID = {
    "block-7-over-4-rank0": ex([2], [b(7, 4, 0, 0, 2)]),
    "block-padding-18-rank0": ex([10], [b(18, 2, 0, 0, 10, padding=[1, 1])]),
    "block-padding-18-rank1": ex([10], [b(18, 2, 1, 8, 18, padding=[1, 1])]),
    "cyclic-10-over-3-rank1": ex([3], [c(10, 3, 1, 1)], dtype="<i8", data=[1, 4, 7]),
    "block-cyclic-7-b2-rank1": ex([3], [c(7, 2, 1, 2, block_size=2)]),
    "unstructured-one-to-one-rank0": ex([3], [u(6, 2, 0, [5, 0, 2], one_to_one=True)]),
    "undistributed-alias-2d": ex([3, 2], [{}, b(4, 2, 1, 2, 4)], dtype="|b1",
                                 data=[True, False, False, True, True, True]),
    "zero-dimensional": ex([], [], data=[3.5]),
    "version-0.10-short": ex([4], [b(4, 1, 0, 0, 4, periodic=True)], version="0.10"),
    "empty-local-block": ex([0], [b(5, 3, 2, 5, 5)], dtype="<f4", data=[]),
}

# name: (export, dimension, key of the first violation)
INVALID = {
    "extra-key": (ex([2], [b(7, 4, 0, 0, 2)], extra_key=1), -1, "extra_key"),
    "version-0.9": (ex([2], [b(7, 4, 0, 0, 2)], version="0.9.0"), -1, "__version__"),
    "version-not-valid": (ex([2], [b(7, 4, 0, 0, 2)], version="v1.0.0alpha"), -1, "__version__"),
    "dim-data-length": (ex([2, 3], [b(7, 4, 0, 0, 2)]), -1, "dim_data"),
    "dist-type-n": (ex([7], [{"dist_type": "n", "size": 7, "proc_grid_rank": 0, "proc_grid_size": 1}]), 0, "dist_type"),
    "missing-size": (ex([2], [{"dist_type": "b", "proc_grid_rank": 0, "proc_grid_size": 4, "start": 0, "stop": 2}]),
                     0, "size"),
    "rank-out-of-range": (ex([2], [b(7, 4, 4, 0, 2)]), 0, "proc_grid_rank"),
    "stop-beyond-size": (ex([3], [b(7, 4, 3, 6, 9)]), 0, "stop"),
    "extent-mismatch": (ex([3], [b(7, 4, 1, 2, 4)]), 0, "stop"),
    "cyclic-start-mismatch": (ex([3], [c(10, 3, 1, 0)]), 0, "start"),
    "block-cyclic-reference-rule": (ex([5], [c(7, 2, 0, 0, block_size=2)]), 0, "buffer.shape"),
    "indices-not-unique": (ex([3], [u(6, 2, 0, [5, 0, 5])]), 0, "indices"),
    "padding-list-too-long": (ex([10], [b(18, 2, 0, 0, 10, padding=[1, 1, 1])]), 0, "padding"),
    "data-wrong-length": (ex([2], [b(7, 4, 0, 0, 2)], data=[1.0]), -1, "data"),
}

MALFORMED = '{"__version__": "0.10.0", "buffer": {"dtype": "<f8", "shape": [2]}, "dim_data": [\n'

if __name__ == "__main__":
    for name, d in VALID.items():
        with open(f"valid/{name}.json", "w") as f:
            f.write(json.dumps(d) + "\n")
    rows = []
    for name, (d, dim, key) in INVALID.items():
        with open(f"invalid/{name}.json", "w") as f:
            f.write(json.dumps(d) + "\n")
        rows.append(f"{name}.json\t{dim}\t{key}")
    with open("invalid/malformed.json", "w") as f:
        f.write(MALFORMED)
    rows.append("malformed.json\t-\tmalformed JSON")
    with open("invalid/expected-violations.tsv", "w") as f:
        f.write("# file\tdimension\tkey of the first violation (\"-\": not JSON at all)\n" + "\n".join(rows) + "\n")
