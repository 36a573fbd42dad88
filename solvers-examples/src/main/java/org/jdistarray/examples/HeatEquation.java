package org.jdistarray.examples;

import java.nio.DoubleBuffer;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.petsc.Ksp;
import org.jdistarray.petsc.KspType;
import org.jdistarray.petsc.PetscMat;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.petsc.PetscVec;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;

/**
 * Time stepping of the heat equation {@code u_t = Δu} on the unit square (zero on the boundary, N x N interior points):
 * explicit Euler steps on a block-distributed array with one ghost layer (before every step a ghost exchange with a
 * {@link Redistribution#ghosts} plan made once, then the 5-point stencil on the local block), and every k-th step an
 * implicit (backward Euler) step {@code (I + dt L) u' = u} solved with PETSc CG on the unpadded twin of the array
 * (redistributed in and out; PETSc wraps the arrays without copying). The start {@code sin(πx) sin(πy)} is an
 * eigenvector of the discrete Laplacian, so the exact discrete answer is known: each explicit step multiplies it by
 * {@code 1 - dt λ}, each implicit step by {@code 1 / (1 + dt λ)}; the run prints its difference from that and the
 * timings.
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.examples.HeatEquation [N=128] [steps=200] [every=10]</pre>
 */
public final class HeatEquation {
    /** What a run measured. */
    public record Result(int n, int steps, int implicitSteps, double maxError, double explicitSeconds,
                         double exchangeSeconds, double implicitSeconds, int iterations) {
    }

    private HeatEquation() {
    }

    /**
     * <b>Collective.</b> Runs {@code steps} steps of size {@code dt = 0.2 h²} on an N x N grid, every
     * {@code every}-th implicit (0: none). Needs PETSc when {@code every > 0}.
     */
    public static Result run(Communicator comm, int n, int steps, int every) {
        return run(comm, n, steps, every, null);
    }

    /** {@link #run(Communicator, int, int, int)}; a non-null {@code field} gets the final field (row-major) on rank 0. */
    static Result run(Communicator comm, int n, int steps, int every, double[][] field) {
        double h = 1.0 / (n + 1);
        double dt = 0.2 * h * h;
        double lambda = lambda(n);
        Distribution padded = paddedDistribution(comm, n);
        Distribution plain = plainTwin(padded);
        double exchange = 0;
        double explicit = 0;
        double implicit = 0;
        int implicitSteps = 0;
        int iterations = 0;
        double factor = 1;
        PetscSession petsc = every > 0 ? PetscSession.init(comm) : null;
        try (DistArray u = initialField(padded);
                DistArray next = DistArrays.zeros(padded, DType.FLOAT64);
                Implicit solver = every > 0 ? new Implicit(plain, dt / (h * h)) : null) {
            Redistribution ghosts = Redistribution.ghosts(padded); // planned once, run before every explicit step
            DistArray cur = u;
            DistArray other = next;
            for (int s = 1; s <= steps; s++) {
                if (every > 0 && s % every == 0) {
                    long t0 = System.nanoTime();
                    iterations += solver.step(cur, padded);
                    implicit += (System.nanoTime() - t0) * 1e-9;
                    factor /= 1 + dt * lambda;
                    implicitSteps++;
                    continue;
                }
                long t0 = System.nanoTime();
                DistArrays.exchangeGhosts(cur, ghosts);
                long t1 = System.nanoTime();
                explicitStep(cur, other, dt / (h * h));
                long t2 = System.nanoTime();
                exchange += (t1 - t0) * 1e-9;
                explicit += (t2 - t1) * 1e-9;
                factor *= 1 - dt * lambda;
                DistArray swap = cur;
                cur = other;
                other = swap;
            }
            if (field != null) {
                field[0] = cur.toDoubleArray(0);
            }
            return new Result(n, steps, implicitSteps, maxError(cur, factor), Collectives.max(comm, explicit),
                    Collectives.max(comm, exchange), Collectives.max(comm, implicit), iterations);
        } finally {
            if (petsc != null) {
                petsc.close();
            }
        }
    }

    /** The eigenvalue of the discrete Laplacian {@code L = -Δ_h} that belongs to the start field. */
    static double lambda(int n) {
        double h = 1.0 / (n + 1);
        return 8 / (h * h) * Math.pow(Math.sin(Math.PI * h / 2), 2);
    }

    /** <b>Collective.</b> The N x N block layout with one ghost layer in both dimensions. */
    static Distribution paddedDistribution(Communicator comm, int n) {
        return Distribution.builder(comm).shape(n, n).padding(0, 1, 0).padding(1, 1, 0).build();
    }

    /** <b>Collective.</b> The unpadded twin of {@code padded} (same grid, so the same owners) for PETSc. */
    static Distribution plainTwin(Distribution padded) {
        return Distribution.builder(padded.communicator()).shape(padded.shape()).grid(padded.gridShape()).build();
    }

    /** <b>Collective.</b> The start field {@code sin(πx) sin(πy)} on {@code padded} (an N x N layout). */
    static DistArray initialField(Distribution padded) {
        double h = 1.0 / (padded.shape()[0] + 1);
        return DistArrays.fromFunction(padded, DType.FLOAT64,
                g -> Math.sin(Math.PI * (g[0] + 1) * h) * Math.sin(Math.PI * (g[1] + 1) * h));
    }

    /** <b>Collective.</b> The largest difference of {@code u} from {@code factor} times the start field. */
    static double maxError(DistArray u, double factor) {
        double h = 1.0 / (u.distribution().shape()[0] + 1);
        double[] err = {0};
        LocalBlock b = u.local();
        u.forEachOwned((g, off) -> err[0] = Math.max(err[0], Math.abs(b.getDouble(off)
                - factor * Math.sin(Math.PI * (g[0] + 1) * h) * Math.sin(Math.PI * (g[1] + 1) * h))));
        return Collectives.max(u.distribution().communicator(), err[0]);
    }

    /** {@code out = u - c L u} on the owned cells; ghosts of u are current, cells beyond the boundary are 0. */
    static void explicitStep(DistArray u, DistArray out, double c) {
        LocalBlock lu = u.local();
        LocalBlock lo = out.local();
        DoubleBuffer a = lu.asDoubles();
        DoubleBuffer o = lo.asDoubles();
        long[] shape = lu.shape();
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        long[] lo0 = lu.ownedLo();
        long[] hi0 = lu.ownedHi();
        for (int i = (int) lo0[0]; i < hi0[0]; i++) {
            for (int j = (int) lo0[1]; j < hi0[1]; j++) {
                int k = i * cols + j;
                double up = i > 0 ? a.get(k - cols) : 0;       // no cell above local row 0: the physical boundary
                double down = i + 1 < rows ? a.get(k + cols) : 0;
                double left = j > 0 ? a.get(k - 1) : 0;
                double right = j + 1 < cols ? a.get(k + 1) : 0;
                o.put(k, a.get(k) - c * (4 * a.get(k) - up - down - left - right));
            }
        }
    }

    /** Backward Euler through PETSc: {@code (I + c L) x = u} on the unpadded twin of the array. */
    static final class Implicit implements AutoCloseable {
        private final PetscMat m;
        private final Ksp ksp;
        private final DistArray b;
        private final DistArray x;
        private Redistribution in;
        private Redistribution out;

        Implicit(Distribution plain, double c) {
            GlobalNumbering num = GlobalNumbering.of(plain);
            CsrRows rows = Stencils.laplacian(Stencil.FIVE_POINT_2D, num, c);
            for (int r = 0; r < rows.rowCount(); r++) {
                for (int k = rows.rowPtr()[r]; k < rows.rowPtr()[r + 1]; k++) {
                    if (rows.columns()[k] == rows.firstRow() + r) {
                        rows.values()[k] += 1; // I + c L
                    }
                }
            }
            Communicator comm = plain.communicator();
            m = PetscMat.fromCsr(comm, rows, num.localRowCount(), num.size());
            ksp = Ksp.create(comm).operators(m).type(KspType.CG).tolerances(1e-13, 1e-50, 1e4, 10_000);
            ksp.preconditioner("jacobi");
            ksp.initialGuessNonzero(true);
            b = DistArrays.zeros(plain, DType.FLOAT64);
            x = DistArrays.zeros(plain, DType.FLOAT64);
        }

        int step(DistArray u, Distribution padded) {
            if (in == null) {
                in = Redistribution.plan(padded, b.distribution());
                out = Redistribution.plan(b.distribution(), padded);
            }
            DistArrays.redistribute(u, in, b);
            DistArrays.redistribute(u, in, x); // the initial guess: u itself
            SolveResult r;
            try (PetscVec vb = PetscVec.wrap(b); PetscVec vx = PetscVec.wrap(x)) {
                r = ksp.solve(vb, vx);
            }
            if (!r.converged()) {
                throw new IllegalStateException("the implicit step did not converge: " + r);
            }
            DistArrays.redistribute(x, out, u);
            return r.iterations();
        }

        @Override
        public void close() {
            ksp.close();
            m.close();
            b.close();
            x.close();
        }
    }

    public static void main(String[] args) {
        int n = 128;
        int steps = 200;
        int every = 10;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "N" -> n = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "every" -> every = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (N=, steps=, every=)");
            }
        }
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Result r = run(comm, n, steps, every);
            boolean ok = r.maxError() < 1e-9;
            if (comm.rank() == 0) {
                System.out.printf(Locale.ROOT, "HEAT N=%d ranks=%d steps=%d implicit=%d max_error=%.3e "
                        + "explicit=%.3fs ghost_exchange=%.3fs implicit_petsc=%.3fs cg_iterations=%d ok=%b%n",
                        r.n(), comm.size(), r.steps(), r.implicitSteps(), r.maxError(), r.explicitSeconds(),
                        r.exchangeSeconds(), r.implicitSeconds(), r.iterations(), ok);
            }
            if (!ok) {
                System.exit(1);
            }
        }
    }
}
