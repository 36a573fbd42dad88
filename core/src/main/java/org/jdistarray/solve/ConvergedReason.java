package org.jdistarray.solve;

/**
 * Why an iterative solve stopped. Mirrors PETSc's {@code KSPConvergedReason} (the same names and codes, so the PETSc
 * bridge maps one to one); the Trilinos bridge maps Belos' results onto the same values. Positive codes converged,
 * negative codes diverged, {@link #ITERATING} means the solve has not stopped.
 */
public enum ConvergedReason {
    CONVERGED_RTOL_NORMAL(1),
    CONVERGED_ATOL_NORMAL(9),
    /** {@code ||r|| <= rtol * ||b||}. */
    CONVERGED_RTOL(2),
    /** {@code ||r|| <= atol}. */
    CONVERGED_ATOL(3),
    /** The fixed number of iterations ran (no convergence test, e.g. {@code KSP_NORM_NONE}). */
    CONVERGED_ITS(4),
    CONVERGED_CG_NEG_CURVE(5),
    CONVERGED_CG_CONSTRAINED(6),
    CONVERGED_STEP_LENGTH(7),
    CONVERGED_HAPPY_BREAKDOWN(8),
    DIVERGED_NULL(-2),
    /** The maximum number of iterations ran without reaching a tolerance. */
    DIVERGED_ITS(-3),
    /** {@code ||r|| >= dtol * ||b||}. */
    DIVERGED_DTOL(-4),
    DIVERGED_BREAKDOWN(-5),
    DIVERGED_BREAKDOWN_BICG(-6),
    DIVERGED_NONSYMMETRIC(-7),
    DIVERGED_INDEFINITE_PC(-8),
    DIVERGED_NANORINF(-9),
    DIVERGED_INDEFINITE_MAT(-10),
    DIVERGED_PC_FAILED(-11),
    /** Still iterating (the solve has not finished). */
    ITERATING(0),
    /** A code this enum does not know (a newer library version). */
    UNKNOWN(Integer.MIN_VALUE);

    private final int code;

    ConvergedReason(int code) {
        this.code = code;
    }

    /** <b>Not collective.</b> PETSc's numeric code ({@code KSPConvergedReason}). */
    public int code() {
        return code;
    }

    /** <b>Not collective.</b> Whether the solve converged (a positive code). */
    public boolean converged() {
        return this != UNKNOWN && code > 0;
    }

    /** <b>Not collective.</b> Whether the solve diverged or failed (a negative code). */
    public boolean diverged() {
        return this != UNKNOWN && code < 0;
    }

    /** <b>Not collective.</b> The reason with PETSc code {@code code}, {@link #UNKNOWN} if there is none. */
    public static ConvergedReason of(int code) {
        for (ConvergedReason r : values()) {
            if (r.code == code && r != UNKNOWN) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
