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
 * shape that receives the result, cast to its dtype), {@code ddof} ({@code var}, {@code std}), {@code where} (a
 * bool mask) and {@code initial}. One extension:
 * {@link #reproducible(boolean)} (see {@link Reductions}).
 */
public final class ReduceOptions {
    private static final ReduceOptions DEFAULTS = new ReduceOptions(null, false, null, null, 0, false, null, null);

    private final int[] axis;
    private final boolean keepdims;
    private final DType dtype;
    private final DistArray out;
    private final int ddof;
    private final boolean reproducible;
    private final DistArray where;
    private final Number initial;

    private ReduceOptions(int[] axis, boolean keepdims, DType dtype, DistArray out, int ddof, boolean reproducible,
            DistArray where, Number initial) {
        this.axis = axis;
        this.keepdims = keepdims;
        this.dtype = dtype;
        this.out = out;
        this.ddof = ddof;
        this.reproducible = reproducible;
        this.where = where;
        this.initial = initial;
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
        return new ReduceOptions(axes.clone(), false, null, null, 0, false, null, null);
    }

    /** <b>Not collective.</b> A copy with {@code keepdims}: reduced axes stay, with length 1. */
    public ReduceOptions keepdims(boolean value) {
        return new ReduceOptions(axis, value, dtype, out, ddof, reproducible, where, initial);
    }

    /** <b>Not collective.</b> A copy with the accumulator and result dtype {@code value} (null: NumPy's default). */
    public ReduceOptions dtype(DType value) {
        return new ReduceOptions(axis, keepdims, value, out, ddof, reproducible, where, initial);
    }

    /** <b>Not collective.</b> As {@link #dtype(DType)}, with a NumPy dtype string ({@code "float64"}, {@code "<f8"}). */
    public ReduceOptions dtype(String value) {
        return dtype(value == null ? null : DType.parse(value));
    }

    /** <b>Not collective.</b> A copy whose result goes into {@code value} (borrowed; the caller keeps owning it). */
    public ReduceOptions out(DistArray value) {
        return new ReduceOptions(axis, keepdims, dtype, value, ddof, reproducible, where, initial);
    }

    /** <b>Not collective.</b> A copy with the delta degrees of freedom of {@code var}/{@code std}: divisor n - ddof. */
    public ReduceOptions ddof(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + value);
        }
        return new ReduceOptions(axis, keepdims, dtype, out, value, reproducible, where, initial);
    }

    /**
     * <b>Not collective.</b> A copy with the reproducible mode on or off (not a NumPy keyword): {@code sum},
     * {@code mean}, {@code var} and {@code std} of float arrays give the same bits for any number of ranks and any
     * distribution of the same global array (exact accumulation, then one rounding).
     */
    public ReduceOptions reproducible(boolean value) {
        return new ReduceOptions(axis, keepdims, dtype, out, ddof, value, where, initial);
    }

    /**
     * <b>Not collective.</b> A copy with NumPy's {@code where=mask}: only the elements where {@code mask} (a bool
     * array broadcastable to the reduced array's shape, borrowed) is true take part. {@code min}, {@code max},
     * {@code nanmin} and {@code nanmax} need {@link #initial(double)} with a mask, as in NumPy; {@code mean},
     * {@code var}, {@code std} count only the selected elements. Not for {@code argmin}, {@code argmax},
     * {@code ptp}, {@code count_nonzero} (NumPy has no such keyword there). Null: no mask.
     */
    public ReduceOptions where(DistArray mask) {
        return new ReduceOptions(axis, keepdims, dtype, out, ddof, reproducible, mask, initial);
    }

    /**
     * <b>Not collective.</b> A copy with NumPy's {@code initial=value} as a Python float: the starting value of
     * {@code sum}, {@code prod}, {@code nansum} (added or multiplied once per result element) and of {@code min},
     * {@code max}, {@code nanmin}, {@code nanmax} (which then accept empty arrays and masks). Cast to the result's
     * dtype first, as NumPy does ({@code np.sum(np.arange(3), initial=0.5)} is 3).
     */
    public ReduceOptions initial(double value) {
        return new ReduceOptions(axis, keepdims, dtype, out, ddof, reproducible, where, value);
    }

    /** <b>Not collective.</b> As {@link #initial(double)}, with a Python int. */
    public ReduceOptions initial(long value) {
        return new ReduceOptions(axis, keepdims, dtype, out, ddof, reproducible, where, value);
    }

    /** <b>Not collective.</b> The where mask, or null. */
    public DistArray whereOrNull() {
        return where;
    }

    /** <b>Not collective.</b> The initial value (a {@code Double} or a {@code Long}), or null. */
    public Number initialOrNull() {
        return initial;
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

    /** {@link #fingerprint()} of {@link #defaults()}, made once (the call check only reads it). */
    private static long[] defaultPrint;

    /** The arguments as longs, for the collective call check (the caller must not modify them). */
    long[] fingerprint() {
        if (this == DEFAULTS) {
            long[] d = defaultPrint;
            if (d == null) {
                d = print();
                defaultPrint = d;
            }
            return d;
        }
        return print();
    }

    private long[] print() {
        long[] f = new long[9 + (axis == null ? 0 : axis.length)];
        f[0] = axis == null ? -1 : axis.length;
        f[1] = keepdims ? 1 : 0;
        f[2] = dtype == null ? -1 : dtype.ordinal();
        f[3] = out == null ? 0 : 1;
        f[4] = ddof;
        f[5] = reproducible ? 1 : 0;
        f[6] = where == null ? 0 : 1;
        f[7] = initial == null ? 0 : initial instanceof Double ? 1 : 2;
        f[8] = initial == null ? 0 : initial instanceof Double v ? Double.doubleToRawLongBits(v) : initial.longValue();
        for (int i = 0; axis != null && i < axis.length; i++) {
            f[9 + i] = axis[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return "ReduceOptions[axis=" + (axis == null ? "None" : Arrays.toString(axis)) + ", keepdims=" + keepdims
                + ", dtype=" + (dtype == null ? "None" : dtype.numpyName()) + ", out=" + (out != null) + ", ddof="
                + ddof + (where != null ? ", where=mask" : "") + (initial != null ? ", initial=" + initial : "")
                + (reproducible ? ", reproducible" : "") + "]";
    }
}
