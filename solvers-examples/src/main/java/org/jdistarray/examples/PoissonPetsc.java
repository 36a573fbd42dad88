package org.jdistarray.examples;

import java.io.PrintStream;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.petsc.Ksp;
import org.jdistarray.petsc.KspType;
import org.jdistarray.petsc.PcType;
import org.jdistarray.petsc.PetscError;
import org.jdistarray.petsc.PetscException;
import org.jdistarray.petsc.PetscMat;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.petsc.PetscVec;
import org.jdistarray.solve.BlockNumbering;
import org.jdistarray.solve.CsrRows;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.solve.StencilBuilder;
import org.jdistarray.solve.StencilBuilder.Stencil;

/**
 * 2-D Poisson with PETSc from Java: {@code -Δu = f} on the unit square, {@code u = 0} on the boundary, the 5-point
 * Laplacian on N x N interior points ({@code h = 1/(N+1)}), with the manufactured solution
 * {@code u = g(x) g(y)}, {@code g(t) = t (1 - t) e^t}. The grid is split in row blocks (PETSc's rank-by-rank numbering);
 * the right-hand side, the solution and the exact solution live in Java direct buffers that PETSc uses without
 * copies. Solves with CG + Jacobi, then CG + GAMG (when this PETSc has it), and prints iterations, times and the
 * error against the exact solution, which must be O(h²).
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.examples.PoissonPetsc [N=512] [rtol=1e-8] [pc=jacobi,gamg] [-- petsc options]</pre>
 *
 * Prints on rank 0: {@code POISSON N=... ranks=... pc=... reason=... its=... rnorm=... errInf=... errL2=...
 * assemble_s=... solve_s=...}. Exit code 1 if a solve did not converge or the error is not O(h²).
 */
public final class PoissonPetsc {
    private PoissonPetsc() {
    }

    /** The outcome of one solve. */
    public record Outcome(String pc, SolveResult result, double errInf, double errL2, double assembleSeconds,
            double solveSeconds) {
    }

    public static void main(String[] args) {
        int n = 512;
        double rtol = 1e-8;
        List<String> pcs = List.of("jacobi", "gamg");
        List<String> petscArgs = new ArrayList<>();
        boolean rest = false;
        for (String a : args) {
            if (rest) {
                petscArgs.add(a);
            } else if (a.equals("--")) {
                rest = true;
            } else if (a.startsWith("N=")) {
                n = Integer.parseInt(a.substring(2));
            } else if (a.startsWith("rtol=")) {
                rtol = Double.parseDouble(a.substring(5));
            } else if (a.startsWith("pc=")) {
                pcs = List.of(a.substring(3).split(","));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (N=, rtol=, pc=, -- petsc options)");
            }
        }
        boolean ok = true;
        try (MpiSession mpi = MpiSession.init();
                PetscSession petsc = PetscSession.init(mpi.world(), PetscOptions.raw(petscArgs.toArray(String[]::new)))) {
            Communicator comm = mpi.world();
            for (String pc : pcs) {
                Outcome o = solve(comm, n, rtol, pc);
                if (o == null) {
                    print(comm, System.out, "POISSON N=" + n + " ranks=" + comm.size() + " pc=" + pc + " skipped=not-in-this-PETSc");
                    continue;
                }
                double h = 1.0 / (n + 1);
                boolean good = o.result().converged() && o.errInf() < h * h; // O(h²): |u''''| / 12 is below 1 here
                ok &= good;
                print(comm, System.out, String.format(Locale.ROOT,
                        "POISSON N=%d ranks=%d pc=%s reason=%s its=%d rnorm=%.3e errInf=%.3e errL2=%.3e h2=%.3e "
                                + "assemble_s=%.4f solve_s=%.4f ok=%s",
                        n, comm.size(), pc, o.result().reason(), o.result().iterations(), o.result().residualNorm(),
                        o.errInf(), o.errL2(), h * h, o.assembleSeconds(), o.solveSeconds(), good));
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * <b>Collective.</b> One solve with preconditioner {@code pc} ("jacobi", "gamg", ...); null if this PETSc does
     * not have the preconditioner.
     */
    public static Outcome solve(Communicator comm, int n, double rtol, String pc) {
        int me = comm.rank();
        double h = 1.0 / (n + 1);
        long size = (long) n * n;
        long t0 = System.nanoTime();
        BlockNumbering grid = BlockNumbering.rowBlocks(new int[] {n, n}, comm.size());
        int[] lo = grid.lo(me);
        int[] hi = grid.hi(me);
        int m = grid.rowCount(me);
        int per = 64; // assemble 64 grid rows at a time: memory bounded by one chunk
        int chunks = (hi[0] - lo[0] + per - 1) / per;
        IntFunction<CsrRows> chunk = c -> StencilBuilder.laplacian(Stencil.FIVE_POINT_2D, grid,
                new int[] {lo[0] + c * per, 0}, new int[] {Math.min(hi[0], lo[0] + (c + 1) * per), n}, 1.0 / (h * h));
        DoubleBuffer b = DirectBuffers.doubles(m);
        DoubleBuffer x = DirectBuffers.doubles(m);
        DoubleBuffer exact = DirectBuffers.doubles(m);
        fill(b, exact, lo[0], hi[0], n, h);
        try (PetscMat a = PetscMat.fromRowChunks(comm, chunks, chunk, m, size); PetscVec bv = PetscVec.wrap(comm, b, size);
                PetscVec xv = PetscVec.wrap(comm, x, size); Ksp ksp = Ksp.create(comm)) {
            ksp.operators(a).type(KspType.CG).tolerances(rtol, 1e-50, 1e4, 100_000).fromOptions();
            try {
                ksp.preconditioner(pc);
            } catch (PetscException e) {
                if (e.error() == PetscError.ARG_UNKNOWN_TYPE) {
                    return null;
                }
                throw e;
            }
            ksp.setUp();
            double assemble = (System.nanoTime() - t0) * 1e-9;
            comm.barrier();
            long t1 = System.nanoTime();
            SolveResult r = ksp.solve(bv, xv);
            double solve = Collectives.max(comm, (System.nanoTime() - t1) * 1e-9);
            double[] err = errors(x, exact);
            double errInf = Collectives.max(comm, err[0]);
            double errL2 = Math.sqrt(Collectives.sum(comm, err[1]) * h * h);
            return new Outcome(pc, r, errInf, errL2, Collectives.max(comm, assemble), solve);
        }
    }

    /**
     * The exact u = g(x) g(y) with g(t) = t (1 - t) e^t and f = -Δu = -(g''(x) g(y) + g(x) g''(y)), g''(t) =
     * -t (3 + t) e^t, on grid rows [i0, i1) (x along axis 1, y along axis 0). Not an eigenvector of the discrete
     * Laplacian (sin(πx) sin(πy) would be: CG would converge in one iteration).
     */
    private static void fill(DoubleBuffer b, DoubleBuffer exact, int i0, int i1, int n, double h) {
        int k = 0;
        for (int i = i0; i < i1; i++) {
            double y = (i + 1) * h;
            for (int j = 0; j < n; j++) {
                double x = (j + 1) * h;
                exact.put(k, g(x) * g(y));
                b.put(k, -(g2(x) * g(y) + g(x) * g2(y)));
                k++;
            }
        }
    }

    private static double g(double t) {
        return t * (1 - t) * Math.exp(t);
    }

    private static double g2(double t) {
        return -t * (3 + t) * Math.exp(t);
    }

    private static double[] errors(DoubleBuffer x, DoubleBuffer exact) {
        double inf = 0;
        double sq = 0;
        for (int i = 0; i < x.capacity(); i++) {
            double d = x.get(i) - exact.get(i);
            inf = Math.max(inf, Math.abs(d));
            sq += d * d;
        }
        return new double[] {inf, sq};
    }

    private static void print(Communicator comm, PrintStream out, String line) {
        if (comm.rank() == 0) {
            out.println(line);
            out.flush();
        }
    }
}
