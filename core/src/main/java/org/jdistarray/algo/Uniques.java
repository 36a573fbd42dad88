package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.unique(a, return_counts=True, return_inverse=True)} of the flattened array: a distributed sample sort
 * carrying global indices, run heads found locally (each rank learns the last key of the previous non-empty rank
 * from one all-gather), group numbers from an all-gather of the head counts, then values, counts and the inverse
 * sent to their owners in the balanced block layouts (one all-to-all each). NaNs collapse into one (NumPy 1.24's
 * {@code equal_nan=True}); -0.0 and 0.0 are one value.
 */
public final class Uniques {
    /** The sorted unique values, their counts (int64) and the inverse (int64, flattened input positions). */
    public record Unique(DistArray values, DistArray counts, DistArray inverse) implements AutoCloseable {
        @Override
        public void close() {
            values.close();
            counts.close();
            inverse.close();
        }
    }

    private Uniques() {
    }

    /** <b>Collective.</b> {@code np.unique(a, return_inverse=True, return_counts=True)}. Caller must close. */
    public static Unique unique(DistArray a) {
        return unique(a, AlgoOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #unique(DistArray)} with options: the budget splits the sample sort's and the three
     * scatters' all-to-alls into rounds and applies to the redistribution. Caller must close.
     */
    public static Unique unique(DistArray a, AlgoOptions options) {
        Work.verify(a, "unique");
        DistArray flat = a.ndim() == 1 ? a : a.reshape(a.globalSize());
        try {
            return unique1d(flat, options.budget());
        } finally {
            if (flat != a) {
                flat.close();
            }
        }
    }

    private static Unique unique1d(DistArray a, long budget) {
        Communicator comm = a.distribution().context().comm();
        int p = comm.size();
        long n = a.globalSize();
        Distribution balanced = Work.blockAlong(a.distribution(), new long[] {n}, 0);
        DistArray w = Work.onto(a, balanced, budget);
        long[] target = new long[p];
        long offset = 0;
        for (int r = 0; r < p; r++) {
            target[r] = balanced.localShapeOf(r)[0];
            if (r < comm.rank()) {
                offset += target[r];
            }
        }
        SampleSort.Out s;
        try {
            long[] keys = Keys.read(Work.bytes(w), a.dtype(), (int) w.local().elementCount(), true);
            s = SampleSort.sort(comm, keys, offset, true, target, budget, new Exchange.Meter());
        } finally {
            if (w != a) {
                w.close();
            }
        }
        long[] k = s.keys();
        int m = k.length;
        long[] has = Collectives.allGather(comm, m > 0 ? 1L : 0L);
        long[] lastKeys = Collectives.allGather(comm, m > 0 ? k[m - 1] : 0L);
        boolean prev = false;
        long prevKey = 0;
        for (int r = comm.rank() - 1; r >= 0 && !prev; r--) {
            if (has[r] == 1) {
                prev = true;
                prevKey = lastKeys[r];
            }
        }
        long heads = 0;
        long[] group = new long[m];
        for (int j = 0; j < m; j++) {
            boolean head = j == 0 ? !prev || k[0] != prevKey : k[j] != k[j - 1];
            if (head) {
                heads++;
            }
            group[j] = heads - 1; // local; -1 continues the previous rank's last group
        }
        long[] allHeads = Collectives.allGather(comm, heads);
        long first = 0;
        long u = 0;
        for (int r = 0; r < p; r++) {
            if (r < comm.rank()) {
                first += allHeads[r];
            }
            u += allHeads[r];
        }
        for (int j = 0; j < m; j++) {
            group[j] += first;
        }
        Distribution ub = Work.blockAlong(a.distribution(), new long[] {u}, 0);
        long[] uTarget = new long[p];
        for (int r = 0; r < p; r++) {
            uTarget[r] = ub.localShapeOf(r)[0];
        }
        // values: one (group, key) per head; counts: one (group, run length) per local run
        int runs = m == 0 ? 0 : (int) (heads + (group[0] < first ? 1 : 0));
        long[] vi = new long[(int) heads];
        long[] vv = new long[(int) heads];
        long[] ci = new long[runs];
        long[] cv = new long[runs];
        int h = 0;
        int c = -1;
        for (int j = 0; j < m; j++) {
            if (j == 0 || group[j] != group[j - 1]) {
                c++;
                ci[c] = group[j];
                if (group[j] >= first) {
                    vi[h] = group[j];
                    vv[h++] = k[j];
                }
            }
            cv[c]++;
        }
        long[] values = scatter(comm, vi, vv, uTarget, false, budget);
        long[] counts = scatter(comm, ci, cv, uTarget, true, budget);
        long[] inverse = scatter(comm, s.tags(), group, target, false, budget);
        DType t = a.dtype();
        ByteBuffer vb = ByteBuffer.allocate(values.length * t.itemSize()).order(ByteOrder.nativeOrder());
        Keys.write(values, 0, values.length, t, vb, 0);
        return new Unique(Work.fromBytes(ub, t, vb), Work.fromBytes(ub, DType.INT64, longs(counts)),
                Work.fromBytes(balanced, DType.INT64, longs(inverse)));
    }

    private static ByteBuffer longs(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.nativeOrder());
        b.asLongBuffer().put(v);
        return b;
    }

    /**
     * <b>Collective.</b> Sends each (global index, value) to the owner of the index in the block layout of
     * {@code target} counts; returns this rank's block with the values put (or, {@code add}, summed) in place.
     */
    static long[] scatter(Communicator comm, long[] idx, long[] val, long[] target, boolean add, long budget) {
        int p = comm.size();
        long[] lo = new long[p + 1];
        for (int r = 0; r < p; r++) {
            lo[r + 1] = lo[r] + target[r];
        }
        int[] sc = new int[p];
        int[] dest = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int r = java.util.Arrays.binarySearch(lo, idx[i]);
            r = r >= 0 ? r : -r - 2;
            while (r < p - 1 && lo[r + 1] <= idx[i]) {
                r++; // skip empty blocks
            }
            dest[i] = r;
            sc[r] += 2;
        }
        int[] at = Exchange.displs(sc);
        long[] send = new long[2 * idx.length];
        for (int i = 0; i < idx.length; i++) {
            send[at[dest[i]]++] = idx[i];
            send[at[dest[i]]++] = val[i];
        }
        int[] rc = Exchange.counts(comm, sc);
        long[] recv = Exchange.allToAllV(comm, send, sc, rc, budget, new Exchange.Meter());
        long[] out = new long[(int) target[comm.rank()]];
        long base = lo[comm.rank()];
        for (int i = 0; i < recv.length; i += 2) {
            int o = (int) (recv[i] - base);
            out[o] = add ? out[o] + recv[i + 1] : recv[i + 1];
        }
        return out;
    }

    /**
     * <b>Not collective.</b> The plan of {@link #unique(DistArray, AlgoOptions)}, from the shape (all values
     * distinct, the worst case for traffic): the sample sort carrying indices (16 bytes per element), three
     * all-gathers of one long, three scatters (values, counts, inverse: 16 bytes per element each).
     */
    public static AlgoPlan explain(DistArray a, AlgoOptions options) {
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p;
        long exch = 16 * per;
        int rounds = options.budget() > 0 ? (int) Math.max(1, (exch + options.budget() - 1) / options.budget()) : 1;
        return new AlgoPlan("unique: sample sort with indices, run heads, three scatters (estimate)",
                p == 1 ? 0 : 4 * rounds + 3 + 4, p == 1 ? 0 : 5 * exch, 4 * exch, java.util.Map.of());
    }
}
