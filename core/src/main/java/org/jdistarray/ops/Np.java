package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * The entry point, as NumPy's {@code np.}: every ufunc by its NumPy name, {@code where}, {@code clip}, and
 * {@link #expr(DistArray)} for fused expressions. Every function is <b>logically collective</b> (every rank calls it
 * with the same arguments; no communication when the operands' layouts agree, checked in checking mode), returns a
 * new array the caller must close (or {@code out=}, which is returned), and follows NumPy 1.24's result dtypes
 * ({@link Promotion}). A {@code double} argument is a Python float, a {@code long} (or {@code int} literal) a Python
 * int. Operands broadcast with NumPy's rules ({@link Expr}).
 *
 * <p>Sections: ufuncs (generated from {@link UnaryOp} and {@link BinaryOp}) are inherited from the package-private
 * {@code NpUnary}, {@code NpArithmetic} and {@code NpComparison} (one file was too big); this file holds other
 * modules' sections (reductions, then delegations appended at the end).
 */
public final class Np extends NpComparison {
    private Np() {
    }

    // ---------------------------------------------------------------- reductions (Reductions, ReduceOptions)

    /** <b>Collective.</b> {@link Reductions#sum(DistArray)}. Caller must close the result. */
    public static DistArray sum(DistArray a) {
        return Reductions.sum(a);
    }

    /** <b>Collective.</b> {@link Reductions#sum(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray sum(DistArray a, int axis) {
        return Reductions.sum(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#sum(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray sum(DistArray a, ReduceOptions options) {
        return Reductions.sum(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#sumDouble(DistArray)}: {@code np.sum(a)} as a Java scalar, the same on every rank (nothing to close). */
    public static double sumDouble(DistArray a) {
        return Reductions.sumDouble(a);
    }

    /** <b>Collective.</b> {@link Reductions#sumDouble(DistArray, ReduceOptions)}: the keywords' sum as a Java scalar (the result must have one element). */
    public static double sumDouble(DistArray a, ReduceOptions options) {
        return Reductions.sumDouble(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#sumLong(DistArray)}: the exact int64 sum of a bool or integer array as a {@code long} (nothing to close). */
    public static long sumLong(DistArray a) {
        return Reductions.sumLong(a);
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray)}. Caller must close the result. */
    public static DistArray prod(DistArray a) {
        return Reductions.prod(a);
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray prod(DistArray a, int axis) {
        return Reductions.prod(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray prod(DistArray a, ReduceOptions options) {
        return Reductions.prod(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray)}. Caller must close the result. */
    public static DistArray mean(DistArray a) {
        return Reductions.mean(a);
    }

    /** <b>Collective.</b> {@link Reductions#meanDouble(DistArray)}: {@code np.mean(a)} as a Java scalar (nothing to close). */
    public static double meanDouble(DistArray a) {
        return Reductions.meanDouble(a);
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray mean(DistArray a, int axis) {
        return Reductions.mean(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray mean(DistArray a, ReduceOptions options) {
        return Reductions.mean(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray)}. Caller must close the result. */
    public static DistArray var(DistArray a) {
        return Reductions.var(a);
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray var(DistArray a, int axis) {
        return Reductions.var(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray var(DistArray a, ReduceOptions options) {
        return Reductions.var(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray)}. Caller must close the result. */
    public static DistArray std(DistArray a) {
        return Reductions.std(a);
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray std(DistArray a, int axis) {
        return Reductions.std(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray std(DistArray a, ReduceOptions options) {
        return Reductions.std(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray)}. Caller must close the result. */
    public static DistArray min(DistArray a) {
        return Reductions.min(a);
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray min(DistArray a, int axis) {
        return Reductions.min(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray min(DistArray a, ReduceOptions options) {
        return Reductions.min(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray)}. Caller must close the result. */
    public static DistArray max(DistArray a) {
        return Reductions.max(a);
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray max(DistArray a, int axis) {
        return Reductions.max(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray max(DistArray a, ReduceOptions options) {
        return Reductions.max(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray)}. Caller must close the result. */
    public static DistArray argmin(DistArray a) {
        return Reductions.argmin(a);
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray argmin(DistArray a, int axis) {
        return Reductions.argmin(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray argmin(DistArray a, ReduceOptions options) {
        return Reductions.argmin(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray)}. Caller must close the result. */
    public static DistArray argmax(DistArray a) {
        return Reductions.argmax(a);
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray argmax(DistArray a, int axis) {
        return Reductions.argmax(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray argmax(DistArray a, ReduceOptions options) {
        return Reductions.argmax(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#any(DistArray)}. Caller must close the result. */
    public static DistArray any(DistArray a) {
        return Reductions.any(a);
    }

    /** <b>Collective.</b> {@link Reductions#any(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray any(DistArray a, ReduceOptions options) {
        return Reductions.any(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#all(DistArray)}. Caller must close the result. */
    public static DistArray all(DistArray a) {
        return Reductions.all(a);
    }

    /** <b>Collective.</b> {@link Reductions#all(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray all(DistArray a, ReduceOptions options) {
        return Reductions.all(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#countNonzero(DistArray)}. Caller must close the result. */
    public static DistArray countNonzero(DistArray a) {
        return Reductions.countNonzero(a);
    }

    /** <b>Collective.</b> {@link Reductions#countNonzero(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray countNonzero(DistArray a, ReduceOptions options) {
        return Reductions.countNonzero(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#ptp(DistArray)}. Caller must close the result. */
    public static DistArray ptp(DistArray a) {
        return Reductions.ptp(a);
    }

    /** <b>Collective.</b> {@link Reductions#ptp(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray ptp(DistArray a, ReduceOptions options) {
        return Reductions.ptp(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nansum(DistArray)}. Caller must close the result. */
    public static DistArray nansum(DistArray a) {
        return Reductions.nansum(a);
    }

    /** <b>Collective.</b> {@link Reductions#nansum(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nansum(DistArray a, ReduceOptions options) {
        return Reductions.nansum(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmean(DistArray)}. Caller must close the result. */
    public static DistArray nanmean(DistArray a) {
        return Reductions.nanmean(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmean(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmean(DistArray a, ReduceOptions options) {
        return Reductions.nanmean(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmin(DistArray)}. Caller must close the result. */
    public static DistArray nanmin(DistArray a) {
        return Reductions.nanmin(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmin(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmin(DistArray a, ReduceOptions options) {
        return Reductions.nanmin(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmax(DistArray)}. Caller must close the result. */
    public static DistArray nanmax(DistArray a) {
        return Reductions.nanmax(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmax(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmax(DistArray a, ReduceOptions options) {
        return Reductions.nanmax(a, options);
    }
    // ---- end reductions ----

    // ---- fancy indexing, masks, concatenation (logic in Indexing) ----

    /** <b>Collective.</b> {@code numpy.take(a, indices)} of the flattened array: {@link Indexing#take(DistArray, long[], Integer)}. */
    public static DistArray take(DistArray a, long[] indices) {
        return Indexing.take(a, indices, null);
    }

    /** <b>Collective.</b> {@code numpy.take(a, indices, axis)}: {@link Indexing#take(DistArray, long[], Integer)}. */
    public static DistArray take(DistArray a, long[] indices, Integer axis) {
        return Indexing.take(a, indices, axis);
    }

    /** <b>Collective.</b> {@code numpy.take} with distributed indices: {@link Indexing#take(DistArray, DistArray, Integer)}. */
    public static DistArray take(DistArray a, DistArray indices, Integer axis) {
        return Indexing.take(a, indices, axis);
    }

    /** <b>Collective.</b> {@code numpy.put(a, indices, values)}: {@link Indexing#put(DistArray, long[], Object)}. */
    public static void put(DistArray a, long[] indices, Object values) {
        Indexing.put(a, indices, values);
    }

    /** <b>Collective.</b> {@code numpy.put} with distributed indices: {@link Indexing#put(DistArray, DistArray, Object)}. */
    public static void put(DistArray a, DistArray indices, Object values) {
        Indexing.put(a, indices, values);
    }

    /** <b>Collective.</b> {@code numpy.nonzero(a)}: {@link Indexing#nonzero}. Caller must close the results. */
    public static DistArray[] nonzero(DistArray a) {
        return Indexing.nonzero(a);
    }

    /** <b>Collective.</b> {@code numpy.flatnonzero(a)}: {@link Indexing#flatnonzero}. */
    public static DistArray flatnonzero(DistArray a) {
        return Indexing.flatnonzero(a);
    }

    /** <b>Collective.</b> {@code numpy.argwhere(a)}: {@link Indexing#argwhere}. */
    public static DistArray argwhere(DistArray a) {
        return Indexing.argwhere(a);
    }

    /** <b>Collective.</b> {@code numpy.compress(condition, a, axis)}: {@link Indexing#compress(boolean[], DistArray, Integer)}. */
    public static DistArray compress(boolean[] condition, DistArray a, Integer axis) {
        return Indexing.compress(condition, a, axis);
    }

    /** <b>Collective.</b> {@code numpy.compress} with a distributed condition: {@link Indexing#compress(DistArray, DistArray, Integer)}. */
    public static DistArray compress(DistArray condition, DistArray a, Integer axis) {
        return Indexing.compress(condition, a, axis);
    }

    /** <b>Collective.</b> {@code numpy.extract(condition, a)} for a bool condition of {@code a}'s shape: {@code a[condition]}. */
    public static DistArray extract(DistArray condition, DistArray a) {
        return Indexing.getMask(a, condition);
    }

    /** <b>Collective.</b> {@code numpy.concatenate(arrays, axis)} (null: flattened): {@link Indexing#concatenate}. */
    public static DistArray concatenate(DistArray[] arrays, Integer axis) {
        return Indexing.concatenate(arrays, axis);
    }

    /** <b>Collective.</b> {@code numpy.stack(arrays, axis)}: {@link Indexing#stack}. */
    public static DistArray stack(DistArray[] arrays, int axis) {
        return Indexing.stack(arrays, axis);
    }
    // ---- end fancy indexing ----

    // ---- distributed algorithms (org.jdistarray.algo; thin delegations) ----

    /** <b>Collective.</b> {@link org.jdistarray.algo.Sorting#sort(DistArray, int)}. Caller must close the result. */
    public static DistArray sort(DistArray a, int axis) {
        return org.jdistarray.algo.Sorting.sort(a, axis);
    }

    /** <b>Collective.</b> {@code np.sort(a)} along the last axis. Caller must close the result. */
    public static DistArray sort(DistArray a) {
        return org.jdistarray.algo.Sorting.sort(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Sorting#argsort(DistArray, int)}. Caller must close the result. */
    public static DistArray argsort(DistArray a, int axis) {
        return org.jdistarray.algo.Sorting.argsort(a, axis);
    }

    /** <b>Collective.</b> {@code np.argsort(a, kind='stable')} along the last axis. Caller must close the result. */
    public static DistArray argsort(DistArray a) {
        return org.jdistarray.algo.Sorting.argsort(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#cumsum}. Caller must close the result. */
    public static DistArray cumsum(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.cumsum(a, axis);
    }

    /**
     * <b>Collective.</b> {@link org.jdistarray.algo.Scans#cumsum(DistArray, int, DistArray)}: {@code np.cumsum(a, axis,
     * out=out)}, the scan written into {@code out}, which is returned (not a new array; {@code out} may be {@code a}).
     */
    public static DistArray cumsum(DistArray a, int axis, DistArray out) {
        return org.jdistarray.algo.Scans.cumsum(a, axis, out);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#cumprod}. Caller must close the result. */
    public static DistArray cumprod(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.cumprod(a, axis);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#nancumsum}. Caller must close the result. */
    public static DistArray nancumsum(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.nancumsum(a, axis);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#nancumprod}. Caller must close the result. */
    public static DistArray nancumprod(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.nancumprod(a, axis);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Differences#diff}: {@code np.diff(a, n=1, axis)}. Caller must close. */
    public static DistArray diff(DistArray a, int axis) {
        return org.jdistarray.algo.Differences.diff(a, axis, org.jdistarray.algo.AlgoOptions.defaults());
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#median}: {@code np.median(a)} (axis=None). */
    public static double median(DistArray a) {
        return org.jdistarray.algo.Selection.median(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#quantile}: {@code np.quantile(a, q)} (axis=None). */
    public static double quantile(DistArray a, double q) {
        return org.jdistarray.algo.Selection.quantile(a, q);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#percentile}: {@code np.percentile(a, q)}. */
    public static double percentile(DistArray a, double q) {
        return org.jdistarray.algo.Selection.percentile(a, q);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Counting#bincount}. Caller must close the result. */
    public static DistArray bincount(DistArray x, int minlength) {
        return org.jdistarray.algo.Counting.bincount(x, minlength);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Counting#histogram}. Caller must close the counts. */
    public static org.jdistarray.algo.Counting.Histogram histogram(DistArray a, int bins, double[] range) {
        return org.jdistarray.algo.Counting.histogram(a, bins, range);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Uniques#unique}: values, counts, inverse. Caller must close. */
    public static org.jdistarray.algo.Uniques.Unique unique(DistArray a) {
        return org.jdistarray.algo.Uniques.unique(a);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Searching#searchsorted}, side='left'. Caller must close. */
    public static DistArray searchsorted(DistArray a, DistArray v) {
        return org.jdistarray.algo.Searching.searchsorted(a, v, false);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Products#outer}: {@code np.outer(a, b)}. Caller must close. */
    public static DistArray outer(DistArray a, DistArray b) {
        return org.jdistarray.algo.Products.outer(a, b);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Products#matmul}: 2-d float64 {@code a @ b}. Caller must close. */
    public static DistArray matmul(DistArray a, DistArray b) {
        return org.jdistarray.algo.Products.matmul(a, b);
    }
    // ---- end distributed algorithms ----
    // ---- distributed algorithms, part 2 (helper algoleft): dot, partition, argpartition ----
    /** <b>Collective.</b> {@link org.jdistarray.algo.Products#dot}: {@code np.dot(a, b)}, 1-d/2-d float64, SUMMA. */
    public static DistArray dot(DistArray a, DistArray b) {
        return org.jdistarray.algo.Products.dot(a, b);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Partitioning#partition}: {@code np.partition(a, kth)}. */
    public static DistArray partition(DistArray a, long... kth) {
        return org.jdistarray.algo.Partitioning.partition(a, kth);
    }

    /** <b>Collective.</b> {@code np.partition(a, kth, axis)}. Caller must close the result. */
    public static DistArray partition(DistArray a, long[] kth, int axis) {
        return org.jdistarray.algo.Partitioning.partition(a, kth, axis, org.jdistarray.algo.AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Partitioning#argpartition}: {@code np.argpartition(a, kth)}. */
    public static DistArray argpartition(DistArray a, long... kth) {
        return org.jdistarray.algo.Partitioning.argpartition(a, kth);
    }

    /** <b>Collective.</b> {@code np.argpartition(a, kth, axis)}: int64 indices. Caller must close the result. */
    public static DistArray argpartition(DistArray a, long[] kth, int axis) {
        return org.jdistarray.algo.Partitioning.argpartition(a, kth, axis, org.jdistarray.algo.AlgoOptions.defaults());
    }
    // ---- end distributed algorithms, part 2 ----
}

