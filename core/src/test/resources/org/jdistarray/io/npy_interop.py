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


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
        print("OK")
    else:
        check(sys.argv[2], sys.argv[3:])
