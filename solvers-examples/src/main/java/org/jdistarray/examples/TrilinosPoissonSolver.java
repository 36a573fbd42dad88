package org.jdistarray.examples;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.trilinos.BelosConfig;
import org.jdistarray.trilinos.BelosSolver;
import org.jdistarray.trilinos.TpetraCrsMatrix;
import org.jdistarray.trilinos.TpetraMap;
import org.jdistarray.trilinos.TpetraVector;
import org.jdistarray.trilinos.TrilinosSession;

/**
 * Belos CG with an Ifpack2 preconditioner on a {@link PoissonProblem}, through Tpetra on the problem's own arrays: the
 * map is the arrays' distribution ({@link TpetraMap#of}), the right-hand side and the solution are wrapped with no
 * copy ({@link TpetraVector#wrap}), the matrix comes from the shared stencil builder. Opens its own
 * {@link TrilinosSession} around the solve; null (not available) when the Tpetra shim is not built.
 */
public final class TrilinosPoissonSolver implements PoissonSolver {
    private final BelosConfig.Preconditioner preconditioner;
    private final double rtol;

    /** <b>Not collective.</b> Belos CG + {@code preconditioner} to relative residual {@code rtol}. */
    public TrilinosPoissonSolver(BelosConfig.Preconditioner preconditioner, double rtol) {
        this.preconditioner = preconditioner;
        this.rtol = rtol;
    }

    @Override
    public String name() {
        return "Trilinos CG+" + preconditioner.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Outcome solve(PoissonProblem p, DistArray u) {
        if (!TrilinosSession.isAvailable()) {
            return null;
        }
        Communicator comm = p.distribution().communicator();
        try (TrilinosSession trilinos = TrilinosSession.init(comm)) {
            if (preconditioner != BelosConfig.Preconditioner.NONE && !trilinos.hasIfpack2()) {
                return null;
            }
            BelosConfig config = BelosConfig.cg().withPreconditioner(preconditioner).withTolerance(rtol)
                    .withMaxIterations(100_000);
            comm.barrier();
            long t0 = System.nanoTime();
            try (TpetraMap map = TpetraMap.of(p.rhs());
                    TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, p.stencilScale())
                            .fillComplete();
                    TpetraVector b = TpetraVector.wrap(map, p.rhs()); TpetraVector x = TpetraVector.wrap(map, u);
                    BelosSolver solver = BelosSolver.create(a, config)) {
                double setup = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
                comm.barrier();
                long t1 = System.nanoTime();
                SolveResult r = solver.solve(b, x); // Belos writes the solution into the array u
                double solve = Collectives.max(comm, (System.nanoTime() - t1) * 1e-9);
                double[] err = p.errors(u);
                return new Outcome(name(), r, setup, solve, err[0], err[1]);
            }
        }
    }
}
