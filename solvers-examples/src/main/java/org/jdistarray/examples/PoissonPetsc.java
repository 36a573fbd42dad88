package org.jdistarray.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.protocol.DType;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.petsc.PetscOptions;

/**
 * 2-D Poisson with PETSc from Java, on distributed arrays: the {@link PoissonProblem} (right-hand side and exact
 * solution built with {@code DistArrays.fromFunction}, 5-point Laplacian on N x N interior points) solved with CG +
 * Jacobi, then CG + GAMG (when this PETSc has it) by {@link PetscPoissonSolver}: the matrix is assembled in the
 * arrays' numbering and the arrays are wrapped with no copy. Prints iterations, times and the error against the
 * exact solution, which must be O(h²).
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.examples.PoissonPetsc [N=512] [rtol=1e-8] [pc=jacobi,gamg] [-- petsc options]</pre>
 *
 * Prints on rank 0: {@code POISSON N=... ranks=... pc=... reason=... its=... rnorm=... errInf=... errL2=...
 * assemble_s=... solve_s=...}. Exit code 1 if a solve did not converge or the error is not O(h²).
 */
public final class PoissonPetsc {
    private PoissonPetsc() {
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
        PetscOptions options = PetscOptions.raw(petscArgs.toArray(String[]::new));
        try (MpiSession mpi = MpiSession.init(); PoissonProblem problem = PoissonProblem.create(mpi.world(), n)) {
            Communicator comm = mpi.world();
            for (String pc : pcs) {
                PoissonSolver.Outcome o;
                try (DistArray u = DistArrays.zeros(problem.distribution(), DType.FLOAT64)) {
                    o = new PetscPoissonSolver(pc, rtol, options).solve(problem, u);
                }
                if (o == null) {
                    print(comm, "POISSON N=" + n + " ranks=" + comm.size() + " pc=" + pc + " skipped=not-in-this-PETSc");
                    continue;
                }
                boolean good = o.result().converged() && problem.errorIsSecondOrder(o.errInf());
                ok &= good;
                double h = problem.h();
                print(comm, String.format(Locale.ROOT,
                        "POISSON N=%d ranks=%d pc=%s reason=%s its=%d rnorm=%.3e errInf=%.3e errL2=%.3e h2=%.3e "
                                + "assemble_s=%.4f solve_s=%.4f ok=%s",
                        n, comm.size(), pc, o.result().reason(), o.result().iterations(), o.result().residualNorm(),
                        o.errInf(), o.errL2(), h * h, o.setupSeconds(), o.solveSeconds(), good));
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static void print(Communicator comm, String line) {
        if (comm.rank() == 0) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
