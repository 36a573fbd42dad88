package org.jdistarray.trilinos;

import java.util.Objects;

import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.trilinos.internal.Tpetra;

/**
 * A Belos solver (CG or GMRES, optionally with an Ifpack2 preconditioner computed once at creation) for one
 * fill-complete {@link TpetraCrsMatrix}; {@link #solve} may be called many times. Returns the same
 * {@link SolveResult} as the PETSc bridge's {@code Ksp.solve}: non-convergence is a result, not an exception.
 * Belongs to the open {@link TrilinosSession}; caller must close.
 */
public final class BelosSolver implements AutoCloseable {
    private final NativeHandle h;
    private final TpetraCrsMatrix matrix;
    private final BelosConfig config;

    private BelosSolver(TrilinosSession s, TpetraCrsMatrix matrix, BelosConfig config, long handle) {
        this.matrix = matrix;
        this.config = config;
        this.h = new NativeHandle(s.handles(), this, handle, Tpetra.Kind.SOLVER, "BelosSolver[" + config.method() + " + "
                + config.preconditioner() + ", " + matrix.globalRows() + " rows]");
    }

    /**
     * <b>Collective.</b> A solver for {@code matrix} (fill-complete). Computes the preconditioner. Caller must close.
     *
     * @throws IllegalStateException if the matrix is not fill-complete
     * @throws TrilinosException     if Ifpack2 is missing for a preconditioner ({@code UNSUPPORTED}) or Belos or
     *                               Ifpack2 fail
     */
    public static BelosSolver create(TpetraCrsMatrix matrix, BelosConfig config) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(config, "config");
        TrilinosSession s = TrilinosSession.require();
        long a = matrix.filledHandle("BelosSolver.create");
        long handle = Tpetra.solverCreate(a, config.method().name(), config.preconditioner().name(), config.tolerance(),
                config.maxIterations(), config.gmresRestart());
        return new BelosSolver(s, matrix, config, handle);
    }

    /**
     * <b>Collective.</b> Solves {@code A x = b}; {@code x} holds the initial guess and receives the solution (on a
     * wrapped vector: in the array's memory). The result's residual norm is Belos' achieved tolerance (the relative
     * residual norm); the reason is {@link ConvergedReason#CONVERGED_RTOL}, {@link ConvergedReason#DIVERGED_ITS}
     * (iteration limit) or {@link ConvergedReason#DIVERGED_BREAKDOWN} (stopped early without converging).
     *
     * @throws IllegalArgumentException if {@code b} is not on the range map or {@code x} not on the domain map
     */
    public SolveResult solve(TpetraVector b, TpetraVector x) {
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(x, "x");
        long sh = h.get();
        if (!b.map().isSameAs(matrix.rangeMap()) || !x.map().isSameAs(matrix.domainMap())) {
            throw new IllegalArgumentException("solve: b must be on the matrix's range map and x on its domain map; b "
                    + b + ", x " + x + ", matrix " + matrix);
        }
        double[] tol = new double[1];
        int[] r = Tpetra.solverSolve(sh, x.core().handle(), b.core().handle(), tol);
        int its = r[0];
        ConvergedReason reason = r[1] == 1 ? ConvergedReason.CONVERGED_RTOL
                : its >= config.maxIterations() ? ConvergedReason.DIVERGED_ITS : ConvergedReason.DIVERGED_BREAKDOWN;
        return new SolveResult(reason, its, tol[0]);
    }

    /** <b>Not collective.</b> The configuration. */
    public BelosConfig config() {
        return config;
    }

    /** <b>Not collective.</b> The matrix. */
    public TpetraCrsMatrix matrix() {
        return matrix;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return h.isClosed();
    }

    /** <b>Not collective.</b> Frees the solver and its preconditioner. Idempotent. */
    @Override
    public void close() {
        h.close();
    }

    @Override
    public String toString() {
        return h.toString();
    }
}
