package org.jdistarray.petsc;

/** Vector norms ({@code NormType}). */
public enum NormType {
    /** Sum of absolute values. */
    ONE(0),
    /** Euclidean norm. */
    TWO(1),
    /** Same as {@link #TWO} for vectors. */
    FROBENIUS(2),
    /** Largest absolute value. */
    INFINITY(3);

    private final int code;

    NormType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
