package org.jdistarray.algo;

import java.nio.LongBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.protocol.DType;

/**
 * {@code np.median}, {@code np.quantile}, {@code np.percentile} over the whole array ({@code axis=None}) by
 * distributed selection, no sort: a radix select on the order-preserving 64-bit keys, 8 rounds of a 256-bucket
 * histogram all-reduced over the private communicator, each rank keeping only the candidates of the chosen bucket.
 * NumPy's default {@code method='linear'} interpolation; a NaN anywhere gives NaN. Results are float64 (NumPy's for
 * integer input; float32 input also gives float64 here).
 */
public final class Selection {
    private Selection() {
    }

    /** <b>Collective.</b> {@code np.median(a)}: the same value on every rank. */
    public static double median(DistArray a) {
        return quantile(a, 0.5);
    }

    /** <b>Collective.</b> {@code np.percentile(a, q)} with {@code q} in [0, 100]. */
    public static double percentile(DistArray a, double q) {
        Work.verify(a, "percentile", Double.doubleToLongBits(q)); // before the range check: the same error everywhere
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("Percentiles must be in the range [0, 100]");
        }
        return quantile(a, q / 100);
    }

    /** <b>Collective.</b> {@code np.quantile(a, q)} with {@code q} in [0, 1], linear interpolation. */
    public static double quantile(DistArray a, double q) {
        return quantile(a, q, AlgoOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #quantile(DistArray, double)} with options: the budget applies to the
     * redistribution to owned blocks (the selection itself moves {@code 8 * 256} bytes per round).
     */
    public static double quantile(DistArray a, double q, AlgoOptions options) {
        Work.verify(a, "quantile", Double.doubleToLongBits(q));
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Quantiles must be in the range [0, 1]");
        }
        long n = a.globalSize();
        if (n == 0) {
            throw new IllegalArgumentException("cannot do a non-empty take from an empty axes.");
        }
        DType t = a.dtype();
        if (a.ndim() == 0) {
            return a.getDouble();
        }
        Communicator comm = a.distribution().context().comm();
        long[] shape = a.shape();
        DistArray w = Work.onto(a, Work.blockAlong(a.distribution(), shape, Work.largestOther(shape, -1)),
                options.budget());
        long[] keys;
        try {
            keys = Keys.read(Work.bytes(w), t, (int) w.local().elementCount(), false);
        } finally {
            if (w != a) {
                w.close();
            }
        }
        boolean isFloat = Values.isFloat(t);
        if (isFloat) {
            long nanKey = Keys.ofDouble(Double.NaN, false);
            long last = select(comm, keys, n - 1);
            if (last == nanKey) {
                return Double.NaN;
            }
        }
        double h = q * (n - 1);
        long lo = (long) Math.floor(h);
        long hi = Math.min(n - 1, lo + 1);
        double f = h - lo;
        double va = value(select(comm, keys, lo), t);
        double vb = hi == lo ? va : value(select(comm, keys, hi), t);
        double d = vb - va;
        // NumPy's _lerp: a + d * t, or b - d * (1 - t) for t >= 0.5
        return f >= 0.5 ? vb - d * (1 - f) : va + d * f;
    }

    private static double value(long key, DType t) {
        return switch (t) {
            case FLOAT64, FLOAT32 -> Keys.toDouble(key);
            case UINT64 -> {
                long v = key ^ Long.MIN_VALUE;
                yield v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default -> key;
        };
    }

    /** <b>Collective.</b> The key of global rank {@code k} (0-based) in sorted order. */
    static long select(Communicator comm, long[] keys, long k) {
        long[] cand = keys;
        int m = cand.length;
        long prefix = 0;
        LongBuffer send = DirectBuffers.longs(256);
        LongBuffer recv = DirectBuffers.longs(256);
        long[] counts = new long[256];
        for (int shift = 56; shift >= 0; shift -= 8) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < m; i++) {
                counts[(int) (((cand[i] ^ Long.MIN_VALUE) >>> shift) & 255)]++;
            }
            send.clear();
            send.put(counts).flip();
            recv.clear();
            comm.allReduce(send, recv, ReduceOp.SUM);
            int b = 0;
            for (; b < 255; b++) {
                long c = recv.get(b);
                if (k < c) {
                    break;
                }
                k -= c;
            }
            prefix = (prefix << 8) | b;
            int o = 0;
            long[] next = cand == keys ? new long[m] : cand;
            for (int i = 0; i < m; i++) {
                if ((((cand[i] ^ Long.MIN_VALUE) >>> shift) & 255) == b) {
                    next[o++] = cand[i];
                }
            }
            cand = next;
            m = o;
        }
        return prefix ^ Long.MIN_VALUE;
    }

    /**
     * <b>Not collective.</b> The plan of {@link #quantile} (and {@code median}, {@code percentile}): the
     * redistribution to owned blocks (none when there), then up to 3 radix selections (the last element for the NaN
     * check of float data, the two neighbours of the quantile) of 8 all-reduces of 256 counts each; peak extra
     * memory: the keys and one candidate copy.
     */
    public static AlgoPlan explain(DistArray a, double q) {
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p;
        long[] shape = a.shape();
        boolean moves = a.ndim() > 0
                && !a.distribution().equals(Work.blockAlong(a.distribution(), shape, Work.largestOther(shape, -1)));
        double h = q * Math.max(0, a.globalSize() - 1);
        int selections = (Values.isFloat(a.dtype()) ? 1 : 0) + (h == Math.floor(h) ? 1 : 2);
        return new AlgoPlan("radix select (" + selections + " selections of 8 rounds) of " + a.globalSize()
                + " elements (estimate)", (moves ? 1 : 0) + 8 * selections, 8L * 256 * 8 * selections
                + (moves ? per * a.dtype().itemSize() : 0), 16 * per, java.util.Map.of());
    }
}
