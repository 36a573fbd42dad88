package org.jdistarray.random;

import java.nio.ByteBuffer;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.Undistributed;

/**
 * Fills this rank's block of a new array from a {@link Sampler}: every cell that holds an element (ghost copies
 * included) gets the value of its element's global C-order index; a periodic image in the boundary padding gets the
 * value of the interior element it mirrors (so {@code exchangeGhosts()} leaves the array unchanged). Rows along the
 * last axis of a block or undistributed axis are runs of consecutive elements, filled from consecutive counters.
 */
final class RandomFill {
    private final Sampler sampler;
    private final Storage st;
    private final DType dtype;
    private final List<DimDistribution> dims;
    private final long[] gStrides;
    private final long[] wrapWidth;
    private final long[] wrapPeriod;
    private final double[] dv = new double[Sampler.RUN];
    private final long[] lv = new long[Sampler.RUN];
    private final long[] idx = new long[Sampler.RUN];
    private final float[] fv = new float[Sampler.RUN];
    private final int[] iv = new int[Sampler.RUN];

    private RandomFill(DistArray a, Sampler sampler) {
        Distribution dist = a.distribution();
        this.sampler = sampler;
        this.st = ArrayAccess.get().storage(a);
        this.dtype = a.dtype();
        this.dims = dist.dimData();
        long[] shape = dist.shape();
        int n = shape.length;
        gStrides = new long[n];
        wrapWidth = new long[n];
        wrapPeriod = new long[n];
        long s = 1;
        for (int i = n - 1; i >= 0; i--) {
            gStrides[i] = s;
            s *= shape[i];
            AxisDistribution ax = dist.layout().axes().get(i);
            if (ax instanceof BlockAxis b && b.periodic()) {
                wrapWidth[i] = b.boundaryPadding();
                wrapPeriod[i] = shape[i] - 2 * b.boundaryPadding();
            }
        }
    }

    /** <b>Not collective.</b> Fills {@code a}'s local block (a fresh array of a dtype the sampler supports). */
    static void fill(DistArray a, Sampler sampler) {
        Distribution dist = a.distribution();
        if (dist.localMap().holdsNothing() || dist.localElementCount() == 0) {
            return;
        }
        new RandomFill(a, sampler).run(dist);
    }

    private void run(Distribution dist) {
        int n = dims.size();
        if (n == 0) {
            produce(0, 1, 0);
            return;
        }
        DimDistribution last = dims.get(n - 1);
        boolean contiguous = wrapWidth[n - 1] == 0 && (last instanceof Block || last instanceof Undistributed);
        LocalBox.all(dist.localShape()).forEachRow((local, offset, length) -> {
            long base = 0;
            for (int i = 0; i < n - 1; i++) {
                base += global(i, local[i]) * gStrides[i];
            }
            long l0 = local[n - 1];
            for (long k = 0; k < length; k += Sampler.RUN) {
                int m = (int) Math.min(Sampler.RUN, length - k);
                if (contiguous) {
                    produce(base + last.globalFromLocal(l0 + k), m, offset + k);
                } else {
                    scattered(base, n - 1, l0 + k, m, offset + k);
                }
            }
        });
    }

    /** The element index along {@code axis} of local index {@code l}, periodic images mapped to their source. */
    private long global(int axis, long l) {
        long g = dims.get(axis).globalFromLocal(l);
        long w = wrapWidth[axis];
        if (w > 0) {
            if (g < w) {
                g += wrapPeriod[axis];
            } else if (g >= wrapPeriod[axis] + w) {
                g -= wrapPeriod[axis];
            }
        }
        return g;
    }

    /** A row whose cells are not consecutive elements: sub-runs of consecutive ones. */
    private void scattered(long base, int axis, long l0, int m, long offset) {
        for (int j = 0; j < m; j++) {
            idx[j] = base + global(axis, l0 + j);
        }
        int j = 0;
        while (j < m) {
            int t = j + 1;
            while (t < m && idx[t] == idx[t - 1] + 1) {
                t++;
            }
            produce(idx[j], t - j, offset + j);
            j = t;
        }
    }

    /** Elements {@code [e0, e0 + n)} into local cells {@code [offset, offset + n)}. */
    private void produce(long e0, int n, long offset) {
        if (sampler.integral()) {
            sampler.longs(e0, n, lv);
            writeLongs(offset, n);
        } else {
            sampler.doubles(e0, n, dv);
            writeDoubles(offset, n);
        }
    }

    private void writeDoubles(long offset, int n) {
        int k = 0;
        while (k < n) {
            long off = offset + k;
            int run = (int) Math.min(n - k, st.runInChunk(off));
            ByteBuffer b = st.chunkOf(off);
            int pos = st.posOf(off);
            if (dtype == DType.FLOAT64) {
                putDoubles(b, pos, dv, k, run);
            } else {
                putFloats(b, pos, dv, k, run, fv);
            }
            k += run;
        }
    }

    private void writeLongs(long offset, int n) {
        int k = 0;
        while (k < n) {
            long off = offset + k;
            int run = (int) Math.min(n - k, st.runInChunk(off));
            ByteBuffer b = st.chunkOf(off);
            int pos = st.posOf(off);
            if (dtype == DType.INT64) {
                putLongs(b, pos, lv, k, run);
            } else {
                putInts(b, pos, lv, k, run, iv);
            }
            k += run;
        }
    }

    private static void putDoubles(ByteBuffer b, int pos, double[] v, int from, int n) {
        b.asDoubleBuffer().put(pos >>> 3, v, from, n); // chunks are native order; a bulk copy
    }

    private static void putFloats(ByteBuffer b, int pos, double[] v, int from, int n, float[] f) {
        for (int i = 0; i < n; i++) {
            f[i] = (float) v[from + i];
        }
        b.asFloatBuffer().put(pos >>> 2, f, 0, n); // a bulk copy, not n checked puts
    }

    private static void putLongs(ByteBuffer b, int pos, long[] v, int from, int n) {
        b.asLongBuffer().put(pos >>> 3, v, from, n);
    }

    private static void putInts(ByteBuffer b, int pos, long[] v, int from, int n, int[] t) {
        for (int i = 0; i < n; i++) {
            t[i] = (int) v[from + i];
        }
        b.asIntBuffer().put(pos >>> 2, t, 0, n);
    }
}
