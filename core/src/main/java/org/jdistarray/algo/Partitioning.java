package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.partition} and {@code np.argpartition}: the element at each {@code kth} position is the one a sort
 * would put there, every element before it is {@code <=} and every element after it {@code >=} (NumPy's order: NaNs
 * last); the order inside the pieces is unspecified (as NumPy's, which differs from this one).
 *
 * <p>A 1-d array by distributed selection, no sort: the array goes to the balanced block layout, the value of every
 * {@code kth} is found by the radix select of {@link Selection} (8 all-reduces of a 256-bucket histogram each), every
 * element is classed as below, equal to, or between the pivots, one all-gather of the class counts gives each
 * element its output position, and one all-to-all sends it there (balanced block result). Along an axis of an n-d
 * array the lanes are made whole on a rank and sorted there (a sorted lane is partitioned at every {@code kth}), as
 * {@link Sorting} does; along an undistributed axis nothing moves ({@link AxisForms}).
 */
public final class Partitioning {
    private Partitioning() {
    }

    /** <b>Collective.</b> {@code np.partition(a, kth)} along the last axis. Caller must close the result. */
    public static DistArray partition(DistArray a, long... kth) {
        return run(a, kth, -1, AlgoOptions.defaults(), false).array();
    }

    /** <b>Collective.</b> {@code np.partition(a, kth, axis)} with options. Caller must close the result. */
    public static DistArray partition(DistArray a, long[] kth, int axis, AlgoOptions options) {
        return run(a, kth, axis, options, false).array();
    }

    /** <b>Collective.</b> {@code np.argpartition(a, kth)} along the last axis: int64 indices. Caller must close. */
    public static DistArray argpartition(DistArray a, long... kth) {
        return run(a, kth, -1, AlgoOptions.defaults(), true).array();
    }

    /** <b>Collective.</b> {@code np.argpartition(a, kth, axis)} with options. Caller must close the result. */
    public static DistArray argpartition(DistArray a, long[] kth, int axis, AlgoOptions options) {
        return run(a, kth, axis, options, true).array();
    }

    /** NumPy's kth checks (negative kth counts from the end); skipped for an empty array, as NumPy. */
    static long[] kth(long[] kth, long len, boolean empty) {
        if (kth == null || kth.length == 0) {
            throw new IllegalArgumentException("Partition index must be integer");
        }
        long[] k = new long[kth.length];
        for (int i = 0; i < kth.length; i++) {
            long v = kth[i] < 0 ? kth[i] + len : kth[i];
            if (!empty && (v < 0 || v >= len)) {
                throw new IllegalArgumentException("kth(=" + v + ") out of bounds (" + len + ")");
            }
            k[i] = v;
        }
        Arrays.sort(k);
        return k;
    }

    /**
     * <b>Collective.</b> {@link #partition} or, with {@code indices}, {@link #argpartition}, with the measured plan
     * (phases {@code toBlock}, {@code select}, {@code classify}, {@code exchange}, {@code write} for a 1-d array).
     * Caller must close the result's array.
     */
    public static Sorting.Result run(DistArray a, long[] kth, int axis, AlgoOptions options, boolean indices) {
        Work.verify(a, indices ? "argpartition" : "partition", axis, Arrays.hashCode(kth));
        int k = Work.axis(axis, a.ndim());
        long[] ks = kth(kth, a.shape()[k], a.globalSize() == 0);
        if (a.ndim() > 1 || a.globalSize() == 0) {
            Sorting.Result r = AxisForms.sort(a, k, options, indices);
            return new Sorting.Result(r.array(), new AlgoPlan("partition by " + r.plan().algorithm(),
                    r.plan().rounds(), r.plan().bytesPerRank(), r.plan().peakExtraBytes(), r.plan().phaseNanos()));
        }
        long t0 = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        Distribution from = a.distribution();
        Communicator comm = from.context().comm();
        int p = comm.size();
        int me = comm.rank();
        long n = a.globalSize();
        Distribution balanced = Work.blockAlong(from, a.shape(), 0);
        DType outType = indices ? DType.INT64 : a.dtype();
        Exchange.Meter meter = new Exchange.Meter();
        DistArray w = Work.onto(a, balanced, options.budget());
        long[] keys;
        try {
            keys = Keys.read(Work.bytes(w), a.dtype(), (int) w.local().elementCount(), indices);
        } finally {
            if (w != a) {
                w.close();
            }
        }
        int m = keys.length;
        meter.hold(8L * m);
        long[] start = new long[p + 1];
        for (int r = 0; r < p; r++) {
            start[r + 1] = start[r] + balanced.localShapeOf(r)[0];
        }
        long t1 = System.nanoTime();
        phases.put("toBlock", t1 - t0);
        long[] pivots = new long[ks.length];
        int u = 0;
        for (int i = 0; i < ks.length; i++) {
            if (i > 0 && ks[i] == ks[i - 1]) {
                continue;
            }
            long v = Selection.select(comm, keys, ks[i]);
            if (u == 0 || pivots[u - 1] != v) {
                pivots[u++] = v;
            }
        }
        int selections = (int) Arrays.stream(ks).distinct().count();
        long t2 = System.nanoTime();
        phases.put("select", t2 - t1);
        // classes: 2j = strictly between pivot j-1 and pivot j, 2j+1 = equal to pivot j
        int classes = 2 * u + 1;
        int[] cls = new int[m];
        long[] count = new long[classes];
        for (int i = 0; i < m; i++) {
            int j = Arrays.binarySearch(pivots, 0, u, keys[i]);
            cls[i] = j >= 0 ? 2 * j + 1 : 2 * (-j - 1);
            count[cls[i]]++;
        }
        LongBuffer sendCounts = DirectBuffers.longs(classes);
        LongBuffer all = DirectBuffers.longs(classes * p);
        sendCounts.put(count).flip();
        comm.allGather(sendCounts, all);
        long[] next = new long[classes];
        long base = 0;
        for (int c = 0; c < classes; c++) {
            long before = 0;
            long total = 0;
            for (int r = 0; r < p; r++) {
                long v = all.get(r * classes + c);
                total += v;
                if (r < me) {
                    before += v;
                }
            }
            next[c] = base + before;
            base += total;
        }
        long[] pos = new long[m];
        int[] dest = new int[m];
        int[] perDest = new int[p];
        for (int i = 0; i < m; i++) {
            pos[i] = next[cls[i]]++;
            int d = Arrays.binarySearch(start, pos[i]);
            d = d >= 0 ? d : -d - 2;
            while (start[d + 1] <= pos[i]) {
                d++; // empty blocks share a start
            }
            dest[i] = d;
            perDest[d] += 2;
        }
        int[] displ = Exchange.displs(perDest);
        int[] fill = displ.clone();
        long[] send = new long[2 * m];
        meter.hold(8L * 2 * m + 12L * m);
        for (int i = 0; i < m; i++) {
            int o = fill[dest[i]];
            send[o] = pos[i];
            send[o + 1] = indices ? start[me] + i : keys[i];
            fill[dest[i]] = o + 2;
        }
        long t3 = System.nanoTime();
        phases.put("classify", t3 - t2);
        int[] recvCounts = Exchange.counts(comm, perDest);
        long[] got = Exchange.allToAllV(comm, send, perDest, recvCounts, options.budget(), meter);
        long t4 = System.nanoTime();
        phases.put("exchange", t4 - t3);
        int mine = (int) (start[me + 1] - start[me]);
        long[] out = new long[mine];
        for (int i = 0; i < got.length; i += 2) {
            out[(int) (got[i] - start[me])] = got[i + 1];
        }
        ByteBuffer b = ByteBuffer.allocate(mine * outType.itemSize()).order(ByteOrder.nativeOrder());
        if (indices) {
            b.asLongBuffer().put(out);
        } else {
            Keys.write(out, 0, mine, outType, b, 0);
        }
        DistArray result = Work.fromBytes(balanced, outType, b);
        if (options.layout() == AlgoOptions.Layout.INPUT && !balanced.equals(from)) {
            DistArray back = Work.onto(result, from, options.budget());
            result.close();
            result = back;
        }
        phases.put("write", System.nanoTime() - t4);
        String what = "distributed selection of " + selections + " kth value(s) of " + n + " elements over " + p
                + " ranks, " + classes + " classes, one all-to-all";
        return new Sorting.Result(result, new AlgoPlan(what, meter.rounds + 8 * selections + 2, meter.sent,
                meter.peak, phases));
    }

    /**
     * <b>Not collective.</b> The plan of {@link #run} before running it, estimated from the shape (balanced data):
     * rounds, bytes sent per rank (16 per element: position and value), peak extra memory.
     */
    public static AlgoPlan explain(DistArray a, long[] kth, int axis, AlgoOptions options, boolean indices) {
        int k = Work.axis(axis, a.ndim());
        long[] ks = kth(kth, a.shape()[k], a.globalSize() == 0);
        if (a.ndim() > 1 || a.globalSize() == 0) {
            AlgoPlan e = AxisForms.explainSort(a, k, options, indices);
            return new AlgoPlan("partition by " + e.algorithm(), e.rounds(), e.bytesPerRank(), e.peakExtraBytes(),
                    Map.of());
        }
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p;
        long exch = 16 * per;
        int rounds = options.budget() > 0 ? (int) Math.max(1, (exch + options.budget() - 1) / options.budget()) : 1;
        int selections = (int) Arrays.stream(ks).distinct().count();
        return new AlgoPlan("distributed selection of " + selections + " kth value(s) of " + a.globalSize()
                + " elements over " + p + " ranks (estimate)", rounds + 8 * selections + 2, p == 1 ? 0 : exch,
                8 * per + 2 * exch + 12 * per, Map.of());
    }
}
