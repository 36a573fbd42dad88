package org.jdistarray.ops;

import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.protocol.DType;

/**
 * NumPy's keyword arguments of the reductions, as one immutable value: start with {@link #axis(int...)} or
 * {@link #defaults()} and add keywords with the withers, named as NumPy's keywords:
 * {@code ReduceOptions.axis(1).keepdims(true)}, {@code ReduceOptions.defaults().ddof(1)}.
 *
 * <p>Keywords: {@code axis} (none = every axis; negative axes count from the end; several axes for the reductions
 * that allow them), {@code keepdims}, {@code dtype} (the accumulator and result dtype of {@code sum}, {@code prod},
 * {@code mean}, {@code var}, {@code std} and their NaN forms), {@code out} (an array of the result's layout and
 * shape that receives the result, cast to its dtype), {@code ddof} ({@code var}, {@code std}). One extension:
 * {@link #reproducible(boolean)} (see {@link Reductions}).
 */
public final class ReduceOptions {
    private static final ReduceOptions DEFAULTS = new ReduceOptions(null, false, null, null, 0, false);

    private final int[] axis;
    private final boolean keepdims;
    private final DType dtype;
    private final DistArray out;
    private final int ddof;
    private final boolean reproducible;

    private ReduceOptions(int[] axis, boolean keepdims, DType dtype, DistArray out, int ddof, boolean reproducible) {
        this.axis = axis;
        this.keepdims = keepdims;
        this.dtype = dtype;
        this.out = out;
        this.ddof = ddof;
        this.reproducible = reproducible;
    }

    /** <b>Not collective.</b> No keyword given: reduce every axis, NumPy's default dtypes, {@code ddof=0}. */
    public static ReduceOptions defaults() {
        return DEFAULTS;
    }

    /**
     * <b>Not collective.</b> Reduce the axes {@code axes} (NumPy's {@code axis=a} or {@code axis=(a, b)}); no axis
     * at all means {@code axis=()}: nothing is reduced. Checked against the array when used.
     */
    public static ReduceOptions axis(int... axes) {
        if (axes == null) {
            throw new IllegalArgumentException("axis is null (use ReduceOptions.defaults() for axis=None)");
        }
        return new ReduceOptions(axes.clone(), false, null, null, 0, false);
    }

    /** <b>Not collective.</b> A copy with {@code keepdims}: reduced axes stay, with length 1. */
    public ReduceOptions keepdims(boolean value) {
        return new ReduceOptions(axis, value, dtype, out, ddof, reproducible);
    }

    /** <b>Not collective.</b> A copy with the accumulator and result dtype {@code value} (null: NumPy's default). */
    public ReduceOptions dtype(DType value) {
        return new ReduceOptions(axis, keepdims, value, out, ddof, reproducible);
    }

    /** <b>Not collective.</b> As {@link #dtype(DType)}, with a NumPy dtype string ({@code "float64"}, {@code "<f8"}). */
    public ReduceOptions dtype(String value) {
        return dtype(value == null ? null : DType.parse(value));
    }

    /** <b>Not collective.</b> A copy whose result goes into {@code value} (borrowed; the caller keeps owning it). */
    public ReduceOptions out(DistArray value) {
        return new ReduceOptions(axis, keepdims, dtype, value, ddof, reproducible);
    }

    /** <b>Not collective.</b> A copy with the delta degrees of freedom of {@code var}/{@code std}: divisor n - ddof. */
    public ReduceOptions ddof(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + value);
        }
        return new ReduceOptions(axis, keepdims, dtype, out, value, reproducible);
    }

    /**
     * <b>Not collective.</b> A copy with the reproducible mode on or off (not a NumPy keyword): {@code sum},
     * {@code mean}, {@code var} and {@code std} of float arrays give the same bits for any number of ranks and any
     * distribution of the same global array (exact accumulation, then one rounding).
     */
    public ReduceOptions reproducible(boolean value) {
        return new ReduceOptions(axis, keepdims, dtype, out, ddof, value);
    }

    /** <b>Not collective.</b> The axes as given, or null for every axis. */
    public int[] axisOrNull() {
        return axis == null ? null : axis.clone();
    }

    /** <b>Not collective.</b> Whether reduced axes are kept with length 1. */
    public boolean isKeepdims() {
        return keepdims;
    }

    /** <b>Not collective.</b> The dtype keyword, or null. */
    public DType dtypeOrNull() {
        return dtype;
    }

    /** <b>Not collective.</b> The out keyword, or null. */
    public DistArray outOrNull() {
        return out;
    }

    /** <b>Not collective.</b> The ddof keyword. */
    public int ddofValue() {
        return ddof;
    }

    /** <b>Not collective.</b> Whether the reproducible mode is on. */
    public boolean isReproducible() {
        return reproducible;
    }

    /** The arguments as longs, for the collective call check. */
    long[] fingerprint() {
        long[] f = new long[6 + (axis == null ? 0 : axis.length)];
        f[0] = axis == null ? -1 : axis.length;
        f[1] = keepdims ? 1 : 0;
        f[2] = dtype == null ? -1 : dtype.ordinal();
        f[3] = out == null ? 0 : 1;
        f[4] = ddof;
        f[5] = reproducible ? 1 : 0;
        for (int i = 0; axis != null && i < axis.length; i++) {
            f[6 + i] = axis[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return "ReduceOptions[axis=" + (axis == null ? "None" : Arrays.toString(axis)) + ", keepdims=" + keepdims
                + ", dtype=" + (dtype == null ? "None" : dtype.numpyName()) + ", out=" + (out != null) + ", ddof="
                + ddof + (reproducible ? ", reproducible" : "") + "]";
    }
}
