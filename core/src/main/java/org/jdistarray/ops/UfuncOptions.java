package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * NumPy's ufunc keyword arguments, immutable: {@code out=} and {@code casting=}. Made by {@link #none()} or
 * {@link #out(DistArray)} and combined with {@link #casting(Casting)}:
 * {@code Np.add(a, b, UfuncOptions.out(c).casting(Casting.UNSAFE))}.
 */
public final class UfuncOptions {
    private static final UfuncOptions NONE = new UfuncOptions(null, Casting.SAME_KIND);

    private final DistArray out;
    private final Casting casting;

    private UfuncOptions(DistArray out, Casting casting) {
        this.out = out;
        this.casting = casting;
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
        return new UfuncOptions(target, Casting.SAME_KIND);
    }

    /** <b>Not collective.</b> These options with {@code casting=rule}. */
    public UfuncOptions casting(Casting rule) {
        if (rule == null) {
            throw new IllegalArgumentException("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'");
        }
        return new UfuncOptions(out, rule);
    }

    /** <b>Not collective.</b> These options with {@code casting=} given by NumPy's spelling ({@code "unsafe"}). */
    public UfuncOptions casting(String rule) {
        return casting(Casting.parse(rule));
    }

    /** <b>Not collective.</b> The {@code out=} array, or null. */
    public DistArray out() {
        return out;
    }

    /** <b>Not collective.</b> The casting rule. */
    public Casting casting() {
        return casting;
    }
}
