package org.jdistarray.ops;

import org.jdistarray.array.DistArray;
import org.jdistarray.protocol.DType;

/**
 * NumPy's ufunc keyword arguments, immutable: {@code out=}, {@code casting=} and {@code dtype=}. Made by
 * {@link #none()} or {@link #out(DistArray)} and combined with {@link #casting(Casting)} and {@link #dtype(DType)}:
 * {@code Np.add(a, b, UfuncOptions.out(c).casting(Casting.UNSAFE))}.
 */
public final class UfuncOptions {
    private static final UfuncOptions NONE = new UfuncOptions(null, Casting.SAME_KIND, null);

    private final DistArray out;
    private final Casting casting;
    private final DType dtype;

    private UfuncOptions(DistArray out, Casting casting, DType dtype) {
        this.out = out;
        this.casting = casting;
        this.dtype = dtype;
    }

    /** <b>Not collective.</b> No keywords: a new result array, {@code casting='same_kind'}. */
    public static UfuncOptions none() {
        return NONE;
    }

    /**
     * <b>Not collective.</b> {@code out=target}: the result is written into {@code target} (borrowed; the caller
     * keeps ownership), which must have the broadcast shape.
     *
     * @throws IllegalArgumentException if {@code target} is null
     */
    public static UfuncOptions out(DistArray target) {
        if (target == null) {
            throw new IllegalArgumentException("out: the target array is null");
        }
        return new UfuncOptions(target, Casting.SAME_KIND, null);
    }

    /** <b>Not collective.</b> These options with {@code casting=rule}. */
    public UfuncOptions casting(Casting rule) {
        if (rule == null) {
            throw new IllegalArgumentException("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'");
        }
        return new UfuncOptions(out, rule, dtype);
    }

    /** <b>Not collective.</b> These options with {@code casting=} given by NumPy's spelling ({@code "unsafe"}). */
    public UfuncOptions casting(String rule) {
        return casting(Casting.parse(rule));
    }

    /**
     * <b>Not collective.</b> These options with NumPy's {@code dtype=value}: the loop whose output dtype is
     * {@code value} runs, its inputs cast to it under the casting rule ({@code np.add(a, b, dtype='float32')});
     * ufuncs returning bool accept only bool. Null: NumPy's usual loop. NumPy's errors otherwise ("No loop matching
     * the specified signature and casting was found for ufunc sqrt", "Cannot cast ufunc 'add' input 0 from
     * dtype('float64') to dtype('int32') with casting rule 'same_kind'").
     */
    public UfuncOptions dtype(DType value) {
        return new UfuncOptions(out, casting, value);
    }

    /** <b>Not collective.</b> As {@link #dtype(DType)} with NumPy's spelling ({@code "float32"}, {@code "<f4"}). */
    public UfuncOptions dtype(String value) {
        return dtype(value == null ? null : DType.parse(value));
    }

    /** <b>Not collective.</b> The {@code dtype=} keyword, or null. */
    public DType dtype() {
        return dtype;
    }

    /** <b>Not collective.</b> The {@code out=} array, or null. */
    public DistArray out() {
        return out;
    }

    /** These options with another {@code out} (null: none), the casting rule and dtype kept. */
    UfuncOptions withOut(DistArray target) {
        return new UfuncOptions(target, casting, dtype);
    }

    /** <b>Not collective.</b> The casting rule. */
    public Casting casting() {
        return casting;
    }
}
