# The table AdvancedIndexingNumpyTest compares with: one line per case, "name|shape|values" or "name|error|message".
# Advanced indexing (several integer arrays, integers, slices, new axes, local boolean arrays) and masks of fewer
# dimensions than the array, on a (2, 3, 4) array.
import numpy as np

a = ((np.arange(24) * 37) % 101 - 50).astype(np.float64).reshape(2, 3, 4)
m2 = (np.arange(6).reshape(2, 3) % 3) != 1       # 4 true cells
m1 = np.array([True, False, True, True])

def out(name, x):
    x = np.asarray(x)
    print(name + "|" + ",".join(str(s) for s in x.shape) + "|" + " ".join(repr(float(v)) for v in x.ravel()))

def err(name, f):
    try:
        f()
        print(name + "|error|none")
    except Exception as e:
        print(name + "|error|" + str(e))

def setting(name, index, value):
    c = a.copy()
    c[index] = value
    out(name, c)

out("two_arrays", a[[0, 1, 1], [2, 0, -1]])
out("three_arrays", a[[0, 1, 1], [2, 0, 1], [3, 3, -4]])
out("broadcast", a[[[0], [1]], :, [0, 1, 2]])
out("adjacent", a[:, [0, 2], [1, 3]])
out("nonadjacent", a[[0, 1], :, [1, 3]])
out("int_front", a[1, :, [0, -1]])
out("int_adjacent", a[:, 1, [0, 1]])
out("newaxis", a[[0, 1], None, [1, 2]])
out("ellipsis", a[..., [3, 0]])
out("negative_step", a[::-1, [2, 0], 1:4:2])
out("two_d_ints", a[np.array([[1, 0], [0, 1]])])
out("local_mask2", a[m2])
out("local_mask_axis2", a[:, :, m1])
out("local_mask_full", a[a > 10])
out("mask_and_ints", a[np.array([True, False]), :, [1, 2]])
out("empty_ints", a[[], :, 1])
setting("set_scalar", ([0, 1], [2, 0]), 7)
setting("set_duplicates", ([0, 1, 0], [1, 1, 1], [3, 3, 3]), [1, 2, 3])
setting("set_values", (slice(None), [0, 2]), np.arange(16).reshape(2, 2, 4))
setting("set_mask_local", (slice(None), slice(None), m1), -2)
out("dmask_get", a[m2])
out("dmask_get1", a[np.array([False, True])])
setting("dmask_set_scalar", m2, 5)
setting("dmask_set_row", m2, np.arange(4))
setting("dmask_set_all", m2, np.arange(16).reshape(4, 4))
di = np.array([[1, 0, 1], [0, 0, 1]])
out("dist_ints", a[di, :, [3, 0, -1]])
out("take_dist_2d", np.take(a, di, axis=1))
out("dist_ints_adjacent", a[:, di[0] + 1, 2])
setting("dist_set", (di[1], [2, 1, 0], [3, 3, 0]), [9, 8, 7])
err("err_dist_bounds", lambda: a[:, np.array([0, 3])])
out("parsed_broadcast", a[[[0], [1]], :, [0, 1, 2]])
out("parsed_mask", a[:, [True, False, True], 1:])
out("parsed_pair", a[[1, 0], 2])
err("err_broadcast", lambda: a[[0, 1], [0, 1, 2]])
err("err_broadcast2", lambda: a[[[0, 1]], [[0], [1], [2]], [[0, 1], [1, 1]]])
err("err_bounds", lambda: a[[0], [3]])
err("err_bounds_neg", lambda: a[:, :, [-5]])
err("err_mask_shape", lambda: a[:, np.zeros(4, bool)])
err("err_too_many", lambda: a[[0, 1], [0, 1], [0, 1], [0]])
err("err_set_shape", lambda: a.copy().__setitem__(([0, 1], [2, 0]), [1, 2, 3]))
err("err_dmask_shape", lambda: a[np.ones((3,), bool)])
err("err_dmask_set", lambda: a.copy().__setitem__(m2, np.arange(5)))
