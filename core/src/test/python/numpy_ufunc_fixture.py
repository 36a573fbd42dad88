#!/usr/bin/python3
"""Writes the NumPy reference table for JDistArray's ufuncs (NumpyUfuncFixtureTest reads it).

Run with Debian's numpy (1.24): /usr/bin/python3 core/src/test/python/numpy_ufunc_fixture.py > \
    core/src/test/resources/org/jdistarray/ops/numpy-ufuncs.txt

Lines (tab-separated):
  T op dt1 [dt2] result-dtype|ERR:message         result dtype of array operands, every dtype (pair)
  S op dt scalar result-dtype|ERR:message          array op Python scalar (value-based typing)
  V op dt1 [dt2] a-values [b-values] result-dtype result-values   values, edge values included
Values are comma-separated: floats as Java parses them (NaN, Infinity, -0.0), integers in decimal, bools 0/1.
JDistArray has no float16: where NumPy's loop is float16 the float32 loop is used (dtype=float32).
"""
import itertools
import sys

import numpy as np

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]
UNARY = ("absolute arccos arccosh arcsin arcsinh arctan arctanh conjugate cos cosh exp expm1 invert log log10 "
         "log1p negative positive reciprocal rint sign sin sinh sqrt square tan tanh isnan isinf isfinite signbit "
         "logical_not floor ceil trunc exp2 log2 cbrt deg2rad rad2deg").split()
BINARY = ("add arctan2 bitwise_and bitwise_or bitwise_xor divide floor_divide fmod hypot left_shift remainder "
          "multiply power right_shift subtract true_divide less less_equal equal not_equal greater greater_equal "
          "maximum minimum fmax fmin copysign logical_and logical_or logical_xor").split()
PAIRS = [(t, t) for t in DTYPES] + [("int8", "uint8"), ("int32", "float32"), ("uint64", "int64"), ("bool", "int8"),
                                    ("int64", "float64"), ("float32", "float64"), ("uint8", "float32"),
                                    ("int16", "uint32")]
SCALARS = [3, -1, 300, 70000, -40000, 2 ** 40, 1.5, -0.0, 1e300, True]
SCALAR_OPS = ["add", "multiply", "true_divide", "floor_divide", "less", "maximum", "power", "left_shift"]


def samples(dt):
    if dt == "bool":
        return [False, True]
    d = np.dtype(dt)
    if d.kind == "f":
        return [0.0, -0.0, 1.5, -2.5, 3.0, 0.5, -7.0, float("nan"), float("inf"), float("-inf"), 1e300, 2.0]
    info = np.iinfo(d)
    vals = [0, 1, -1, 2, 7, -8, 3, 5, info.min, info.max]
    return [v for v in vals if info.min <= v <= info.max] if d.kind == "i" else [v % (info.max + 1) for v in vals]


def shift_counts(dt):
    d = np.dtype(dt)
    info = np.iinfo(d)
    vals = [0, 1, 3, 7, 8, 9, 15, 16, 31, 32, 63, 64, 65, -1]
    return [v for v in vals if info.min <= v <= info.max]


def fmt(arr):
    out = []
    for x in np.asarray(arr).ravel().tolist():
        if isinstance(x, bool):
            out.append("1" if x else "0")
        elif isinstance(x, float):
            out.append("NaN" if x != x else "Infinity" if x == float("inf") else "-Infinity"
                       if x == float("-inf") else repr(x))
        else:
            out.append(str(int(x)))
    return ",".join(out) if out else "-"


def call(name, *args):
    f = getattr(np, name)
    with np.errstate(all="ignore"):
        r = f(*args)
        if r.dtype == np.float16:
            r = f(*args, dtype=np.float32)
    return r


def err(e):
    return "ERR:" + type(e).__name__ + ":" + str(e).replace("\t", " ")


def main(w):
    w.write("# numpy " + np.__version__ + "\n")
    for op in UNARY:
        for t in DTYPES:
            try:
                w.write("\t".join(["T", op, t, str(call(op, np.zeros(1, t)).dtype)]) + "\n")
            except Exception as e:  # noqa: BLE001
                w.write("\t".join(["T", op, t, err(e)]) + "\n")
            a = samples(t)
            if op == "reciprocal" and t != "bool" and np.dtype(t).kind in "iu":
                a = [v for v in a if v != 0]  # 1/0 in C is undefined behaviour for integers
            try:
                x = np.array(a, dtype=t)
                r = call(op, x)
                w.write("\t".join(["V", op, t, fmt(x), str(r.dtype), fmt(r)]) + "\n")
            except Exception:  # noqa: BLE001
                pass
    for op in BINARY:
        for t1, t2 in itertools.product(DTYPES, DTYPES):
            try:
                w.write("\t".join(["T", op, t1, t2, str(call(op, np.zeros(1, t1), np.ones(1, t2)).dtype)]) + "\n")
            except Exception as e:  # noqa: BLE001
                w.write("\t".join(["T", op, t1, t2, err(e)]) + "\n")
        for t1, t2 in PAIRS:
            sa, sb = samples(t1), samples(t2)
            if op in ("left_shift", "right_shift") and np.dtype(t2).kind in "iu":
                sb = shift_counts(t2)
            if op == "power" and np.dtype(t1).kind in "iub" and np.dtype(t2).kind in "iub":
                sb = [v for v in sb if v >= 0]
            a, b = zip(*itertools.product(sa, sb))
            try:
                x, y = np.array(a, dtype=t1), np.array(b, dtype=t2)
                r = call(op, x, y)
                w.write("\t".join(["V", op, t1, t2, fmt(x), fmt(y), str(r.dtype), fmt(r)]) + "\n")
            except Exception:  # noqa: BLE001
                pass
    for op in SCALAR_OPS:
        for t in DTYPES:
            for s in SCALARS:
                text = ("True" if s is True else repr(s))
                try:
                    r = call(op, np.ones(2, t), s)
                    w.write("\t".join(["S", op, t, text, str(r.dtype)]) + "\n")
                except Exception as e:  # noqa: BLE001
                    w.write("\t".join(["S", op, t, text, err(e)]) + "\n")


if __name__ == "__main__":
    main(sys.stdout)
