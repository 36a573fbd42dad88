package org.jdistarray.petsc;

/**
 * Which residual norm a Krylov method computes ({@code KSPNormType}). {@link #NONE} computes none and switches the
 * convergence test off: the solve runs exactly the maximum number of iterations (what benchmarks use).
 */
public enum KspNormType {
    NONE(0), PRECONDITIONED(1), UNPRECONDITIONED(2), NATURAL(3);

    private final int code;

    KspNormType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
