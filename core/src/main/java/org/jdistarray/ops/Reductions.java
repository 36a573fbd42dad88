package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * NumPy's reductions of distributed arrays, as static functions (also reachable as {@link Np}{@code .sum(a)} and
 * {@code a.sum()}). Every function is <b>collective</b> (every rank, same order, same arguments, checked with one
 * small all-reduce) and returns a new array the caller owns and must close: a 0-d array for a reduction over every
 * axis (replicated on every rank; read it with {@link DistArray#item()} or {@link DistArray#itemLong()}), else an
 * array in the reduced layout (kept axes keep their distribution; reduced axes are dropped, or kept with length 1
 * with {@code keepdims}), living on the ranks whose coordinates on the reduced grid axes are 0.
 *
 * <p>Only owned elements count (never padding; a replicated array counts each element once). A reduction over
 * every axis costs one all-reduce on the library's private communicator; along axes, one all-reduce over the cached
 * sub-communicator of the reduced grid axes (the ranks that share the kept coordinates), never a gather; none when
 * the reduced grid axes have one rank each. var/std all-gather (count, mean, M2) over the same ranks instead and
 * merge them in rank order. Arguments are checked on every rank alike, with NumPy's messages
 * ({@code "axis 3 is out of bounds for array of dimension 1"}, {@code "zero-size array to reduction operation
 * minimum which has no identity"}) as {@link IllegalArgumentException}s.
 *
 * <p><b>Reproducible mode</b> ({@link ReduceOptions#reproducible(boolean)}): {@code sum}, {@code mean}, {@code var}
 * and {@code std} of float arrays over every axis accumulate exactly ({@link ExactSum}) and round once, so they give
 * the same bits on any number of ranks and for any distribution of the same global array (and are correctly
 * rounded). Off by default (see core/README.md, Reductions, for its cost).
 *
 * <p>Floats: the default sum adds in float64 with several accumulators per rank, then across ranks in MPI's order:
 * the last bits may differ from NumPy's pairwise sum and between rank counts. min/max order -0.0 below 0.0 (NumPy
 * returns whichever comes last).
 */
public final class Reductions {
    private Reductions() {
    }

    /**
     * <b>Collective.</b> Over every axis: the sum of the elements; bool and integers accumulate in int64 (unsigned: uint64), floats in float64 (float32 results rounded once at the end). Caller must close the result.
     */
    public static DistArray sum(DistArray a) {
        return Reducer.run(ReduceKind.SUM, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #sum(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray sum(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.SUM, a, options);
    }

    /**
     * <b>Collective.</b> The sum over every axis as a Java scalar, as NumPy's {@code np.sum(a)} returns one: the same
     * value on every rank as {@code sum(a).item()}, without the 0-d result array (nothing to close).
     */
    public static double sumDouble(DistArray a) {
        return Reducer.runDouble(ReduceKind.SUM, a, ReduceOptions.defaults());
    }

    /**
     * <b>Collective.</b> {@link #sumDouble(DistArray)} with NumPy's keywords ({@code dtype}, {@code where},
     * {@code initial}, {@code reproducible}, ...); the result must have one element ({@code axis} reducing to a larger
     * result: {@code "can only convert an array of size 1 to a Python scalar"}).
     */
    public static double sumDouble(DistArray a, ReduceOptions options) {
        return Reducer.runDouble(ReduceKind.SUM, a, options);
    }

    /**
     * <b>Collective.</b> The sum over every axis as a {@code long}: {@code sum(a).itemLong()} (exact for the int64
     * sums of bool and integer arrays; uint64: the bits), without the result array.
     */
    public static long sumLong(DistArray a) {
        return Reducer.runLong(ReduceKind.SUM, a, ReduceOptions.defaults());
    }

    /**
     * <b>Collective.</b> Over every axis: the product, with sum's accumulator dtypes. Caller must close the result.
     */
    public static DistArray prod(DistArray a) {
        return Reducer.run(ReduceKind.PROD, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #prod(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray prod(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.PROD, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the arithmetic mean: float64 for integer and bool input, float32 for float32; NaN for no elements. Caller must close the result.
     */
    public static DistArray mean(DistArray a) {
        return Reducer.run(ReduceKind.MEAN, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #mean(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray mean(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.MEAN, a, options);
    }

    /**
     * <b>Collective.</b> The mean over every axis as a Java scalar ({@code mean(a).item()} without the result array).
     */
    public static double meanDouble(DistArray a) {
        return Reducer.runDouble(ReduceKind.MEAN, a, ReduceOptions.defaults());
    }

    /**
     * <b>Collective.</b> Over every axis: the variance {@code M2 / (n - ddof)} (single-pass Chan/Welford merge of (count, mean, M2)); NaN for no elements. Caller must close the result.
     */
    public static DistArray var(DistArray a) {
        return Reducer.run(ReduceKind.VAR, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #var(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray var(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.VAR, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the standard deviation, the square root of {@link #var}. Caller must close the result.
     */
    public static DistArray std(DistArray a) {
        return Reducer.run(ReduceKind.STD, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #std(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray std(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.STD, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the minimum (NaN propagates); no elements: NumPy's error. Caller must close the result.
     */
    public static DistArray min(DistArray a) {
        return Reducer.run(ReduceKind.MIN, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #min(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray min(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.MIN, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the maximum (NaN propagates); no elements: NumPy's error. Caller must close the result.
     */
    public static DistArray max(DistArray a) {
        return Reducer.run(ReduceKind.MAX, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #max(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray max(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.MAX, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the int64 index of the first minimum: the C-order flat index for axis=None, else the index along the one axis; the first NaN wins. Caller must close the result.
     */
    public static DistArray argmin(DistArray a) {
        return Reducer.run(ReduceKind.ARGMIN, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #argmin(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray argmin(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.ARGMIN, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the int64 index of the first maximum, as {@link #argmin}. Caller must close the result.
     */
    public static DistArray argmax(DistArray a) {
        return Reducer.run(ReduceKind.ARGMAX, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #argmax(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray argmax(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.ARGMAX, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: whether any element is non-zero (NaN counts as non-zero), as bool. Caller must close the result.
     */
    public static DistArray any(DistArray a) {
        return Reducer.run(ReduceKind.ANY, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #any(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray any(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.ANY, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: whether every element is non-zero, as bool; true for no elements. Caller must close the result.
     */
    public static DistArray all(DistArray a) {
        return Reducer.run(ReduceKind.ALL, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #all(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray all(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.ALL, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the int64 number of non-zero elements ({@code count_nonzero}). Caller must close the result.
     */
    public static DistArray countNonzero(DistArray a) {
        return Reducer.run(ReduceKind.COUNT_NONZERO, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #countNonzero(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray countNonzero(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.COUNT_NONZERO, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: max - min in the array's dtype (integers wrap around, as NumPy); not for bool. Caller must close the result.
     */
    public static DistArray ptp(DistArray a) {
        return Reducer.run(ReduceKind.PTP, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #ptp(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray ptp(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.PTP, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the sum with NaN treated as 0. Caller must close the result.
     */
    public static DistArray nansum(DistArray a) {
        return Reducer.run(ReduceKind.NANSUM, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #nansum(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray nansum(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.NANSUM, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the mean of the non-NaN elements (NaN if there are none). Caller must close the result.
     */
    public static DistArray nanmean(DistArray a) {
        return Reducer.run(ReduceKind.NANMEAN, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #nanmean(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray nanmean(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.NANMEAN, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the minimum ignoring NaN (NaN if every element is NaN). Caller must close the result.
     */
    public static DistArray nanmin(DistArray a) {
        return Reducer.run(ReduceKind.NANMIN, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #nanmin(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray nanmin(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.NANMIN, a, options);
    }

    /**
     * <b>Collective.</b> Over every axis: the maximum ignoring NaN (NaN if every element is NaN). Caller must close the result.
     */
    public static DistArray nanmax(DistArray a) {
        return Reducer.run(ReduceKind.NANMAX, a, ReduceOptions.defaults());
    }

    /** <b>Collective.</b> {@link #nanmax(DistArray)} with NumPy's keywords. Caller must close the result. */
    public static DistArray nanmax(DistArray a, ReduceOptions options) {
        return Reducer.run(ReduceKind.NANMAX, a, options);
    }
}
