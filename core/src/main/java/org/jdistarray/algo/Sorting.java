package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.sort} and {@code np.argsort} of distributed arrays, along any axis of any layout, every dtype. Stable
 * (NumPy's {@code kind='stable'}: equal elements keep their order; -0.0 and 0.0 are equal for argsort); NaNs last.
 *
 * <p>A 1-d array is sorted by a distributed sample sort: the array is redistributed to the balanced block layout
 * (nothing moves when it is there already), each rank sorts its block, regular samples choose {@code P-1} splitters
 * (ties broken by global position, so duplicates balance), one all-to-all sends every key to its bucket, each rank
 * merges its {@code P} sorted runs, and a last all-to-all moves the sorted sequence into the balanced block layout.
 * An n-d array along axis {@code k} is redistributed so that axis {@code k} is whole on every rank (block along the
 * largest other axis), sorted lane by lane, and redistributed to the result layout. The result is in the balanced
 * block layout along {@code axis} (the other axes undistributed), or the input's distribution with
 * {@link AlgoOptions.Layout#INPUT}. When {@code axis} is undistributed in the input (every lane whole on its rank,
 * {@link AxisForms}) each rank sorts its own lanes and the result keeps the input's layout: no communication. {@code argsort} gives int64 global indices along {@code axis}.
 */
public final class Sorting {
    /** A result and the plan that made it (measured: rounds, bytes, peak extra memory, phase times). */
    public record Result(DistArray array, AlgoPlan plan) {
    }

    private Sorting() {
    }

    /** <b>Collective.</b> {@code np.sort(a, axis=-1)}. Caller must close the result. */
    public static DistArray sort(DistArray a) {
        return sort(a, -1, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@code np.sort(a, axis)}. Caller must close the result. */
    public static DistArray sort(DistArray a, int axis) {
        return sort(a, axis, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@code np.sort(a, axis, kind='stable')} with options. Caller must close the result. */
    public static DistArray sort(DistArray a, int axis, AlgoOptions options) {
        return run(a, axis, options, false).array();
    }

    /** <b>Collective.</b> {@code np.argsort(a, axis=-1, kind='stable')}. Caller must close the result. */
    public static DistArray argsort(DistArray a) {
        return argsort(a, -1, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@code np.argsort(a, axis, kind='stable')}. Caller must close the result. */
    public static DistArray argsort(DistArray a, int axis) {
        return argsort(a, axis, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@code np.argsort(a, axis, kind='stable')} with options. Caller must close the result. */
    public static DistArray argsort(DistArray a, int axis, AlgoOptions options) {
        return run(a, axis, options, true).array();
    }

    /**
     * <b>Collective.</b> {@link #sort} or, with {@code indices}, {@link #argsort}, returning the measured plan too.
     * Caller must close the result's array.
     */
    public static Result run(DistArray a, int axis, AlgoOptions options, boolean indices) {
        Work.verify(a, indices ? "argsort" : "sort", axis);
        int k = Work.axis(axis, a.ndim());
        if (AxisForms.local(a, k)) {
            // every lane whole on its rank: sort there, keep the input's layout, no communication
            return AxisForms.onSelf(a, k, a.shape()[k], la -> run(la, k, AlgoOptions.defaults(), indices));
        }
        Distribution from = a.distribution();
        Communicator comm = from.context().comm();
        long budget = options.budget();
        DType outType = indices ? DType.INT64 : a.dtype();
        Exchange.Meter meter = new Exchange.Meter();
        Map<String, Long> phases = new LinkedHashMap<>();
        long[] shape = a.shape();
        Distribution balanced = Work.blockAlong(from, shape, k);
        DistArray result;
        String what;
        long t0 = System.nanoTime();
        if (a.ndim() == 1) {
            what = "sample sort of " + shape[0] + " elements over " + comm.size() + " ranks";
            DistArray w = Work.onto(a, balanced, budget);
            long t1 = System.nanoTime();
            phases.put("toBlock", t1 - t0);
            try {
                int n = (int) w.local().elementCount();
                long[] keys = Keys.read(Work.view(w), a.dtype(), n, indices);
                meter.hold(8L * n * (indices ? 2 : 1));
                long offset = 0;
                long[] target = new long[comm.size()];
                for (int r = 0; r < comm.size(); r++) {
                    target[r] = balanced.localShapeOf(r)[0];
                    if (r < comm.rank()) {
                        offset += target[r];
                    }
                }
                SampleSort.Out out = SampleSort.sort(comm, keys, offset, indices, target, budget, meter);
                phases.putAll(out.phases());
                long t2 = System.nanoTime();
                long[] vals = indices ? out.tags() : out.keys();
                Work.Fill f = Work.fill(balanced, outType);
                ByteBuffer b = f.bytes();
                if (indices) {
                    b.asLongBuffer().put(vals);
                } else {
                    Keys.write(vals, 0, vals.length, outType, b, 0);
                }
                result = f.done();
                phases.put("write", System.nanoTime() - t2);
            } finally {
                if (w != a) {
                    w.close();
                }
            }
        } else {
            int j = Work.largestOther(shape, k);
            Distribution lanes = Work.blockAlong(from, shape, j);
            what = "lane sort along axis " + k + " (axis " + k + " gathered, block along axis " + j + ")";
            DistArray w = Work.onto(a, lanes, budget);
            long t1 = System.nanoTime();
            phases.put("toLanes", t1 - t0);
            DistArray sorted;
            try {
                sorted = sortLanes(w, k, indices, outType, meter);
            } finally {
                if (w != a) {
                    w.close();
                }
            }
            long t2 = System.nanoTime();
            phases.put("localSort", t2 - t1);
            result = Work.onto(sorted, balanced, budget);
            if (result != sorted) {
                sorted.close();
            }
            phases.put("toBlock", System.nanoTime() - t2);
        }
        if (options.layout() == AlgoOptions.Layout.INPUT && !result.distribution().equals(from)) {
            DistArray back = Work.onto(result, from, budget);
            result.close();
            result = back;
        }
        phases.put("total", System.nanoTime() - t0);
        long item = Math.max(a.dtype().itemSize(), outType.itemSize());
        long moved = meter.sent + 2L * item * a.local().elementCount();
        return new Result(result, new AlgoPlan(what, meter.rounds, moved, meter.peak, phases));
    }

    private static DistArray sortLanes(DistArray w, int k, boolean indices, DType outType, Exchange.Meter meter) {
        long[] ls = w.local().shape();
        int n = (int) w.local().elementCount();
        long[] keys = Keys.read(Work.bytes(w), w.dtype(), n, indices);
        int len = (int) ls[k];
        int inner = 1;
        for (int i = k + 1; i < ls.length; i++) {
            inner *= (int) ls[i];
        }
        int outer = len == 0 || inner == 0 ? 0 : n / (len * inner);
        long[] lk = new long[len];
        long[] lt = indices ? new long[len] : null;
        long[] out = new long[n];
        meter.hold(8L * (n + 2L * len));
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                for (int i = 0; i < len; i++) {
                    lk[i] = keys[base + i * inner];
                }
                if (indices) {
                    for (int i = 0; i < len; i++) {
                        lt[i] = i;
                    }
                    LocalSort.stableSort(lk, lt, 0, len);
                } else {
                    java.util.Arrays.sort(lk);
                }
                long[] src = indices ? lt : lk;
                for (int i = 0; i < len; i++) {
                    out[base + i * inner] = src[i];
                }
            }
        }
        ByteBuffer b = ByteBuffer.allocate(n * outType.itemSize()).order(ByteOrder.nativeOrder());
        if (indices) {
            b.asLongBuffer().put(out);
        } else {
            Keys.write(out, 0, n, outType, b, 0);
        }
        meter.release(8L * (n + 2L * len));
        return Work.fromBytes(w.distribution(), outType, b);
    }

    /**
     * <b>Not collective.</b> The plan of {@link #sort}/{@link #argsort} before running it, estimated from the global
     * shape (balanced data; real data with skewed duplicates may move more): rounds, bytes sent per rank, peak extra.
     */
    public static AlgoPlan explain(DistArray a, int axis, AlgoOptions options, boolean indices) {
        int k = Work.axis(axis, a.ndim());
        if (AxisForms.local(a, k)) {
            return AxisForms.localPlan("sort", k, a.local().elementCount() * Math.max(8, a.dtype().itemSize()));
        }
        int p = a.distribution().communicator().size();
        long n = a.globalSize();
        long per = (n + p - 1) / p;
        int width = indices ? 16 : 8;
        long exch = per * width;
        int rounds = options.budget() > 0 ? (int) Math.max(1, (exch + options.budget() - 1) / options.budget()) : 1;
        if (a.ndim() == 1) {
            int r = p == 1 ? 0 : 1 + 2 * rounds * (indices ? 2 : 1) + 2;
            return new AlgoPlan("sample sort of " + n + " elements over " + p + " ranks (estimate)", r,
                    p == 1 ? 0 : 2 * exch, 3L * exch, Map.of());
        }
        return new AlgoPlan("lane sort along axis " + k + " (estimate)", 2 * rounds,
                2L * per * a.dtype().itemSize(), 2L * per * 8, Map.of());
    }
}
