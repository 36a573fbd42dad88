# The table IndexingNumpyTest compares with: one line per case, "name|shape|values" or "name|error|message".
import numpy as np

a = ((np.arange(12) * 37) % 101 - 50).astype(np.float64).reshape(3, 4)
b = np.where(a > 0, a, 0)
mask = (np.arange(12).reshape(3, 4) % 3) != 1

def out(name, x):
    x = np.asarray(x)
    print(name + "|" + ",".join(str(s) for s in x.shape) + "|" + " ".join(repr(float(v)) for v in x.ravel()))

def err(name, f):
    try:
        f()
        print(name + "|error|none")
    except Exception as e:
        print(name + "|error|" + str(e))

out("take_flat", np.take(a, [0, -1, 5, 5]))
out("take_axis0", np.take(a, [2, 0, -3], axis=0))
out("take_axis1", np.take(a, [3, -1, 0, 0], axis=1))
out("mask", a[mask])
c = a.copy(); np.put(c, [1, 1, -1, 4], [7, 8, 9]); out("put_repeat", c)
c = a.copy(); c[:, [1, -1, 1]] = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]); out("put_axis1", c)
c = a.copy(); c[mask] = np.arange(mask.sum()); out("setmask_values", c)
c = a.copy(); c[mask] = -1; out("setmask_scalar", c)
out("nonzero0", np.nonzero(b)[0])
out("nonzero1", np.nonzero(b)[1])
out("flatnonzero", np.flatnonzero(b))
out("argwhere", np.argwhere(b))
out("compress0", np.compress([True, False, True], a, axis=0))
out("compress1", np.compress([False, True, True], a, axis=1))
out("compress_flat", np.compress([True, False, False, True], a))
out("concat0", np.concatenate([a, b], axis=0))
out("concat1", np.concatenate([a, b], axis=1))
out("concat_none", np.concatenate([a, b], axis=None))
out("stack0", np.stack([a, b], axis=0))
out("stack_last", np.stack([a, b], axis=-1))
err("err_take_flat", lambda: np.take(a, [12]))
err("err_take_axis1", lambda: np.take(a, [-5], axis=1))
err("err_compress_long", lambda: np.compress([False, False, False, True], a, axis=0))
err("err_mask_shape", lambda: a[np.ones((3, 5), bool)])
err("err_concat", lambda: np.concatenate([a, np.zeros((3, 5))], axis=0))
err("err_stack", lambda: np.stack([a, np.zeros((3, 5))]))
err("err_setmask", lambda: a.copy().__setitem__(mask, [1.0, 2.0]))
err("err_axis", lambda: np.take(a, [0], axis=2))
