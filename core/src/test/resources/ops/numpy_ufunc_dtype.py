#!/usr/bin/python3
"""Writes numpy_ufunc_dtype.txt: NumPy's (Debian's python3-numpy) results of ufuncs with dtype= (and casting=) for a
table of operand dtypes, Python scalars, target dtypes and casting rules: result dtype and values, or the error.
Run with /usr/bin/python3:
    /usr/bin/python3 core/src/test/resources/ops/numpy_ufunc_dtype.py > core/src/test/resources/ops/numpy_ufunc_dtype.txt
Line format (tab-separated): ufunc, operand 0, operand 1 ("-" for a unary ufunc), dtype, casting, then either "OK",
result dtype, result values, or "ERR", the message. An operand is a dtype name (the array [1, 2, 3, 4] in it) or a
Python scalar written "int:300" / "float:1.5"."""
import warnings
import numpy as np

warnings.simplefilter("ignore")
BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "power", "maximum", "bitwise_and", "left_shift",
          "arctan2", "less", "logical_and"]
UNARY = ["sqrt", "negative", "invert", "absolute", "exp", "isnan"]
DTYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]
CASTINGS = ["same_kind", "unsafe"]
SCALARS = ["int:300", "int:-1", "float:1.5"]


def operand(s):
    if s.startswith("int:"):
        return int(s[4:])
    if s.startswith("float:"):
        return float(s[6:])
    return np.array([1, 2, 3, 4]).astype(s) if s != "bool" else np.array([True, False, True, True])


def fmt(v):
    return ",".join(repr(float(x)) if isinstance(x, (float, np.floating)) else str(int(x)) for x in v)


def row(out, f, a, b, dt, casting):
    args = [operand(a)] + ([] if b == "-" else [operand(b)])
    head = [f, a, b, dt, casting]
    try:
        r = np.asarray(getattr(np, f)(*args, dtype=dt, casting=casting))
        out.append(head + ["OK", r.dtype.name, fmt(r.ravel())])
    except Exception as e:  # noqa: BLE001 -- the message is the fixture
        out.append(head + ["ERR", str(e)])


def main():
    out = []
    for f in BINARY:
        for a in DTYPES:
            for b in DTYPES:
                for dt in DTYPES:
                    for c in CASTINGS:
                        row(out, f, a, b, dt, c)
    for f in ["add", "multiply", "less"]:
        for a in ["uint8", "int32", "float32"]:
            for s in SCALARS:
                for dt in DTYPES:
                    for c in CASTINGS + ["safe"]:
                        row(out, f, a, s, dt, c)
                        row(out, f, s, a, dt, c)
    for f in UNARY:
        for a in DTYPES:
            for dt in DTYPES:
                for c in CASTINGS + ["safe", "no"]:
                    row(out, f, a, "-", dt, c)
    for line in out:
        print("\t".join(line))


main()
