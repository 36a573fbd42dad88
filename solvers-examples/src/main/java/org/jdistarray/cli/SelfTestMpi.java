package org.jdistarray.cli;

import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.examples.PetscPoissonSolver;
import org.jdistarray.examples.PoissonProblem;
import org.jdistarray.examples.PoissonSolver;
import org.jdistarray.examples.TrilinosPoissonSolver;
import org.jdistarray.ops.Np;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.protocol.DType;
import org.jdistarray.trilinos.BelosConfig;

/**
 * The MPI part of {@code jdistarray selftest}, started under {@code mpirun -np 2}: rank 0 prints one line per check,
 * {@code CHECK <name> ok|skip|FAIL <detail>}, for the checks named on the command line ({@code mpi}, {@code petsc},
 * {@code trilinos}). A library that cannot be loaded is a skip, with the loader's message.
 */
public final class SelfTestMpi {
    private SelfTestMpi() {
    }

    public static void main(String[] args) {
        boolean ok = true;
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            for (String name : args) {
                String line;
                try {
                    line = "ok " + run(name, comm);
                } catch (SelfTest.Skip s) {
                    line = "skip " + s.getMessage();
                } catch (LinkageError | RuntimeException e) {
                    if (isMissingLibrary(e)) {
                        line = "skip " + name + " library not loadable here: " + JDistArrayCli.oneLine(e);
                    } else {
                        line = "FAIL " + JDistArrayCli.oneLine(e);
                        ok = false;
                    }
                }
                if (comm.rank() == 0) {
                    System.out.println("CHECK " + name + " " + line);
                    System.out.flush();
                }
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean isMissingLibrary(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError || t instanceof org.jdistarray.nativelib.NativeLibraryException
                    || t instanceof NoClassDefFoundError) {
                return true;
            }
        }
        return false;
    }

    private static String run(String name, Communicator comm) {
        return switch (name) {
            case "mpi" -> mpi(comm);
            case "petsc" -> poisson(comm, new PetscPoissonSolver("jacobi", 1e-8, PetscOptions.none()));
            case "trilinos" -> poisson(comm, new TrilinosPoissonSolver(BelosConfig.Preconditioner.JACOBI, 1e-8));
            default -> throw new IllegalArgumentException("unknown check " + name + " (mpi, petsc, trilinos)");
        };
    }

    private static String mpi(Communicator comm) {
        SelfTest.check(comm.size() == 2, "mpirun started " + comm.size() + " ranks, not 2");
        long sum = Collectives.sum(comm, comm.rank() + 1L);
        SelfTest.check(sum == 3, "sum of rank + 1 over 2 ranks is " + sum);
        Distribution d = Distribution.builder(comm).shape(9, 4).cyclic(0).build();
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 4 + g[1]);
                DistArray s = Np.sum(Np.multiply(a, a))) {
            double v = s.getDouble();
            SelfTest.check(v == 35.0 * 36 * 71 / 6, "sum(a*a) is " + v);
        }
        return "allreduce and sum(a*a) over " + comm.size() + " MPI ranks";
    }

    private static String poisson(Communicator comm, PoissonSolver solver) {
        try (PoissonProblem p = PoissonProblem.create(comm, 32);
                DistArray u = DistArrays.zeros(p.distribution(), DType.FLOAT64)) {
            PoissonSolver.Outcome o = solver.solve(p, u);
            if (o == null) {
                throw new SelfTest.Skip(solver.name() + " is not available in this build");
            }
            SelfTest.check(o.result().converged(), solver.name() + " did not converge: " + o.result().reason());
            SelfTest.check(p.errorIsSecondOrder(o.errInf()), solver.name() + " error " + o.errInf()
                    + " is not O(h^2)");
            return String.format(Locale.ROOT, "%s, 32 x 32, %d iterations, max error %.2e", o.solver(),
                    o.result().iterations(), o.errInf());
        }
    }
}
