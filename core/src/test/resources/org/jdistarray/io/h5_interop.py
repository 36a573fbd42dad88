"""h5py side of the HDF5 interop tests: `write DIR` writes HDF5 files with h5py (one dataset each, /g/data);
`check DIR NAME...` opens files JDistArray wrote (dataset /data, name = dtype__shape) and checks them against the
same formula, and that `h5dump -H` accepts them; `appended DIR RxC NAME...` checks files of `write` after JDistArray
appended an int32 dataset /mine of shape RxC: /g/data kept its values (in native byte order) and /mine is right. Values: (flat * 37) % 101 - 50 (int64), cast with astype."""
import subprocess
import sys
import numpy as np
import h5py


def ref(shape, dtype):
    n = int(np.prod(shape, dtype=np.int64))
    v = (np.arange(n, dtype=np.int64) * 37) % 101 - 50
    return v.astype(dtype).reshape(shape)


# name: shape, dtype, create_dataset keywords
CASES = {
    "contig_f8_2d": ((7, 5), "<f8", {}),
    "chunk_gzip_i4_3d": ((6, 9, 4), "<i4", {"chunks": (4, 2, 3), "compression": "gzip"}),
    "shuffle_gzip_u2_2d": ((10, 7), "<u2", {"chunks": (3, 7), "compression": "gzip", "shuffle": True}),
    "lzf_f4_2d": ((9, 6), "<f4", {"chunks": (2, 5), "compression": "lzf"}),
    "be_f4_2d": ((5, 8), ">f4", {}),
    "be_chunk_i8_1d": ((29,), ">i8", {"chunks": (6,)}),
    "bool_1d": ((11,), "|b1", {}),
    "u1_chunk_2d": ((4, 9), "|u1", {"chunks": (3, 3)}),
    "i8_0d": ((), "<i8", {}),
    "empty_2d": ((0, 3), "<f8", {}),
}


def write(d):
    for name, (shape, dt, kw) in CASES.items():
        with h5py.File(f"{d}/{name}.h5", "w") as f:
            f.create_dataset("g/data", data=ref(shape, np.dtype(dt)), dtype=np.dtype(dt), **kw)
    print("WROTE", len(CASES))


def check_root(f, name):
    """jHDF's root attribute (its version string, kept in a global heap) survived the ranks' data writes."""
    if "_jHDF" in f.attrs:
        v = f.attrs["_jHDF"]
        v = v.decode() if isinstance(v, bytes) else str(v)
        assert v.startswith("jHDF - "), (name, v)


def check(d, names):
    ok = 0
    for name in names:
        dt, shape = name.split("__")
        shape = () if shape == "0d" else tuple(int(s) for s in shape.split("x"))
        path = f"{d}/{name}.h5"
        with h5py.File(path, "r") as f:
            ds = f["data"]
            expected = ref(shape, np.dtype(dt))
            got = ds[()]
            assert ds.shape == shape, (name, ds.shape)
            kind = np.dtype(dt)
            if kind == np.bool_:
                assert ds.dtype in (np.bool_, np.uint8), (name, ds.dtype)
                assert np.array_equal(np.asarray(got).astype(bool), expected), name
            else:
                assert ds.dtype == kind, (name, ds.dtype, kind)
                assert np.array_equal(got, expected), (name, got, expected)
            assert "jdistarray_dist" in ds.attrs, (name, dict(ds.attrs))
            check_root(f, name)
        r = subprocess.run(["h5dump", "-H", path], capture_output=True, text=True)
        assert r.returncode == 0, (name, r.stdout, r.stderr)
        ok += 1
    print("OK", ok)


def appended(d, mine, names):
    shape = tuple(int(s) for s in mine.split("x"))
    ok = 0
    for name in names:
        path = f"{d}/{name}.h5"
        dshape, dt, _ = CASES[name]
        kind = np.dtype(dt)
        with h5py.File(path, "r") as f:
            ds = f["g/data"]
            got = ds[()]
            assert ds.shape == dshape, (name, ds.shape)
            if kind == np.bool_:
                assert np.array_equal(np.asarray(got).astype(bool), ref(dshape, kind)), name
            else:
                assert ds.dtype.kind == kind.kind and ds.dtype.itemsize == kind.itemsize, (name, ds.dtype, kind)
                assert np.array_equal(got, ref(dshape, kind)), (name, got)
            m = f["mine"]
            assert m.shape == shape and m.dtype == np.dtype("<i4"), (name, m.shape, m.dtype)
            assert np.array_equal(m[()], ref(shape, np.dtype("<i4"))), name
            check_root(f, name)
        r = subprocess.run(["h5dump", "-H", path], capture_output=True, text=True)
        assert r.returncode == 0, (name, r.stdout, r.stderr)
        ok += 1
    print("OK", ok)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "appended":
        appended(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        check(sys.argv[2], sys.argv[3:])
