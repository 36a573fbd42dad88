package org.jdistarray.protocol;

/**
 * Per-axis distribution kinds, as the user chooses them. Block-cyclic is {@link #CYCLIC} with a block size
 * greater than one. The one-letter codes of DistArray ({@code b c u n}) are parsed only by {@link #fromCode}.
 */
public enum DistKind {
    BLOCK('b'),
    CYCLIC('c'),
    UNSTRUCTURED('u'),
    UNDISTRIBUTED('n');

    private final char code;

    DistKind(char code) {
        this.code = code;
    }

    /** DistArray's one-letter code. */
    public char code() {
        return code;
    }

    /** Whether the axis is spread over more than one process (everything but undistributed). */
    public boolean isDistributed() {
        return this != UNDISTRIBUTED;
    }

    /** Parses DistArray's one-letter code ({@code b}, {@code c}, {@code u}, {@code n}). */
    public static DistKind fromCode(char c) {
        for (DistKind k : values()) {
            if (k.code == c) {
                return k;
            }
        }
        throw new DistributionException("unknown distribution type '" + c + "' (expected one of b, c, u, n)");
    }
}
