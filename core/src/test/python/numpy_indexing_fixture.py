"""Writes numpy-indexing.txt: NumPy's answers to basic-indexing cases, including every slicing case of
distarray-0.5.md section 6, for NumpyIndexingFixtureTest.

Run: /usr/bin/python3 src/test/python/numpy_indexing_fixture.py > src/test/resources/org/jdistarray/array/numpy-indexing.txt
Line format (tab-separated): get|set, shape, index (NumPy spelling), value shape (set only, '-' for get),
result shape or 'error', values (C order, space-separated) or the error message.
"""
import numpy as np

GET = [
    ((10,), "-2"), ((10,), "11"), ((10,), "-11"), ((10,), "-7:-1:2"), ((10,), "50:90"), ((10,), "::-1"),
    ((10,), "8:2:-2"), ((10,), "100:"), ((10, 10), "100:, 100:"), ((3, 4), "1"), ((2, 3, 4), "1, 2"),
    ((2, 2, 2, 2, 2, 2), "..., 1, ..."), ((10,), "1, 2"), ((4, 5), ":, 3"), ((), ""), ((), "..."),
    ((), "None"), ((5, 6), "1:, ::-2"), ((5, 6), "..., None, ::-3"), ((2, 3, 4), "None, ..., 1, None"),
    ((7,), "5:1"), ((7,), "-100:100:3"), ((7,), "6:-8:-2"), ((3, 4, 5), "::-1, 1, ..."),
    ((2, 3, 4, 5), "1, ..., ::2"), ((2, 3, 4, 5), "-1, -1, -1, -1"), ((2, 3, 4, 5), ":, None, 1:3, ..., -2"),
    ((0, 3), "::-1, 1"), ((4,), "4:"), ((4,), "-5::-1"), ((9,), "::4"),
]
SET = [
    ((21,), "15:", (10,)), ((21,), "15:", (6,)), ((3, 4), "2", (4,)), ((3, 4), ":, 1:3", (2,)),
    ((3, 4), ":, 1:3", (3, 1)), ((3, 4), ":, 1:3", (3,)), ((), "...", ()), ((10,), "::-3", ()),
    ((4, 5), ":, 3", (1, 4)), ((4, 5), "::2, ::-2", (2, 3)), ((4, 5), "::2, ::-2", (1, 2, 3)),
    ((4, 5), "::2, ::-2", (2, 2, 3)),
]


def parse(s):
    out = []
    for p in [x.strip() for x in s.split(",")] if s.strip() else []:
        if p == "...":
            out.append(Ellipsis)
        elif p == "None":
            out.append(None)
        elif ":" in p:
            f = [int(x) if x.strip() else None for x in p.split(":")]
            out.append(slice(*f))
        else:
            out.append(int(p))
    return tuple(out)


def fmt(shape):
    return ",".join(str(x) for x in shape)


def vals(a):
    return " ".join(repr(float(x)) for x in np.asarray(a).ravel())


for shape, ix in GET:
    a = np.arange(int(np.prod(shape)), dtype=float).reshape(shape)
    try:
        r = np.asarray(a[parse(ix)])
        print("get\t%s\t%s\t-\t%s\t%s" % (fmt(shape), ix, fmt(r.shape), vals(r)))
    except Exception as e:
        print("get\t%s\t%s\t-\terror\t%s" % (fmt(shape), ix, e))
for shape, ix, vs in SET:
    a = np.arange(int(np.prod(shape)), dtype=float).reshape(shape)
    v = np.arange(int(np.prod(vs)), dtype=float).reshape(vs) + 1000
    try:
        a[parse(ix)] = v
        print("set\t%s\t%s\t%s\t%s\t%s" % (fmt(shape), ix, fmt(vs), fmt(a.shape), vals(a)))
    except Exception as e:
        print("set\t%s\t%s\t%s\terror\t%s" % (fmt(shape), ix, fmt(vs), e))
