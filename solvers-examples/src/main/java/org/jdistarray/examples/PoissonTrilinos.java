package org.jdistarray.examples;

import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.trilinos.BelosConfig;
import org.jdistarray.trilinos.BelosSolver;
import org.jdistarray.trilinos.TpetraCrsMatrix;
import org.jdistarray.trilinos.TpetraMap;
import org.jdistarray.trilinos.TpetraVector;
import org.jdistarray.trilinos.TrilinosSession;

/**
 * The 2-D Poisson problem {@code -Δu = f} on the unit square with {@code u = 0} on the boundary, on an
 * {@code N x N} grid of interior points ({@code h = 1 / (N + 1)}), with the manufactured solution
 * {@code u*(x, y) = e^x sin(πx) sin(πy)} (so {@code f = e^x sin(πy) ((2π² - 1) sin(πx) - 2π cos(πx))}; not an
 * eigenfunction of the discrete operator, so Krylov solvers have work to do), solved by Tpetra/Belos on the DistArrays' own memory:
 * the right-hand side and the solution are distributed arrays, wrapped with no copy; the matrix is the shared 5-point
 * stencil scaled by {@code 1 / h²}. The error against {@code u*} is the discretisation error, O(h²).
 *
 * <pre>
 * mpirun -np 2 java -cp ... org.jdistarray.examples.PoissonTrilinos [N=512] [NONE|JACOBI|SGS|ILUT|RILUK] [CG|GMRES]
 * </pre>
 *
 * {@link #solve(DistArray, DistArray, BelosConfig)} is the reusable part (for a side-by-side with PETSc on the same
 * arrays): it returns the solve result, the errors and the timings.
 */
public final class PoissonTrilinos {
    /**
     * What one solve gave: Belos' result, the max-norm and discrete L2 ({@code h ||e||_2}) errors against the exact
     * solution, and wall times of the assembly (map, matrix, preconditioner setup) and of the solve (slowest rank).
     */
    public record Result(SolveResult solve, double errorMax, double errorL2, double assemblySeconds,
            double solveSeconds, BelosConfig config) {
        /** One line for the console. */
        public String describe() {
            return String.format(Locale.ROOT, "Trilinos %s+%s: %s, %d iterations, residual %.3e, error max %.3e L2 %.3e, "
                    + "assembly %.3f s, solve %.3f s (%.3f ms/iteration)", config.method(), config.preconditioner(),
                    solve.reason(), solve.iterations(), solve.residualNorm(), errorMax, errorL2, assemblySeconds,
                    solveSeconds, 1e3 * solveSeconds / Math.max(1, solve.iterations()));
        }
    }

    private PoissonTrilinos() {
    }

    /** <b>Not collective.</b> The row-block layout of an {@code n x n} grid over the communicator. */
    public static Distribution grid(Communicator comm, int n) {
        return Distribution.builder(comm).shape(n, n).grid(comm.size(), 1).build();
    }

    /** <b>Not collective.</b> The exact solution at grid point {@code (i, j)} of an {@code n x n} grid. */
    public static double exact(long i, long j, int n) {
        double h = 1.0 / (n + 1);
        double x = (i + 1) * h;
        double y = (j + 1) * h;
        return Math.exp(x) * Math.sin(Math.PI * x) * Math.sin(Math.PI * y);
    }

    /** <b>Not collective.</b> {@code f = -Δu*} at grid point {@code (i, j)} of an {@code n x n} grid. */
    public static double source(long i, long j, int n) {
        double h = 1.0 / (n + 1);
        double x = (i + 1) * h;
        double y = (j + 1) * h;
        double pi = Math.PI;
        return Math.exp(x) * Math.sin(pi * y) * ((2 * pi * pi - 1) * Math.sin(pi * x) - 2 * pi * Math.cos(pi * x));
    }

    /** <b>Collective.</b> The right-hand side {@code f = -Δu*} on {@code dist} (an {@code n x n} grid). */
    public static DistArray rhs(Distribution dist) {
        int n = Math.toIntExact(dist.shape()[0]);
        return DistArrays.fromFunction(dist, DType.FLOAT64, g -> source(g[0], g[1], n));
    }

    /**
     * <b>Collective.</b> Solves {@code A u = f} with Belos on the arrays' memory: {@code f} (not changed) and
     * {@code u} (the initial guess, overwritten by the solution) are float64 arrays of one {@code n x n}
     * distribution. Needs an open {@link TrilinosSession}.
     */
    public static Result solve(DistArray f, DistArray u, BelosConfig config) {
        Communicator comm = f.distribution().communicator();
        int n = Math.toIntExact(f.shape()[0]);
        double h = 1.0 / (n + 1);
        comm.barrier();
        long t0 = System.nanoTime();
        try (TpetraMap map = TpetraMap.of(f);
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, 1 / (h * h)).fillComplete();
                TpetraVector b = TpetraVector.wrap(map, f); TpetraVector x = TpetraVector.wrap(map, u);
                BelosSolver solver = BelosSolver.create(a, config)) {
            double assembly = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
            comm.barrier();
            long t1 = System.nanoTime();
            SolveResult r = solver.solve(b, x);
            double solveTime = Collectives.max(comm, (System.nanoTime() - t1) * 1e-9);
            double[] err = {0, 0};
            u.forEachOwned((g, off) -> {
                double e = Math.abs(u.local().getDouble(off) - exact(g[0], g[1], n));
                err[0] = Math.max(err[0], e);
                err[1] += e * e;
            });
            double max = Collectives.max(comm, err[0]);
            double l2 = h * Math.sqrt(Collectives.sum(comm, err[1]));
            return new Result(r, max, l2, assembly, solveTime, config);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        try (MpiSession mpi = MpiSession.init(); TrilinosSession trilinos = TrilinosSession.init(mpi.world())) {
            Communicator comm = mpi.world();
            BelosConfig.Preconditioner prec = args.length > 1 ? BelosConfig.Preconditioner.valueOf(args[1])
                    : trilinos.hasIfpack2() ? BelosConfig.Preconditioner.RILUK : BelosConfig.Preconditioner.NONE;
            BelosConfig.Method method = args.length > 2 ? BelosConfig.Method.valueOf(args[2]) : BelosConfig.Method.CG;
            BelosConfig config = (method == BelosConfig.Method.CG ? BelosConfig.cg() : BelosConfig.gmres())
                    .withPreconditioner(prec).withTolerance(1e-8).withMaxIterations(20_000);
            Distribution d = grid(comm, n);
            Result r;
            try (DistArray f = rhs(d); DistArray u = DistArrays.zeros(d, DType.FLOAT64)) {
                r = solve(f, u, config);
            }
            if (comm.rank() == 0) {
                System.out.println("Poisson " + n + "x" + n + " on " + comm.size() + " rank(s), " + trilinos.version());
                System.out.println(r.describe());
            }
            if (!r.solve().converged()) {
                System.exit(2);
            }
        }
    }
}
