package org.jdistarray.algo;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.bincount} and {@code np.histogram}: local counts of each rank's elements, one all-reduce of the counts
 * over the private communicator. The counts come back as an int64 array in the balanced block layout.
 */
public final class Counting {
    /** {@code np.histogram}'s pair: the counts (int64, balanced block layout) and the bin edges (every rank). */
    public record Histogram(DistArray hist, double[] edges) {
    }

    private Counting() {
    }

    private static long[] ownedKeys(DistArray a, long budget) {
        long[] shape = a.shape();
        if (a.ndim() == 0) {
            return new long[0];
        }
        DistArray w = Work.onto(a, Work.blockAlong(a.distribution(), shape, Work.largestOther(shape, -1)), budget);
        try {
            return Keys.read(Work.bytes(w), a.dtype(), (int) w.local().elementCount(), false);
        } finally {
            if (w != a) {
                w.close();
            }
        }
    }

    /** <b>Collective.</b> {@code np.bincount(x, minlength=minlength)} of a 1-d non-negative integer array. */
    public static DistArray bincount(DistArray x, int minlength) {
        return bincount(x, minlength, AlgoOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #bincount(DistArray, int)} with options: the budget applies to the redistribution of
     * {@code x} (the counts travel in one all-reduce of {@code 8 * length} bytes). Caller must close the result.
     */
    public static DistArray bincount(DistArray x, int minlength, AlgoOptions options) {
        Work.verify(x, "bincount", minlength);
        if (Values.isFloat(x.dtype())) {
            throw new IllegalArgumentException("Cannot cast array data from dtype('" + x.dtype().numpyName()
                    + "') to dtype('int64') according to the rule 'safe'");
        }
        if (x.ndim() != 1) {
            throw new IllegalArgumentException("object too deep for desired array");
        }
        if (minlength < 0) {
            throw new IllegalArgumentException("'minlength' must not be negative");
        }
        Communicator comm = x.distribution().context().comm();
        long[] k = ownedKeys(x, options.budget());
        boolean u64 = x.dtype() == DType.UINT64;
        long max = -1;
        long min = 0;
        for (long v : k) {
            long val = u64 ? v ^ Long.MIN_VALUE : v;
            max = Math.max(max, val);
            min = Math.min(min, val);
        }
        if (u64 && Collectives.allReduce(comm, min, ReduceOp.MIN) < 0) {
            throw new IllegalArgumentException("Cannot cast array data from dtype('uint64') to dtype('int64')"
                    + " according to the rule 'safe'");
        }
        if (Collectives.allReduce(comm, min, ReduceOp.MIN) < 0) {
            throw new IllegalArgumentException("'list' argument must have no negative elements");
        }
        long len = Math.max(Collectives.allReduce(comm, max, ReduceOp.MAX) + 1, minlength);
        long[] counts = new long[(int) len];
        for (long v : k) {
            counts[(int) (u64 ? v ^ Long.MIN_VALUE : v)]++;
        }
        long[] all = Collectives.sum(comm, counts);
        Distribution d = Distribution.builder(x.distribution().communicator()).shape(len).build();
        return DistArrays.fromArray(d, DType.INT64, all);
    }

    /**
     * <b>Collective.</b> {@code np.histogram(a, bins, range)} over the whole array: {@code bins} equal bins over
     * {@code range} ({@code null}: the data's min and max, widened by 0.5 when equal), the last bin closed.
     */
    public static Histogram histogram(DistArray a, int bins, double[] range) {
        return histogram(a, bins, range, AlgoOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #histogram(DistArray, int, double[])} with options: the budget applies to the
     * redistribution of {@code a}. Caller must close the counts.
     */
    public static Histogram histogram(DistArray a, int bins, double[] range, AlgoOptions options) {
        Work.verify(a, "histogram", bins, java.util.Arrays.hashCode(range));
        if (bins < 1) {
            throw new IllegalArgumentException("`bins` must be positive, when an integer");
        }
        Communicator comm = a.distribution().context().comm();
        double[] v = values(a, options.budget());
        double first;
        double last;
        if (range == null) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean nan = false;
            for (double x : v) {
                nan |= Double.isNaN(x);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            nan = Collectives.anyTrue(comm, nan);
            lo = Collectives.min(comm, lo);
            hi = Collectives.max(comm, hi);
            if (a.globalSize() == 0) {
                lo = 0;
                hi = 1;
            } else if (nan || Double.isInfinite(lo) || Double.isInfinite(hi)) {
                throw new IllegalArgumentException("autodetected range of [" + pyFloat(nan ? Double.NaN : lo) + ", "
                        + pyFloat(nan ? Double.NaN : hi) + "] is not finite");
            }
            first = lo;
            last = hi;
        } else {
            if (range.length != 2) {
                throw new IllegalArgumentException("range must be (min, max)");
            }
            first = range[0];
            last = range[1];
            if (first > last) {
                throw new IllegalArgumentException("max must be larger than min in range parameter.");
            }
            if (Double.isNaN(first) || Double.isNaN(last) || Double.isInfinite(first) || Double.isInfinite(last)) {
                throw new IllegalArgumentException("supplied range of [" + pyFloat(first) + ", " + pyFloat(last)
                        + "] is not finite");
            }
        }
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = first + i * step; // np.linspace
        }
        edges[bins] = last;
        long[] counts = new long[bins];
        for (double x : v) {
            if (!(x >= first && x <= last)) {
                continue;
            }
            int i = (int) (((x - first) / (last - first)) * bins); // NumPy's fast path, then its two corrections
            if (i == bins) {
                i--;
            }
            if (x < edges[i]) {
                i--;
            }
            if (i != bins - 1 && x >= edges[i + 1]) {
                i++;
            }
            counts[i]++;
        }
        long[] all = Collectives.sum(comm, counts);
        Distribution d = Distribution.builder(a.distribution().communicator()).shape(bins).build();
        return new Histogram(DistArrays.fromArray(d, DType.INT64, all), edges);
    }

    private static String pyFloat(double x) {
        return Double.isNaN(x) ? "nan" : Double.isInfinite(x) ? (x > 0 ? "inf" : "-inf") : Double.toString(x);
    }

    private static double[] values(DistArray a, long budget) {
        long[] k = ownedKeys(a, budget);
        double[] v = new double[k.length];
        boolean f = Values.isFloat(a.dtype());
        for (int i = 0; i < k.length; i++) {
            v[i] = f ? Keys.toDouble(k[i]) : a.dtype() == DType.UINT64 ? (double) (k[i] ^ Long.MIN_VALUE) : k[i];
        }
        if (a.ndim() == 0) {
            double only = a.getDouble();
            return a.distribution().context().comm().rank() == 0 ? new double[] {only} : v;
        }
        return v;
    }

    /**
     * <b>Not collective.</b> The plan of {@link #bincount} / {@link #histogram} ({@code bins} counts): the
     * redistribution to owned blocks (none when there), then 3 small all-reduces (min, max, counts; histogram
     * without a range: NaN check, min, max, counts), {@code 8 * bins} bytes per rank in the last, peak extra memory
     * the local keys and counts. {@code bins}: the histogram's bins, or bincount's length if known (else 0).
     */
    public static AlgoPlan explain(DistArray a, long bins, boolean histogram) {
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p;
        long[] shape = a.shape();
        boolean moves = a.ndim() > 0
                && !a.distribution().equals(Work.blockAlong(a.distribution(), shape, Work.largestOther(shape, -1)));
        return new AlgoPlan((histogram ? "histogram" : "bincount") + ": local counts, one all-reduce of " + bins
                + " counts (estimate)", (moves ? 1 : 0) + (histogram ? 4 : 3), 8 * bins
                + (moves ? per * a.dtype().itemSize() : 0), 8 * per + 8 * bins, java.util.Map.of());
    }
}
