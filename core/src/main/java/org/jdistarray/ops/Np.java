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
}

