#!/usr/bin/python3
"""Writes src/test/resources/org/jdistarray/algo/numpy-products.txt: Debian numpy's matmul and dot of 1-d and 2-d
float64 arrays, and partition/argpartition (kth an int or a list, along every axis) of several dtypes with
duplicates, NaN and -0.0. One line per case, tab-separated:
  matmul|dot <TAB> shape of a <TAB> shape of b <TAB> a <TAB> b <TAB> result shape <TAB> result
  partition|argpartition <TAB> dtype <TAB> shape <TAB> axis <TAB> kth (comma-separated) <TAB> input <TAB> result
(values space-separated, C order; repr of floats). For partition the test compares the kth positions (NumPy's
order inside the pieces is unspecified) and checks the partition property."""
import sys
import numpy as np

rng = np.random.default_rng(21)


def text(v):
    v = np.asarray(v)
    if v.dtype.kind == "f":
        return " ".join(repr(float(x)) for x in v.ravel())
    if v.dtype.kind == "b":
        return " ".join("1" if x else "0" for x in v.ravel())
    return " ".join(str(int(x)) for x in v.ravel())


def shape(s):
    return ",".join(str(x) for x in s)


out = ["# numpy " + np.__version__ + ": matmul/dot and partition/argpartition (products_fixture.py)"]
PRODUCT_SHAPES = [((5, 7), (7, 3)), ((1, 9), (9, 4)), ((8, 1), (1, 6)), ((6, 10), (10, 6)), ((4, 0), (0, 3)),
                  ((0, 3), (3, 2)), ((7,), (7, 5)), ((5, 7), (7,)), ((11,), (11,)), ((13, 12), (12, 9))]
for sa, sb in PRODUCT_SHAPES:
    a = np.round(rng.standard_normal(sa), 3)
    b = np.round(rng.standard_normal(sb), 3)
    for name, f in (("matmul", np.matmul), ("dot", np.dot)):
        r = np.asarray(f(a, b))
        out.append("\t".join([name, shape(sa), shape(sb), text(a), text(b), shape(r.shape), text(r)]))


def data(s, dtype):
    n = int(np.prod(s))
    if dtype.startswith("float"):
        v = rng.integers(-3, 4, n).astype(dtype)
        v[rng.random(n) < 0.15] = np.nan
        v[(v == 0) & (rng.random(n) < 0.5)] = -0.0
    elif dtype == "bool":
        v = rng.random(n) < 0.5
    elif dtype.startswith("u"):
        v = rng.integers(0, 4, n).astype(dtype)
    else:
        v = rng.integers(-3, 4, n).astype(dtype)
    return v.reshape(s)


for dtype in ["float64", "float32", "int64", "int32", "uint8", "bool"]:
    for s in [(23,), (6, 5), (3, 4, 5)]:
        a = data(s, dtype)
        for axis in range(-1, len(s)):
            n = s[axis]
            for kth in ([0], [n - 1], [n // 2], [1, n // 2, n - 2], [-1]):
                for name in ("partition", "argpartition"):
                    if name == "partition":
                        r = np.partition(a, kth, axis=axis)
                    else:
                        r = np.take_along_axis(a, np.argpartition(a, kth, axis=axis), axis=axis)
                    out.append("\t".join([name, dtype, shape(s), str(axis), ",".join(str(k) for k in kth),
                                          text(a), text(r)]))

path = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/org/jdistarray/algo/numpy-products.txt"
with open(path, "w") as fh:
    fh.write("\n".join(out) + "\n")
print(path, len(out) - 1, "cases")
