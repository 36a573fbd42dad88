"""NumPy side of NpyNumpyTest: `write DIR` writes .npy files with np.save / np.lib.format;
`check DIR NAME...` loads files JDistArray wrote and checks them against the same formula.
Values: (flat * 37) % 101 - 50 (int64), cast with astype as NumPy does."""
import sys
import numpy as np
from numpy.lib import format as fmt


def ref(shape, dtype):
    n = int(np.prod(shape, dtype=np.int64))
    v = (np.arange(n, dtype=np.int64) * 37) % 101 - 50
    return v.astype(dtype).reshape(shape)


CASES = {
    "v1_f8_2d": ((7, 5), "<f8", (1, 0), False),
    "v2_i4_2d": ((6, 9), "<i4", (2, 0), False),
    "v3_f8_1d": ((23,), "<f8", (3, 0), False),
    "be_f8_2d": ((5, 8), ">f8", None, False),
    "be_i2_3d": ((3, 4, 5), ">i2", None, False),
    "fortran_f4_2d": ((6, 7), "<f4", None, True),
    "bool_1d": ((11,), "|b1", None, False),
    "u1_2d": ((4, 9), "|u1", None, False),
    "i8_0d": ((), "<i8", None, False),
    "empty_2d": ((0, 3), "<f8", None, False),
}


def write(d):
    for name, (shape, dt, version, fortran) in CASES.items():
        a = ref(shape, np.dtype(dt))
        if fortran:
            a = np.asfortranarray(a)
        path = f"{d}/{name}.npy"
        if version is None:
            np.save(path, a)
        else:
            with open(path, "wb") as f:
                fmt.write_array(f, a, version=version)


def check(d, names):
    for name in names:
        path = f"{d}/{name}.npy"
        with open(path, "rb") as f:
            version = fmt.read_magic(f)
        a = np.load(path)
        dt, shape = name.split("__")
        shape = tuple(int(s) for s in shape.split("x") if s != "") if shape != "0d" else ()
        want = ref(shape, np.dtype(dt))
        assert version == (1, 0), (name, version)
        assert a.dtype == want.dtype, (name, a.dtype, want.dtype)
        assert a.shape == want.shape, (name, a.shape, want.shape)
        assert np.array_equal(a, want), (name, a, want)
    print("OK", len(names))


# --- .dnpy, as DistArray 0.5's localapi/format.py writes and reads it (distarray-0.5.md section 11) ---
DNPY_MAGIC = b"\x93DARRY"


def dnpy_bytes(dim_data, local):
    """The bytes DistArray 0.5's save_dnpy writes: magic, version 1.0, NumPy 1.8's header dict, a .npy stream."""
    import io
    d = {"__version__": "0.10.0", "dim_data": tuple(dim_data)}
    header = "{" + "".join("%r: %r, " % (k, d[k]) for k in sorted(d)) + "}"
    pad = 16 - ((len(header) + 1 + 10) % 16)
    header = header + " " * pad + "\n"
    buf = io.BytesIO()
    buf.write(DNPY_MAGIC + bytes([1, 0]) + len(header).to_bytes(2, "little") + header.encode("latin1"))
    fmt.write_array(buf, local, version=(1, 0))
    return buf.getvalue()


def dnpy_read(path):
    """DistArray 0.5's load_dnpy checks: magic, version, a dict with exactly the two keys; then the .npy stream."""
    import ast
    with open(path, "rb") as f:
        assert f.read(6) == DNPY_MAGIC, path
        assert f.read(2) == bytes([1, 0]), path
        n = int.from_bytes(f.read(2), "little")
        d = ast.literal_eval(f.read(n).decode("latin1"))
        assert isinstance(d, dict) and set(d) == {"__version__", "dim_data"}, d
        return d, fmt.read_array(f)


def global_indices(dim):
    t = dim["dist_type"]
    if t == "b":
        return list(range(dim.get("start", 0), dim.get("stop", dim["size"])))
    if t == "n":
        return list(range(dim["size"]))
    if t == "c":
        bs = dim.get("block_size", 1)
        pgs = dim["proc_grid_size"]
        return [g for g in range(dim["size"]) if (g // bs) % pgs == dim["start"] // bs]
    return list(dim["indices"])


def local_ref(shape, dtype, dims):
    full = ref(shape, np.dtype(dtype))
    return full[np.ix_(*[global_indices(d) for d in dims])] if dims else full


DNPY_SETS = {
    # name: (global shape, dtype, per-rank dim data)
    "c7": ((7,), "<f8", [({"dist_type": "c", "size": 7, "proc_grid_rank": r, "proc_grid_size": 2, "start": r},)
                         for r in range(2)]),
    "bn": ((4, 3), "<i4", [({"dist_type": "b", "size": 4, "proc_grid_rank": r, "proc_grid_size": 2, "start": 2 * r,
                             "stop": 2 * r + 2}, {"dist_type": "n", "size": 3}) for r in range(2)]),
}


def write_dnpy(d):
    for name, (shape, dt, per_rank) in DNPY_SETS.items():
        for r, dims in enumerate(per_rank):
            with open(f"{d}/{name}_{r}.dnpy", "wb") as f:
                f.write(dnpy_bytes(dims, local_ref(shape, dt, dims)))


def check_dnpy(d, names):
    """Java's sets: readable as DistArray reads them, values right, and byte for byte what DistArray writes."""
    import glob
    count = 0
    for name in names:
        shape_s, dt = name.split("__")[1:]
        shape = tuple(int(s) for s in shape_s.split("x"))
        files = sorted(glob.glob(f"{d}/{name}_*.dnpy"))
        assert files, name
        for path in files:
            header, local = dnpy_read(path)
            dims = header["dim_data"]
            assert tuple(dim["size"] for dim in dims) == shape, (path, dims)
            want = local_ref(shape, dt, dims)
            assert local.dtype == want.dtype and np.array_equal(local, want), (path, local, want)
            with open(path, "rb") as f:
                assert f.read() == dnpy_bytes(dims, want), path + ": not byte-identical to DistArray's writer"
            count += 1
    print("OK", count)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
        print("OK")
    elif sys.argv[1] == "write-dnpy":
        write_dnpy(sys.argv[2])
        print("OK")
    elif sys.argv[1] == "check-dnpy":
        check_dnpy(sys.argv[2], sys.argv[3:])
    else:
        check(sys.argv[2], sys.argv[3:])
