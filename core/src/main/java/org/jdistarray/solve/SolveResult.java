package org.jdistarray.solve;

import java.util.Objects;

/**
 * The outcome of an iterative solve: why it stopped, after how many iterations, and the last residual norm the solver
 * computed (its own norm type; {@code NaN} if it computed none). Non-convergence is a result, not an exception:
 * check {@link #converged()}. The same on every rank of the solve.
 *
 * @param reason       why the solve stopped
 * @param iterations   iterations done
 * @param residualNorm the solver's last residual norm
 */
public record SolveResult(ConvergedReason reason, int iterations, double residualNorm) {
    public SolveResult {
        Objects.requireNonNull(reason, "reason");
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations " + iterations + " < 0");
        }
    }

    /** <b>Not collective.</b> Whether the solve converged. */
    public boolean converged() {
        return reason.converged();
    }
}
