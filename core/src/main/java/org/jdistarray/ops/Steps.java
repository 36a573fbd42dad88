package org.jdistarray.ops;

import org.jdistarray.array.internal.Casts;
import org.jdistarray.protocol.DType;

/** The computing steps of a {@link Program}: conversions, unary, binary and ternary nodes. */
final class Steps {
    private Steps() {
    }
}

/** Casts a slot to another dtype (NumPy's unsafe cast: truncation toward zero, wrap-around, {@code != 0} for bool). */
final class ConvertStep extends Program.Step {
    private final Program.Slot from;
    private final Program.Slot to;

    ConvertStep(Program.Slot from, Program.Slot to) {
        this.from = from;
        this.to = to;
    }

    @Override
    boolean run(long pos, int n) {
        if (from.d != null && to.d != null) {
            if (to.dtype == DType.FLOAT32) {
                for (int i = 0; i < n; i++) {
                    to.d[i] = (float) from.d[i];
                }
            } else {
                System.arraycopy(from.d, 0, to.d, 0, n);
            }
        } else if (from.d == null && to.d != null) {
            longToDouble(from.dtype, from.l, to.dtype, to.d, n);
        } else if (from.d != null) {
            if (to.dtype == DType.BOOL) {
                for (int i = 0; i < n; i++) {
                    to.l[i] = from.d[i] != 0 || from.d[i] != from.d[i] ? 1 : 0;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    to.l[i] = Casts.doubleToLong(from.d[i]);
                }
                LongKernels.wrap(to.dtype, to.l, n);
            }
        } else {
            System.arraycopy(from.l, 0, to.l, 0, n);
            LongKernels.wrap(to.dtype, to.l, n);
        }
        return false;
    }

    private static void longToDouble(DType f, long[] x, DType t, double[] r, int n) {
        if (f == DType.UINT64) {
            for (int i = 0; i < n; i++) {
                double v = Casts.unsignedToDouble(x[i]);
                r[i] = t == DType.FLOAT32 ? (float) v : v;
            }
        } else if (t == DType.FLOAT32) {
            for (int i = 0; i < n; i++) {
                r[i] = (float) x[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                r[i] = x[i];
            }
        }
    }
}

/** A unary ufunc on one tile. */
final class UnaryStep extends Program.Step {
    private final UnaryOp op;
    private final DType loop;
    private final Program.Slot x;
    private final Program.Slot r;

    UnaryStep(UnaryOp op, DType loop, Program.Slot x, Program.Slot r) {
        this.op = op;
        this.loop = loop;
        this.x = x;
        this.r = r;
    }

    @Override
    boolean run(long pos, int n) {
        if (x.d != null) {
            if (op.returnsBool()) {
                DoubleKernels.predicate(op, x.d, r.l, n);
            } else {
                DoubleKernels.unary(op, x.d, r.d, n);
                if (loop == DType.FLOAT32) {
                    DoubleKernels.roundToFloat(r.d, n);
                }
            }
        } else if (op.returnsBool()) {
            LongKernels.predicate(op, x.l, r.l, n);
        } else {
            LongKernels.unary(op, loop, x.l, r.l, n);
        }
        return false;
    }
}

/** A binary ufunc on one tile. */
final class BinaryStep extends Program.Step {
    private final BinaryOp op;
    private final DType loop;
    private final Program.Slot a;
    private final Program.Slot b;
    private final Program.Slot r;

    BinaryStep(BinaryOp op, DType loop, Program.Slot a, Program.Slot b, Program.Slot r) {
        this.op = op;
        this.loop = loop;
        this.a = a;
        this.b = b;
        this.r = r;
    }

    @Override
    boolean run(long pos, int n) {
        if (a.d != null) {
            if (op.returnsBool()) {
                DoubleKernels.predicate(op, a.d, b.d, r.l, n);
            } else {
                DoubleKernels.binary(op, a.d, b.d, r.d, n);
                if (loop == DType.FLOAT32) {
                    DoubleKernels.roundToFloat(r.d, n);
                }
            }
            return false;
        }
        if (op.returnsBool()) {
            LongKernels.predicate(op, loop, a.l, b.l, r.l, n);
            return false;
        }
        return LongKernels.binary(op, loop, a.l, b.l, r.l, n);
    }
}

/** {@code where(c, x, y)} or {@code clip(x, lo, hi)} on one tile. */
final class TernaryStep extends Program.Step {
    private final boolean clip;
    private final Program.Slot p;
    private final Program.Slot q;
    private final Program.Slot s;
    private final Program.Slot r;

    TernaryStep(boolean clip, Program.Slot p, Program.Slot q, Program.Slot s, Program.Slot r) {
        this.clip = clip;
        this.p = p;
        this.q = q;
        this.s = s;
        this.r = r;
    }

    @Override
    boolean run(long pos, int n) {
        if (!clip) {
            long[] c = p.l;
            if (r.d != null) {
                for (int i = 0; i < n; i++) {
                    r.d[i] = c[i] != 0 ? q.d[i] : s.d[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    r.l[i] = c[i] != 0 ? q.l[i] : s.l[i];
                }
            }
        } else if (r.d != null) {
            // NumPy's _NPY_CLIP: MIN(MAX(x, lo), hi) with a NaN first argument kept
            for (int i = 0; i < n; i++) {
                double x = p.d[i];
                double lo = q.d[i];
                double hi = s.d[i];
                double m = x != x ? x : x > lo ? x : lo;
                r.d[i] = m != m ? m : m < hi ? m : hi;
            }
        } else {
            long flip = r.dtype == DType.UINT64 ? Long.MIN_VALUE : 0;
            for (int i = 0; i < n; i++) {
                long x = p.l[i];
                long lo = q.l[i];
                long hi = s.l[i];
                long m = (x ^ flip) > (lo ^ flip) ? x : lo;
                r.l[i] = (m ^ flip) < (hi ^ flip) ? m : hi;
            }
        }
        return false;
    }
}
