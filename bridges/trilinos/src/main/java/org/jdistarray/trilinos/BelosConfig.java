package org.jdistarray.trilinos;

import java.util.Objects;

/**
 * How {@link BelosSolver} solves: the Krylov method, the Ifpack2 preconditioner (applied on the right), the relative
 * tolerance (Belos' implicit residual norm over the initial residual norm), the iteration limit, and GMRES' restart
 * length. Immutable; start from {@link #cg()} or {@link #gmres()} and change with the {@code with...} methods.
 *
 * @param method         CG (symmetric positive definite matrices) or GMRES
 * @param preconditioner {@link Preconditioner#NONE} or an Ifpack2 preconditioner
 * @param tolerance      relative residual tolerance, {@code > 0}
 * @param maxIterations  iteration limit, {@code >= 1}
 * @param gmresRestart   GMRES restart length ({@code "Num Blocks"}), {@code >= 1}; ignored by CG
 */
public record BelosConfig(Method method, Preconditioner preconditioner, double tolerance, int maxIterations,
        int gmresRestart) {
    /** Belos solver managers the bridge offers. */
    public enum Method {
        /** {@code Belos::PseudoBlockCGSolMgr} ({@code SolverFactory} name "CG"). */
        CG,
        /** {@code Belos::PseudoBlockGmresSolMgr} ({@code SolverFactory} name "GMRES"). */
        GMRES
    }

    /** Ifpack2 preconditioners (built when the shim has Ifpack2: {@link TrilinosSession#hasIfpack2()}). */
    public enum Preconditioner {
        /** No preconditioner. */
        NONE,
        /** Ifpack2 RELAXATION, Jacobi, one sweep. */
        JACOBI,
        /** Ifpack2 RELAXATION, symmetric Gauss-Seidel, one sweep (rank-local). */
        SGS,
        /** Ifpack2 ILUT, level of fill 1 (rank-local blocks). */
        ILUT,
        /** Ifpack2 RILUK, level of fill 0 (rank-local blocks). */
        RILUK
    }

    public BelosConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(preconditioner, "preconditioner");
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be > 0");
        }
        if (maxIterations < 1 || gmresRestart < 1) {
            throw new IllegalArgumentException("maxIterations " + maxIterations + " and gmresRestart " + gmresRestart
                    + " must be >= 1");
        }
    }

    /** <b>Not collective.</b> CG, no preconditioner, tolerance 1e-8, at most 10000 iterations. */
    public static BelosConfig cg() {
        return new BelosConfig(Method.CG, Preconditioner.NONE, 1e-8, 10_000, 30);
    }

    /** <b>Not collective.</b> GMRES(30), no preconditioner, tolerance 1e-8, at most 10000 iterations. */
    public static BelosConfig gmres() {
        return new BelosConfig(Method.GMRES, Preconditioner.NONE, 1e-8, 10_000, 30);
    }

    /** <b>Not collective.</b> A copy of this configuration with preconditioner {@code p}. */
    public BelosConfig withPreconditioner(Preconditioner p) {
        return new BelosConfig(method, p, tolerance, maxIterations, gmresRestart);
    }

    /** <b>Not collective.</b> A copy of this configuration with relative tolerance {@code tol}. */
    public BelosConfig withTolerance(double tol) {
        return new BelosConfig(method, preconditioner, tol, maxIterations, gmresRestart);
    }

    /** <b>Not collective.</b> A copy of this configuration with iteration limit {@code its}. */
    public BelosConfig withMaxIterations(int its) {
        return new BelosConfig(method, preconditioner, tolerance, its, gmresRestart);
    }

    /** <b>Not collective.</b> A copy of this configuration with GMRES restart length {@code restart}. */
    public BelosConfig withGmresRestart(int restart) {
        return new BelosConfig(method, preconditioner, tolerance, maxIterations, restart);
    }
}
