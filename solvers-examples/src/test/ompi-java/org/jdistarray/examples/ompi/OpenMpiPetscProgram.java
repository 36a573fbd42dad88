package org.jdistarray.examples.ompi;

import java.util.Locale;

import mpi.MPI;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.examples.PetscPoissonSolver;
import org.jdistarray.examples.PoissonProblem;
import org.jdistarray.examples.PoissonSolver;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.protocol.DType;

/**
 * A program written against Open MPI's own Java bindings that builds JDistArray arrays on {@code MPI.COMM_WORLD}
 * and solves a Poisson problem with PETSc through the bridge (zero-copy), then uses Open MPI's API on the result.
 * Compiled and run under {@code mpirun -np 2} by {@code OpenMpiPetscInteropMpiIT} (outside src/test/java: the
 * modules compile without mpi.jar).
 */
public final class OpenMpiPetscProgram {
    private OpenMpiPetscProgram() {
    }

    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int n = 64;
        try (MpiSession session = MpiSession.init()) {
            MpiCommunicator comm = session.fromOpenMpi(MPI.COMM_WORLD);
            try (PoissonProblem problem = PoissonProblem.create(comm, n);
                    DistArray u = DistArrays.zeros(problem.distribution(), DType.FLOAT64)) {
                PoissonSolver.Outcome o = new PetscPoissonSolver("jacobi", 1e-8, PetscOptions.none()).solve(problem, u);
                double[] its = {o.result().iterations()};
                MPI.COMM_WORLD.allReduce(its, 1, MPI.DOUBLE, MPI.MAX); // the same count on every rank
                System.out.println(String.format(Locale.ROOT, "PETSC-INTEROP rank %d of %d: converged=%s its=%d/%d"
                        + " secondOrder=%s binding=%s", MPI.COMM_WORLD.getRank(), MPI.COMM_WORLD.getSize(),
                        o.result().converged(), o.result().iterations(), (int) its[0],
                        problem.errorIsSecondOrder(o.errInf()), session.binding()));
            }
        }
        MPI.Finalize();
    }
}
