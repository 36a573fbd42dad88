package org.jdistarray.ops;

/** NumPy's {@code casting=} rules, weakest last: what conversions a ufunc may make of its inputs and output. */
public enum Casting {
    /** {@code 'no'}: no conversion at all. */
    NO("no"),
    /** {@code 'equiv'}: only byte-order changes (for native-order arrays: the same dtype). */
    EQUIV("equiv"),
    /** {@code 'safe'}: only conversions that keep every value. */
    SAFE("safe"),
    /** {@code 'same_kind'}: safe ones, or within a kind and to a higher kind (bool, unsigned, signed, float). */
    SAME_KIND("same_kind"),
    /** {@code 'unsafe'}: any conversion. */
    UNSAFE("unsafe");

    private final String numpyName;

    Casting(String numpyName) {
        this.numpyName = numpyName;
    }

    /** <b>Not collective.</b> NumPy's spelling ({@code "same_kind"}). */
    public String numpyName() {
        return numpyName;
    }

    /**
     * <b>Not collective.</b> The rule named by NumPy's spelling ({@code "no"}, {@code "equiv"}, {@code "safe"},
     * {@code "same_kind"}, {@code "unsafe"}).
     *
     * @throws IllegalArgumentException with NumPy's message for any other text
     */
    public static Casting parse(String name) {
        for (Casting c : values()) {
            if (c.numpyName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'");
    }
}
