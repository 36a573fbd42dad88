package org.jdistarray.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.protocol.DType;
import org.jdistarray.trilinos.BelosConfig;

/**
 * What {@code jdistarray demo} runs under {@code mpirun}: one {@link PoissonProblem} built from distributed arrays,
 * solved by every solver of {@link #solvers}, printed side by side (iterations, times, errors). A solver of another
 * library joins the comparison by being added to {@link #solvers}.
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.examples.PoissonDemo [N=512] [rtol=1e-8]</pre>
 *
 * Exit code 1 if a solver did not converge or its error is not O(h²).
 */
public final class PoissonDemo {
    private PoissonDemo() {
    }

    /** <b>Not collective.</b> The solvers compared, in column order. */
    public static List<PoissonSolver> solvers(double rtol) {
        List<PoissonSolver> s = new ArrayList<>();
        s.add(new PetscPoissonSolver("jacobi", rtol, PetscOptions.none()));
        s.add(new PetscPoissonSolver("gamg", rtol, PetscOptions.none()));
        s.add(new TrilinosPoissonSolver(BelosConfig.Preconditioner.JACOBI, rtol));
        s.add(new TrilinosPoissonSolver(BelosConfig.Preconditioner.RILUK, rtol));
        return s;
    }

    public static void main(String[] args) {
        int n = 512;
        double rtol = 1e-8;
        for (String a : args) {
            if (a.startsWith("N=")) {
                n = Integer.parseInt(a.substring(2));
            } else if (a.startsWith("rtol=")) {
                rtol = Double.parseDouble(a.substring(5));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (N=, rtol=)");
            }
        }
        boolean ok = true;
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            long t0 = System.nanoTime();
            try (PoissonProblem p = PoissonProblem.create(comm, n)) {
                double build = (System.nanoTime() - t0) * 1e-9;
                print(comm, String.format(Locale.ROOT, "JDistArray demo: -Δu = f on the unit square, %d x %d grid "
                        + "(%d unknowns), %d MPI rank(s), arrays block-distributed over grid %s, built in %.3f s and "
                        + "handed to the solvers without copies", n, n, (long) n * n, comm.size(),
                        java.util.Arrays.toString(p.distribution().gridShape()), build));
                print(comm, String.format(Locale.ROOT, "%-20s %-16s %6s %9s %9s %11s %11s %13s", "solver", "reason",
                        "its", "setup s", "solve s", "max error", "L2 error", "max |u - u1|"));
                DistArray first = null; // the first solver's solution: every other solution is compared with it
                try {
                    for (PoissonSolver s : solvers(rtol)) {
                        DistArray u = DistArrays.zeros(p.distribution(), DType.FLOAT64);
                        PoissonSolver.Outcome o = s.solve(p, u);
                        if (o == null) {
                            u.close();
                            print(comm, String.format(Locale.ROOT, "%-20s %s", s.name(), "not available in this build"));
                            continue;
                        }
                        boolean good = o.result().converged() && p.errorIsSecondOrder(o.errInf());
                        ok &= good;
                        String diff = first == null ? "(u1)" : String.format(Locale.ROOT, "%.3e", p.maxDifference(u, first));
                        print(comm, String.format(Locale.ROOT, "%-20s %-16s %6d %9.3f %9.3f %11.3e %11.3e %13s%s",
                                o.solver(), o.result().reason(), o.result().iterations(), o.setupSeconds(),
                                o.solveSeconds(), o.errInf(), o.errL2(), diff, good ? "" : "  FAILED"));
                        if (first == null) {
                            first = u;
                        } else {
                            u.close();
                        }
                    }
                } finally {
                    if (first != null) {
                        first.close();
                    }
                }
                print(comm, String.format(Locale.ROOT, "h² = %.3e: every error must be below it (second order); the "
                        + "solutions of both libraries agree to the solver tolerance (last column). %s",
                        p.h() * p.h(), ok ? "demo OK" : "demo FAILED"));
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
