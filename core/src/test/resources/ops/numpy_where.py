#!/usr/bin/python3
"""Writes numpy_where.txt: NumPy's (Debian's python3-numpy) results of the reductions with where= and initial= for a
table of small cases, or the error message. Run with /usr/bin/python3:
    /usr/bin/python3 core/src/test/resources/ops/numpy_where.py > core/src/test/resources/ops/numpy_where.txt
Line format (tab-separated): function, input dtype, input shape, input values, axis (None or a), mask shape, mask
values (0/1; "-" for no mask), initial ("None", an int or a float repr), then either "OK", result dtype, result
shape, result values, or "ERR", the message."""
import warnings
import numpy as np

warnings.simplefilter("ignore")
FUNCS = ["sum", "prod", "mean", "var", "std", "min", "max", "any", "all", "nansum", "nanmean", "nanmin", "nanmax",
         "argmin", "ptp", "count_nonzero"]
DTYPES = ["float64", "float32", "int64", "int32", "uint8", "bool"]
VALUES = [3, -1, 7, 0, 7, -5, 100, 1.5, 1, 2, 0, 9]
MASKS = [((3, 4), [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0]), ((4,), [1, 0, 0, 1]), ((3, 1), [0, 1, 1]),
         ((3, 4), [0] * 12), None]
INITIALS = [None, 2, -1.5]


def fmt(v):
    return ",".join(repr(float(x)) if isinstance(x, (float, np.floating)) else str(int(x)) for x in v)


def main():
    out = []
    shape = (3, 4)
    for dtype in DTYPES:
        vals = [v if dtype.startswith("float") else int(v) for v in VALUES]
        if dtype.startswith("float"):
            vals[5] = float("nan")
        a = np.array(vals, dtype=np.float64).astype(dtype).reshape(shape)
        for f in FUNCS:
            for axis in (None, 0, 1):
                for mask in MASKS:
                    for init in INITIALS:
                        kw = {}
                        if axis is not None:
                            kw["axis"] = axis
                        if mask is not None:
                            kw["where"] = np.array(mask[1], dtype=bool).reshape(mask[0])
                        if init is not None:
                            kw["initial"] = init
                        head = [f, dtype, "3,4", fmt(a.ravel()), "None" if axis is None else str(axis),
                                "-" if mask is None else ",".join(map(str, mask[0])),
                                "-" if mask is None else ",".join(map(str, mask[1])), repr(init)]
                        try:
                            r = np.asarray(getattr(np, f)(a, **kw))
                            out.append(head + ["OK", r.dtype.name, ",".join(map(str, r.shape)), fmt(r.ravel())])
                        except Exception as e:  # noqa: BLE001 -- the message is the fixture
                            out.append(head + ["ERR", str(e)])
    for line in out:
        print("\t".join(line))


main()
