package org.jdistarray.algo;

import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.ConvertKernels;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.Request;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.cumsum}, {@code np.cumprod}, {@code np.nancumsum}, {@code np.nancumprod} and {@code np.diff} of
 * distributed arrays along any axis of any layout, with NumPy's dtypes (bool and integers accumulate in int64,
 * unsigned integers in uint64, floats in their own type).
 *
 * <p>The scan runs on the balanced block layout along {@code axis} (the array is redistributed there unless it is
 * there already): each rank reduces its lanes to block totals, an exclusive scan of the totals (recursive doubling,
 * {@code log2 P} rounds) runs over the grid axis's cached sub-communicator, and each rank scans its block starting
 * from its prefix, sequentially as NumPy does. The result is in that layout, or the input's with
 * {@link AlgoOptions.Layout#INPUT}.
 */
public final class Scans {
    private Scans() {
    }

    /** <b>Collective.</b> {@code np.cumsum(a, axis)}. Caller must close the result. */
    public static DistArray cumsum(DistArray a, int axis) {
        return scan(a, axis, false, false, AlgoOptions.defaults()).array();
    }

    /**
     * <b>Collective.</b> {@code np.cumsum(a, axis, out=out)}: the scan written into {@code out}, which is returned
     * (not a new array). {@code out} must have {@code a}'s shape and the accumulator dtype ({@link #cumsum(DistArray,
     * int)}'s result dtype) and must not be a slicing view; in the balanced block layout along {@code axis} (the
     * layout {@code cumsum} returns) the scan writes straight into it, in any other layout it is computed there and
     * redistributed into {@code out}. {@code out} may be {@code a} itself.
     *
     * @throws IllegalArgumentException on every rank for an out of another shape or dtype, or a view
     */
    public static DistArray cumsum(DistArray a, int axis, DistArray out) {
        return scan(a, axis, false, false, AlgoOptions.defaults(), out).array();
    }

    /** <b>Collective.</b> {@code np.cumprod(a, axis)}. Caller must close the result. */
    public static DistArray cumprod(DistArray a, int axis) {
        return scan(a, axis, true, false, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@code np.nancumsum(a, axis)}: NaNs count as 0. Caller must close the result. */
    public static DistArray nancumsum(DistArray a, int axis) {
        return scan(a, axis, false, true, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@code np.nancumprod(a, axis)}: NaNs count as 1. Caller must close the result. */
    public static DistArray nancumprod(DistArray a, int axis) {
        return scan(a, axis, true, true, AlgoOptions.defaults()).array();
    }

    /** NumPy's accumulator dtype of cumsum/cumprod. */
    static DType accumulator(DType t) {
        return switch (t) {
            case FLOAT64, FLOAT32, INT64, UINT64 -> t;
            case UINT32, UINT16, UINT8 -> DType.UINT64;
            default -> DType.INT64;
        };
    }

    /**
     * <b>Collective.</b> The scan ({@code product}: cumprod, else cumsum; {@code nan}: the NaN-ignoring form) with
     * options, and its measured plan. Caller must close the result's array.
     */
    public static Sorting.Result scan(DistArray a, int axis, boolean product, boolean nan, AlgoOptions options) {
        return scan(a, axis, product, nan, options, null);
    }

    /**
     * <b>Collective.</b> {@link #scan(DistArray, int, boolean, boolean, AlgoOptions)} into {@code out} (null: a new
     * array), as {@link #cumsum(DistArray, int, DistArray)} describes; {@code options.layout()} does not apply with
     * an {@code out}. The result's array is {@code out}.
     */
    public static Sorting.Result scan(DistArray a, int axis, boolean product, boolean nan, AlgoOptions options,
            DistArray out) {
        String name = (nan ? "nan" : "") + (product ? "cumprod" : "cumsum");
        // the call check; with out, out's creation number too (a rank that passes another out, or none, is caught)
        Work.verify(a, name, axis, out == null ? -1 : Work.number(out));
        if (out != null) {
            if (!java.util.Arrays.equals(out.shape(), a.shape())) {
                throw new IllegalArgumentException(name + ": out has shape " + java.util.Arrays.toString(out.shape())
                        + ", the input " + java.util.Arrays.toString(a.shape()));
            }
            if (out.dtype() != accumulator(a.dtype())) {
                throw new IllegalArgumentException(name + ": out must have dtype " + accumulator(a.dtype()).numpyName()
                        + " (the accumulator of " + a.dtype().numpyName() + "), got " + out.dtype().numpyName());
            }
            if (out.isView()) {
                throw new IllegalArgumentException(name + ": out must not be a slicing view");
            }
        }
        int k = Work.axis(axis, a.ndim());
        long t0 = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        Exchange.Meter meter = new Exchange.Meter();
        long[] shape = a.shape();
        Distribution from = a.distribution();
        Distribution w = Work.blockAlong(from, shape, k);
        DType acc = accumulator(a.dtype());
        DistArray in = Work.onto(a, w, options.budget());
        long t1 = System.nanoTime();
        phases.put("toBlock", t1 - t0);
        DistArray result = null;
        try {
            CommContext ctx = w.context();
            boolean[] keep = new boolean[shape.length];
            keep[k] = true;
            Communicator axisComm = ctx.axes(w.gridShape(), keep);
            long[] ls = w.localShape();
            int len = (int) ls[k];
            int inner = 1;
            for (int i = k + 1; i < ls.length; i++) {
                inner *= (int) ls[i];
            }
            int outer = 1;
            for (int i = 0; i < k; i++) {
                outer *= (int) ls[i];
            }
            int lanes = outer * inner;
            DistArray src = in.isView() ? in.copy() : in; // a slicing view's memory is strided: read its dense copy
            try {
                ArrayAccess.Bridge access = ArrayAccess.get();
                Storage s = access.storage(src);
                long n = src.local().elementCount();
                if (s.elementCount() < n) {
                    throw new IllegalStateException("scan: local memory of " + s.elementCount() + " elements for a block of " + n);
                }
                ScanKernels kernels = new ScanKernels(a.dtype(), acc, product, nan);
                boolean floating = Values.isFloat(acc);
                double[] dTot = floating ? new double[lanes] : null;
                long[] lTot = floating ? null : new long[lanes];
                if (floating) {
                    java.util.Arrays.fill(dTot, product ? 1 : -0.0); // -0.0 + x == x for every x: NumPy's start
                } else {
                    java.util.Arrays.fill(lTot, product ? 1 : 0);
                }
                meter.hold(16L * lanes);
                kernels.fold(s, outer, len, inner, dTot, lTot);
                long t2 = System.nanoTime();
                double[] dPre = floating ? exscan(axisComm, dTot, product, acc == DType.FLOAT32, meter) : null;
                long[] lPre = floating ? null : exscan(axisComm, lTot, product, meter);
                long t3 = System.nanoTime();
                // into out where it is in this layout; a redistributed copy of the accumulator's dtype is ours:
                // scan it in place (no second block)
                boolean direct = out != null && out.distribution().equals(w);
                result = direct ? out : src == in && in != a && in.dtype() == acc ? in : DistArrays.empty(w, acc);
                long t4 = System.nanoTime();
                try {
                    kernels.scan(s, access.storage(result), outer, len, inner, dPre, lPre);
                } catch (RuntimeException | Error e) {
                    if (result != out) {
                        result.close();
                    }
                    throw e;
                }
                meter.release(16L * lanes);
                phases.put("localScan", (t2 - t1) + (System.nanoTime() - t4));
                phases.put("exscan", t3 - t2);
                phases.put("allocate", t4 - t3);
            } finally {
                if (src != in) {
                    src.close();
                }
            }
        } finally {
            if (in != a && in != result) {
                in.close();
            }
        }
        if (out != null && result != out) { // computed in the block layout: into out's layout, then into out
            try (DistArray tmp = result; DistArray there = Work.onto(tmp, out.distribution(), options.budget())) {
                ConvertKernels.convert(ArrayAccess.get().storage(there), ArrayAccess.get().storage(out),
                        out.distribution().localElementCount());
            } finally {
                result = out;
            }
        } else if (out == null && options.layout() == AlgoOptions.Layout.INPUT && !result.distribution().equals(from)) {
            DistArray back = Work.onto(result, from, options.budget());
            result.close();
            result = back;
        }
        phases.put("total", System.nanoTime() - t0);
        String what = name + " along axis " + k
                + ": local scan, exclusive scan of block totals, local fix-up";
        return new Sorting.Result(result, new AlgoPlan(what, meter.rounds, meter.sent, meter.peak, phases));
    }

    /** Exclusive scan by recursive doubling over the ranks of {@code comm} (rank order = grid coordinate). */
    private static double[] exscan(Communicator comm, double[] tot, boolean product, boolean single,
            Exchange.Meter meter) {
        int m = tot.length;
        double[] excl = new double[m];
        java.util.Arrays.fill(excl, product ? 1 : -0.0);
        double[] part = tot.clone();
        int p = comm.size();
        int r = comm.rank();
        DoubleBuffer sb = DirectBuffers.doubles(Math.max(1, m));
        DoubleBuffer rb = DirectBuffers.doubles(Math.max(1, m));
        meter.hold(16L * m);
        for (int d = 1; d < p; d <<= 1) {
            sb.clear();
            sb.put(part).flip();
            rb.clear().limit(m);
            Request sr = r + d < p ? comm.iSend(sb, r + d, 21) : null;
            if (r - d >= 0) {
                comm.recv(rb, r - d, 21);
                for (int i = 0; i < m; i++) {
                    double v = rb.get(i);
                    double e = product ? v * excl[i] : v + excl[i];
                    double q = product ? v * part[i] : v + part[i];
                    excl[i] = single ? (float) e : e;
                    part[i] = single ? (float) q : q;
                }
            }
            if (sr != null) {
                sr.await();
                meter.sent += 8L * m;
            }
            meter.rounds++;
        }
        meter.release(16L * m);
        return excl;
    }

    private static long[] exscan(Communicator comm, long[] tot, boolean product, Exchange.Meter meter) {
        int m = tot.length;
        long[] excl = new long[m];
        java.util.Arrays.fill(excl, product ? 1 : 0);
        long[] part = tot.clone();
        int p = comm.size();
        int r = comm.rank();
        LongBuffer sb = DirectBuffers.longs(Math.max(1, m));
        LongBuffer rb = DirectBuffers.longs(Math.max(1, m));
        for (int d = 1; d < p; d <<= 1) {
            sb.clear();
            sb.put(part).flip();
            rb.clear().limit(m);
            Request sr = r + d < p ? comm.iSend(sb, r + d, 21) : null;
            if (r - d >= 0) {
                comm.recv(rb, r - d, 21);
                for (int i = 0; i < m; i++) {
                    long v = rb.get(i);
                    excl[i] = product ? v * excl[i] : v + excl[i];
                    part[i] = product ? v * part[i] : v + part[i];
                }
            }
            if (sr != null) {
                sr.await();
                meter.sent += 8L * m;
            }
            meter.rounds++;
        }
        return excl;
    }
}
