package org.jdistarray.algo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.UndistributedAxis;

/**
 * The axis forms of the algorithms: {@code sort}/{@code argsort}, {@code partition}/{@code argpartition},
 * {@code cumsum}/{@code cumprod}/{@code nancumsum}/{@code nancumprod} and {@code diff} along any axis. Along an axis
 * that is undistributed in the input (grid size 1 on that axis, natural order, no padding) every lane is whole on
 * its rank: each rank runs the algorithm on its own block (wrapped as an array on a one-rank communicator) and the
 * result keeps the input's layout, with no communication. Along a distributed axis the array is redistributed (the
 * lane approach of {@link Sorting}, the distributed scan of {@link Scans}, ...). {@code Sorting}, {@code Differences}
 * and {@code Partitioning} take the local path themselves; the scans go through this class ({@link #cumsum} and
 * the rest), which calls {@link Scans} for a distributed axis.
 */
public final class AxisForms {
    private AxisForms() {
    }

    /** <b>Collective.</b> {@code np.cumsum(a, axis)}: local along an undistributed axis. Caller must close. */
    public static DistArray cumsum(DistArray a, int axis) {
        return scan(a, axis, false, false, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@code np.cumprod(a, axis)}: local along an undistributed axis. Caller must close. */
    public static DistArray cumprod(DistArray a, int axis) {
        return scan(a, axis, true, false, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@code np.nancumsum(a, axis)}: local along an undistributed axis. Caller must close. */
    public static DistArray nancumsum(DistArray a, int axis) {
        return scan(a, axis, false, true, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@code np.nancumprod(a, axis)}: local along an undistributed axis. Caller must close. */
    public static DistArray nancumprod(DistArray a, int axis) {
        return scan(a, axis, true, true, AlgoOptions.defaults()).array();
    }

    /**
     * <b>Collective.</b> {@link Scans#scan}, or the local scan of every rank's lanes when {@code axis} is
     * undistributed (result in the input's layout, plan with 0 rounds). Caller must close the result's array.
     */
    public static Sorting.Result scan(DistArray a, int axis, boolean product, boolean nan, AlgoOptions options) {
        Work.verify(a, product ? (nan ? "nancumprod" : "cumprod") : nan ? "nancumsum" : "cumsum", axis);
        int k = Work.axis(axis, a.ndim());
        if (local(a, k)) {
            return onSelf(a, k, a.shape()[k], la -> Scans.scan(la, k, product, nan, AlgoOptions.defaults()));
        }
        return Scans.scan(a, k, product, nan, options);
    }

    /**
     * <b>Not collective.</b> The plan of {@link #scan}: none along an undistributed axis; else the distributed scan
     * of {@link Scans} (redistribution to the balanced block layout along {@code axis}, {@code log2 P} rounds of the
     * exclusive scan of the lane totals, the redistribution back with {@link AlgoOptions.Layout#INPUT}).
     */
    public static AlgoPlan explainScan(DistArray a, int axis, AlgoOptions options) {
        int k = Work.axis(axis, a.ndim());
        long item = Math.max(8, a.dtype().itemSize());
        if (local(a, k)) {
            return localPlan("scan", k, a.local().elementCount() * item);
        }
        int p = a.distribution().communicator().size();
        long per = (a.globalSize() + p - 1) / p * item;
        long lanes = a.shape()[k] == 0 ? 0 : a.globalSize() / a.shape()[k];
        int log = 32 - Integer.numberOfLeadingZeros(Math.max(0, p - 1));
        long redist = options.budget() > 0 ? Math.max(1, (per + options.budget() - 1) / options.budget()) : 1;
        boolean back = options.layout() == AlgoOptions.Layout.INPUT;
        return new AlgoPlan("distributed scan along axis " + k + " (estimate)", (int) (redist * (back ? 2 : 1)) + log,
                per * (back ? 2 : 1) + 8 * lanes * log, 2 * per + 8 * lanes, Map.of());
    }

    /**
     * Whether every lane along {@code k} is whole, in natural order, on its rank (and there are other ranks to
     * avoid talking to): the axis has grid size 1 and is undistributed, block or cyclic; no padding.
     */
    static boolean local(DistArray a, int k) {
        Distribution d = a.distribution();
        if (d.communicator().size() == 1 || d.ndim() == 0 || d.isPadded() || d.holder() >= 0) {
            return false;
        }
        AxisDistribution ax = d.axes().get(k);
        return ax.gridSize() == 1 && (ax instanceof UndistributedAxis || ax instanceof BlockAxis
                || ax instanceof CyclicAxis);
    }

    /** <b>Collective.</b> {@link Sorting#run} along {@code k} (the local path included). */
    static Sorting.Result sort(DistArray a, int k, AlgoOptions options, boolean indices) {
        return Sorting.run(a, k, options, indices);
    }

    /** <b>Not collective.</b> {@link Sorting#explain}, 0 rounds for the local path. */
    static AlgoPlan explainSort(DistArray a, int k, AlgoOptions options, boolean indices) {
        return Sorting.explain(a, k, options, indices);
    }

    /** The plan of a local run: no rounds, no bytes, two copies of the block. */
    static AlgoPlan localPlan(String inner, int k, long blockBytes) {
        return new AlgoPlan("local " + inner + " along undistributed axis " + k + " (no communication)", 0, 0,
                2 * blockBytes, Map.of());
    }

    /**
     * <b>Collective</b> (the one-rank communicator is made once per communicator and cached). Runs {@code f} on this
     * rank's block wrapped as an array on a one-rank communicator and returns the result in the input's layout,
     * with axis {@code k} of length {@code outLen}.
     */
    static Sorting.Result onSelf(DistArray a, int k, long outLen, Function<DistArray, Sorting.Result> f) {
        long t0 = System.nanoTime();
        Distribution d = a.distribution();
        Communicator self = d.context().axes(new int[] {d.communicator().size()}, false);
        long[] ls = a.local().shape();
        DistributionBuilder b = Distribution.builder(self).shape(ls);
        for (int i = 0; i < ls.length; i++) {
            b.undistributed(i);
        }
        Distribution out = outLen == a.shape()[k] ? d : withLength(d, k, outLen);
        Map<String, Long> phases = new LinkedHashMap<>();
        try (DistArray la = Work.fromBytes(b.build(), a.dtype(), Work.bytes(a))) {
            Sorting.Result r = f.apply(la);
            try (DistArray lr = r.array()) {
                phases.putAll(r.plan().phaseNanos());
                DistArray res = Work.fromBytes(out, lr.dtype(), Work.bytes(lr));
                phases.put("total", System.nanoTime() - t0);
                AlgoPlan p = localPlan(r.plan().algorithm(), k, a.local().elementCount() * a.dtype().itemSize());
                return new Sorting.Result(res, new AlgoPlan(p.algorithm(), 0, 0, p.peakExtraBytes()
                        + r.plan().peakExtraBytes(), phases));
            }
        }
    }

    /** {@code d} with axis {@code k} (undistributed, grid size 1) of length {@code len}. */
    static Distribution withLength(Distribution d, int k, long len) {
        List<AxisDistribution> axes = new ArrayList<>(d.axes());
        axes.set(k, new UndistributedAxis(len));
        return Distribution.fromGlobalDimData(d.communicator(), axes);
    }

    /** Whether {@link #withLength} can rebuild {@code d}: its grid uses every rank. */
    static boolean resizable(Distribution d) {
        long g = 1;
        for (int s : d.gridShape()) {
            g *= s;
        }
        return g == d.communicator().size();
    }
}
