package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.searchsorted(a, v, side)} of a sorted distributed 1-d {@code a}: every rank learns each rank's first key
 * of {@code a} (balanced block layout) from one all-gather, sends each query to the one rank whose block decides it
 * (one all-to-all), which answers with its offset plus a local binary search; the answers go to their owners in the
 * balanced block layout of the flattened {@code v} (one all-to-all). Different dtypes compare as float64.
 */
public final class Searching {
    private Searching() {
    }

    /**
     * <b>Collective.</b> {@code np.searchsorted(a, v, side='right' if right else 'left')}: int64 indices, the shape
     * of {@code v}. {@code a} must be sorted (NumPy's order; not checked, as NumPy). Caller must close the result.
     */
    public static DistArray searchsorted(DistArray a, DistArray v, boolean right) {
        return searchsorted(a, v, right, AlgoOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #searchsorted(DistArray, DistArray, boolean)} with options: the budget splits the
     * two all-to-alls (queries out, answers back) into rounds and applies to the redistributions. Caller must close.
     */
    public static DistArray searchsorted(DistArray a, DistArray v, boolean right, AlgoOptions options) {
        Work.verify(a, "searchsorted", Work.number(v), right ? 1 : 0);
        if (a.ndim() != 1) {
            throw new IllegalArgumentException("object too deep for desired array");
        }
        if (a.dtype() != v.dtype()) {
            try (DistArray af = a.astype(DType.FLOAT64); DistArray vf = v.astype(DType.FLOAT64)) {
                return searchsorted(af, vf, right, options);
            }
        }
        DistArray flat = v.ndim() == 1 ? v : v.reshape(v.globalSize());
        try {
            DistArray r = search(a, flat, right, options.budget());
            if (v.ndim() == 1) {
                return r;
            }
            try (r) {
                return r.reshape(v.shape());
            }
        } finally {
            if (flat != v) {
                flat.close();
            }
        }
    }

    private static DistArray search(DistArray a, DistArray v, boolean right, long budget) {
        Communicator comm = a.distribution().context().comm();
        int p = comm.size();
        DType t = a.dtype();
        Distribution ab = Work.blockAlong(a.distribution(), a.shape(), 0);
        long[] ka;
        DistArray w = Work.onto(a, ab, budget);
        try {
            ka = Keys.read(Work.bytes(w), t, (int) w.local().elementCount(), true);
        } finally {
            if (w != a) {
                w.close();
            }
        }
        long[] has = Collectives.allGather(comm, ka.length > 0 ? 1L : 0L);
        long[] firsts = Collectives.allGather(comm, ka.length > 0 ? ka[0] : 0L);
        long[] offsets = new long[p];
        for (int r = 1; r < p; r++) {
            offsets[r] = offsets[r - 1] + ab.localShapeOf(r - 1)[0];
        }
        long nv = v.globalSize();
        Distribution vb = Work.blockAlong(v.distribution(), new long[] {nv}, 0);
        long[] vTarget = new long[p];
        long vOffset = 0;
        for (int r = 0; r < p; r++) {
            vTarget[r] = vb.localShapeOf(r)[0];
            if (r < comm.rank()) {
                vOffset += vTarget[r];
            }
        }
        long[] kv;
        DistArray wv = Work.onto(v, vb, budget);
        try {
            kv = Keys.read(Work.bytes(wv), t, (int) wv.local().elementCount(), true);
        } finally {
            if (wv != v) {
                wv.close();
            }
        }
        // route: the last non-empty rank whose first key is below the query (or not above it, side='right')
        int[] owner = new int[kv.length];
        int[] sc = new int[p];
        for (int i = 0; i < kv.length; i++) {
            int o = -1;
            for (int r = 0; r < p; r++) {
                if (has[r] == 1 && (right ? firsts[r] <= kv[i] : firsts[r] < kv[i])) {
                    o = r;
                }
            }
            owner[i] = o;
            if (o >= 0) {
                sc[o] += 2;
            }
        }
        int[] at = Exchange.displs(sc);
        long[] send = new long[java.util.Arrays.stream(sc).sum()];
        for (int i = 0; i < kv.length; i++) {
            if (owner[i] >= 0) {
                send[at[owner[i]]++] = vOffset + i;
                send[at[owner[i]]++] = kv[i];
            }
        }
        int[] rc = Exchange.counts(comm, sc);
        long[] q = Exchange.allToAllV(comm, send, sc, rc, budget, new Exchange.Meter());
        int answered = q.length / 2;
        int zeros = 0;
        for (int o : owner) {
            zeros += o < 0 ? 1 : 0;
        }
        long[] idx = new long[answered + zeros];
        long[] ans = new long[answered + zeros];
        for (int i = 0; i < answered; i++) {
            idx[i] = q[2 * i];
            ans[i] = offsets[comm.rank()] + bound(ka, q[2 * i + 1], right);
        }
        int z = answered;
        for (int i = 0; i < kv.length; i++) {
            if (owner[i] < 0) {
                idx[z] = vOffset + i;
                ans[z++] = 0;
            }
        }
        long[] out = Uniques.scatter(comm, idx, ans, vTarget, false, budget);
        ByteBuffer b = ByteBuffer.allocate(out.length * 8).order(ByteOrder.nativeOrder());
        b.asLongBuffer().put(out);
        return Work.fromBytes(vb, DType.INT64, b);
    }

    private static int bound(long[] k, long x, boolean right) {
        int lo = 0;
        int hi = k.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (right ? k[mid] <= x : k[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * <b>Not collective.</b> The plan of {@link #searchsorted(DistArray, DistArray, boolean, AlgoOptions)}: the two
     * redistributions to balanced blocks, two all-gathers of one long, the queries out and the answers back (16
     * bytes per query each way).
     */
    public static AlgoPlan explain(DistArray a, DistArray v, AlgoOptions options) {
        int p = a.distribution().communicator().size();
        long per = (v.globalSize() + p - 1) / p;
        long exch = 16 * per;
        int rounds = options.budget() > 0 ? (int) Math.max(1, (exch + options.budget() - 1) / options.budget()) : 1;
        return new AlgoPlan("searchsorted: each query sent to the rank whose block decides it (estimate)",
                p == 1 ? 0 : 2 * rounds + 2 + 2, p == 1 ? 0 : 2 * exch, 2 * exch + 8 * (a.globalSize() + p - 1) / p,
                java.util.Map.of());
    }
}
