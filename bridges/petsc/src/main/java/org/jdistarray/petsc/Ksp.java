package org.jdistarray.petsc;

import java.util.Objects;

import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.comm.Communicator;
import org.jdistarray.petsc.internal.NativeCallback;
import org.jdistarray.petsc.internal.Petsc;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;

/**
 * A Krylov solver ({@code KSP}) with its preconditioner: configure with typed setters (or by name, or from the
 * session's options with {@link #fromOptions()}), then {@link #solve}. Non-convergence is a result
 * ({@link SolveResult#converged()} is false), not an exception; a {@link PetscException} means PETSc reported an
 * error (unknown type, wrong state, a callback that threw, ...).
 *
 * <pre>{@code
 * try (Ksp ksp = Ksp.create(comm).operators(a).type(KspType.CG).preconditioner(PcType.JACOBI)
 *         .tolerances(1e-8, 1e-50, 1e4, 10_000)) {
 *     SolveResult r = ksp.solve(b, x);
 * }
 * }</pre>
 *
 * The solver keeps the operator matrices (and a shell matrix's Java function) reachable while it lives.
 */
public final class Ksp implements AutoCloseable {
    private final NativeHandle h;
    private final Communicator comm;
    private PetscMat operator;
    private PetscMat preconditionerMatrix;
    private NativeCallback monitor;

    private Ksp(PetscSession s, Communicator comm, long handle) {
        this.comm = comm;
        this.h = new NativeHandle(s.handles(), this, handle, null, "Ksp[rank " + comm.rank() + "]");
    }

    /** <b>Collective.</b> {@code KSPCreate} on {@code comm}. Caller must close. */
    public static Ksp create(Communicator comm) {
        PetscSession s = PetscSession.require();
        return new Ksp(s, comm, Petsc.kspCreate(PetscSession.commHandle(comm)));
    }

    /** <b>Logically collective.</b> {@link #operators(PetscMat, PetscMat)} with {@code a} as both. */
    public Ksp operators(PetscMat a) {
        return operators(a, a);
    }

    /**
     * <b>Logically collective.</b> {@code KSPSetOperators}: the operator {@code a} and the matrix {@code p} the
     * preconditioner is built from (square, same layouts, same communicator).
     */
    public Ksp operators(PetscMat a, PetscMat p) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(p, "p");
        long ksp = h.get();
        for (PetscMat m : new PetscMat[] {a, p}) {
            if (m.rows() != m.columns() || !java.util.Arrays.equals(m.rowRanges(), m.columnRanges())) {
                throw new IllegalArgumentException("operators: " + m + " is not square with equal row and column layouts");
            }
            if (m.commHandle() != PetscSession.commHandle(comm)) {
                throw new IllegalArgumentException("operators: " + m + " is on another communicator than the solver");
            }
        }
        if (!java.util.Arrays.equals(a.rowRanges(), p.rowRanges())) {
            throw new IllegalArgumentException("operators: the operator and preconditioner matrix layouts differ");
        }
        Petsc.kspSetOperators(ksp, a.handle(), p.handle());
        operator = a;
        preconditionerMatrix = p;
        return this;
    }

    /** <b>Logically collective.</b> {@code KSPSetType}. */
    public Ksp type(KspType type) {
        return type(type.petscName());
    }

    /**
     * <b>Logically collective.</b> {@code KSPSetType} by PETSc name (any registered type).
     *
     * @throws PetscException with {@link PetscError#ARG_UNKNOWN_TYPE} for a name PETSc does not know
     */
    public Ksp type(String petscName) {
        Objects.requireNonNull(petscName, "petscName");
        Petsc.kspSetType(h.get(), petscName);
        return this;
    }

    /** <b>Logically collective.</b> {@code PCSetType}. */
    public Ksp preconditioner(PcType type) {
        return preconditioner(type.petscName());
    }

    /**
     * <b>Logically collective.</b> {@code PCSetType} by PETSc name.
     *
     * @throws PetscException with {@link PetscError#ARG_UNKNOWN_TYPE} for a name PETSc does not know (or an
     *                        external package this build lacks)
     */
    public Ksp preconditioner(String petscName) {
        Objects.requireNonNull(petscName, "petscName");
        Petsc.pcSetType(h.get(), petscName);
        return this;
    }

    /**
     * <b>Logically collective.</b> {@code KSPSetTolerances}: stop when {@code ||r|| <= max(rtol ||b||, atol)},
     * diverge when {@code ||r|| >= divtol ||b||}, at most {@code maxIterations}.
     */
    public Ksp tolerances(double rtol, double atol, double divtol, int maxIterations) {
        if (!(rtol >= 0) || !(atol >= 0) || !(divtol > 0) || maxIterations < 0) {
            throw new IllegalArgumentException("tolerances need rtol, atol >= 0, divtol > 0, maxIterations >= 0; got "
                    + rtol + ", " + atol + ", " + divtol + ", " + maxIterations);
        }
        Petsc.kspSetTolerances(h.get(), rtol, atol, divtol, maxIterations);
        return this;
    }

    /** <b>Logically collective.</b> {@code KSPSetInitialGuessNonzero}: start from x's values instead of zero. */
    public Ksp initialGuessNonzero(boolean nonzero) {
        Petsc.kspSetInitialGuessNonzero(h.get(), nonzero);
        return this;
    }

    /**
     * <b>Logically collective.</b> {@code KSPSetNormType} and the matching convergence test: with
     * {@link KspNormType#NONE} {@code KSPConvergedSkip} (exactly the maximum number of iterations, ending with
     * {@link ConvergedReason#CONVERGED_ITS}), otherwise {@code KSPConvergedDefault}.
     */
    public Ksp normType(KspNormType type) {
        Petsc.kspSetNormTypeAndTest(h.get(), type.code());
        return this;
    }

    /**
     * <b>Logically collective.</b> {@code KSPMonitorSet}: {@code m} is called after every iteration on every rank;
     * {@code null} removes the monitor ({@code KSPMonitorCancel}).
     */
    public Ksp monitor(KspMonitor m) {
        long ksp = h.get();
        Petsc.kspMonitorCancel(ksp);
        monitor = null;
        if (m != null) {
            NativeCallback cb = NativeCallback.monitor(m::iteration);
            Petsc.kspMonitorSet(ksp, cb);
            monitor = cb;
        }
        return this;
    }

    /** <b>Collective.</b> {@code KSPSetFromOptions}: applies the session's options ({@code -ksp_type}, ...). */
    public Ksp fromOptions() {
        Petsc.kspSetFromOptions(h.get());
        return this;
    }

    /** <b>Collective.</b> {@code KSPSetUp}: builds the preconditioner now (otherwise the first solve does). */
    public Ksp setUp() {
        checkOperators("setUp");
        Petsc.kspSetUp(h.get());
        return this;
    }

    /** <b>Not collective.</b> The Krylov method's PETSc name ({@code KSPGetType}); null if not set yet. */
    public String typeName() {
        return Petsc.kspGetType(h.get());
    }

    /** <b>Not collective.</b> The preconditioner's PETSc name ({@code PCGetType}); null if not set yet. */
    public String preconditionerName() {
        return Petsc.pcGetType(h.get());
    }

    /**
     * <b>Collective.</b> {@code KSPSolve(b, x)}: solves {@code A x = b}; x is the initial guess only with
     * {@link #initialGuessNonzero(boolean)}. Returns why it stopped, the iterations and the last residual norm.
     *
     * @throws IllegalStateException    if no operators were set or the operator is not assembled
     * @throws IllegalArgumentException if b or x does not match the operator's layout, or b is x
     * @throws PetscException           if PETSc reports an error
     */
    public SolveResult solve(PetscVec b, PetscVec x) {
        checkOperators("solve");
        long ksp = h.get();
        long[] handles = operator.operands(x, b, "solve");
        double[] rnorm = new double[1];
        int[] out = Petsc.kspSolve(ksp, handles[1], handles[0], rnorm);
        return new SolveResult(ConvergedReason.of(out[0]), out[1], rnorm[0]);
    }

    private void checkOperators(String op) {
        if (operator == null) {
            throw new IllegalStateException(op + ": no operators; call operators(A) first");
        }
        if (operator.isClosed() || preconditionerMatrix.isClosed()) {
            throw new IllegalStateException(op + ": an operator matrix was closed while the solver uses it");
        }
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return h.isClosed();
    }

    /** <b>Collective.</b> {@code KSPDestroy}. Idempotent. */
    @Override
    public void close() {
        h.close();
        operator = null;
        preconditionerMatrix = null;
        monitor = null;
    }

    @Override
    public String toString() {
        return h.toString();
    }
}
