package org.jdistarray.examples;

import org.jdistarray.array.DistArray;
import org.jdistarray.solve.SolveResult;

/**
 * One solver column of the Poisson comparison ({@code jdistarray demo}): solves a {@link PoissonProblem} and reports
 * what the demo prints. Implementations open and close their library's session themselves, so solvers of different
 * libraries (PETSc, Trilinos) run one after the other in the same MPI job.
 */
public interface PoissonSolver {
    /** <b>Not collective.</b> Short label, e.g. {@code "PETSc CG+Jacobi"}. */
    String name();

    /**
     * <b>Collective.</b> Solves the problem into {@code u} (float64 on the problem's distribution; its values are the
     * initial guess, overwritten by the solution, with no copy); null if this solver is not available in the installed
     * library (e.g. a preconditioner PETSc was built without, or the Trilinos shim is not built).
     */
    Outcome solve(PoissonProblem problem, DistArray u);

    /**
     * What one solve gave, the same on every rank.
     *
     * @param solver       {@link #name()}
     * @param result       reason, iterations, residual norm
     * @param setupSeconds matrix assembly and solver setup (slowest rank)
     * @param solveSeconds the solve alone (slowest rank)
     * @param errInf       max-norm error against the exact solution
     * @param errL2        discrete L2 error
     */
    record Outcome(String solver, SolveResult result, double setupSeconds, double solveSeconds, double errInf,
            double errL2) {
    }
}
