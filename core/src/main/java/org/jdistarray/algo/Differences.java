package org.jdistarray.algo;

import java.nio.ByteBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.diff(a, n=1, axis)}: {@code a[..., 1:] - a[..., :-1]} along {@code axis} ({@code !=} for bool), same
 * dtype (integers wrap). A 1-d array stays in the balanced block layout and each rank gets the first element of the
 * next non-empty rank (one all-gather); an n-d array is diffed lane by lane with the axis whole on every rank. The
 * result is in the balanced block layout along {@code axis}.
 */
public final class Differences {
    private Differences() {
    }

    /** <b>Collective.</b> {@code np.diff(a, axis=-1)}. Caller must close the result. */
    public static DistArray diff(DistArray a) {
        return diff(a, -1, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@code np.diff(a, n=1, axis)} with options (budget). Caller must close the result. */
    public static DistArray diff(DistArray a, int axis, AlgoOptions options) {
        Work.verify(a, "diff", axis);
        if (a.ndim() == 0) {
            throw new IllegalArgumentException("diff requires input that is at least one dimensional");
        }
        int k = Work.axis(axis, a.ndim());
        long[] shape = a.shape();
        long[] outShape = shape.clone();
        outShape[k] = Math.max(0, shape[k] - 1);
        if (AxisForms.local(a, k) && AxisForms.resizable(a.distribution())) {
            // every lane whole on its rank: difference there, the input's layout (axis k one shorter)
            return AxisForms.onSelf(a, k, outShape[k], la -> new Sorting.Result(diff(la, k, AlgoOptions.defaults()),
                    AxisForms.localPlan("diff", k, 0))).array();
        }
        Distribution from = a.distribution();
        Communicator comm = from.context().comm();
        DType t = a.dtype();
        Distribution balanced = Work.blockAlong(from, outShape, k);
        if (a.ndim() == 1) {
            Distribution w = Work.blockAlong(from, shape, 0);
            DistArray in = Work.onto(a, w, options.budget());
            try {
                int n = (int) in.local().elementCount();
                long[] x = raw(Work.bytes(in), t, n);
                long[] hasFirst = Collectives.allGather(comm, n > 0 ? 1L : 0L);
                long[] first = Collectives.allGather(comm, n > 0 ? x[0] : 0L);
                long next = 0;
                boolean hasNext = false;
                for (int r = comm.rank() + 1; r < comm.size() && !hasNext; r++) {
                    if (hasFirst[r] == 1) {
                        hasNext = true;
                        next = first[r];
                    }
                }
                int m = hasNext ? n : Math.max(0, n - 1);
                long[] d = new long[m];
                for (int i = 0; i < m; i++) {
                    d[i] = op(t, x[i], i + 1 < n ? x[i + 1] : next);
                }
                long[] counts = Collectives.allGather(comm, (long) m);
                long[] bounds = new long[comm.size() + 1];
                for (int r = 0; r < comm.size(); r++) {
                    bounds[r + 1] = bounds[r] + counts[r];
                }
                Distribution got = Distribution.builder(from.communicator()).shape(outShape).blockBounds(0, bounds)
                        .build();
                try (DistArray out = Work.fromBytes(got, t, bytes(d, t))) {
                    DistArray res = Work.onto(out, balanced, options.budget());
                    return res == out ? out.copy() : res;
                }
            } finally {
                if (in != a) {
                    in.close();
                }
            }
        }
        int j = Work.largestOther(shape, k);
        Distribution w = Work.blockAlong(from, shape, j);
        DistArray in = Work.onto(a, w, options.budget());
        try {
            long[] ls = w.localShape();
            int n = (int) in.local().elementCount();
            long[] x = raw(Work.bytes(in), t, n);
            int len = (int) ls[k];
            int inner = 1;
            for (int i = k + 1; i < ls.length; i++) {
                inner *= (int) ls[i];
            }
            int outer = len * inner == 0 ? 0 : n / (len * inner);
            int olen = Math.max(0, len - 1);
            long[] d = new long[outer * olen * inner];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < olen; i++) {
                    for (int q = 0; q < inner; q++) {
                        int at = (o * len + i) * inner + q;
                        d[(o * olen + i) * inner + q] = op(t, x[at], x[at + inner]);
                    }
                }
            }
            try (DistArray out = Work.fromBytes(Work.blockAlong(from, outShape, j), t, bytes(d, t))) {
                DistArray res = Work.onto(out, balanced, options.budget());
                return res == out ? out.copy() : res;
            }
        } finally {
            if (in != a) {
                in.close();
            }
        }
    }

    /** Element bits as longs: floats as raw double bits, integers sign- or zero-extended. */
    private static long[] raw(ByteBuffer b, DType t, int n) {
        if (Values.isFloat(t)) {
            double[] v = Values.doubles(b, t, n);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = Double.doubleToRawLongBits(v[i]);
            }
            return out;
        }
        return Values.longs(b, t, n);
    }

    private static long op(DType t, long lo, long hi) {
        if (Values.isFloat(t)) {
            double d = Double.longBitsToDouble(hi) - Double.longBitsToDouble(lo);
            return Double.doubleToRawLongBits(t == DType.FLOAT32 ? (float) d : d);
        }
        if (t == DType.BOOL) {
            return hi != lo ? 1 : 0;
        }
        return hi - lo;
    }

    private static ByteBuffer bytes(long[] d, DType t) {
        if (Values.isFloat(t)) {
            double[] v = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = Double.longBitsToDouble(d[i]);
            }
            return Values.of(v, t);
        }
        return Values.of(d, t);
    }

    /**
     * <b>Not collective.</b> The plan of {@link #diff(DistArray, int, AlgoOptions)}: none along an undistributed
     * axis ({@link AxisForms}); 1-d: the redistribution to the balanced block layout, three all-gathers of one long,
     * one redistribution of the result; n-d: two redistributions (lanes whole on a rank, back to the balanced block
     * layout). Bytes: the elements a rank may move; peak extra: the local copies.
     */
    public static AlgoPlan explain(DistArray a, int axis, AlgoOptions options) {
        if (a.ndim() == 0) {
            throw new IllegalArgumentException("diff requires input that is at least one dimensional");
        }
        int k = Work.axis(axis, a.ndim());
        if (AxisForms.local(a, k) && AxisForms.resizable(a.distribution())) {
            return AxisForms.localPlan("diff", k, a.local().elementCount() * a.dtype().itemSize());
        }
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p * a.dtype().itemSize();
        long redist = options.budget() > 0 ? Math.max(1, (per + options.budget() - 1) / options.budget()) : 1;
        return new AlgoPlan("diff along axis " + k + (a.ndim() == 1 ? " (balanced block, neighbours' first elements)"
                : " (lanes whole on a rank)") + " (estimate)", (int) (2 * redist) + (a.ndim() == 1 ? 3 : 0),
                2 * per, 3 * per, java.util.Map.of());
    }
}
