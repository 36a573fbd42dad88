package org.jdistarray.examples;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.petsc.Ksp;
import org.jdistarray.petsc.KspType;
import org.jdistarray.petsc.PetscError;
import org.jdistarray.petsc.PetscException;
import org.jdistarray.petsc.PetscMat;
import org.jdistarray.petsc.PetscOptions;
import org.jdistarray.petsc.PetscSession;
import org.jdistarray.petsc.PetscVec;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;

/**
 * PETSc CG with a given preconditioner on a {@link PoissonProblem}: the matrix is assembled in the problem's
 * numbering ({@link PetscMat#laplacian}), the right-hand side and the solution are the problem's distributed arrays
 * wrapped with no copy ({@link PetscVec#wrap(DistArray)}). Opens its own {@link PetscSession} (with the given
 * options) around the solve.
 */
public final class PetscPoissonSolver implements PoissonSolver {
    private final String pc;
    private final double rtol;
    private final PetscOptions options;

    /** <b>Not collective.</b> CG + {@code pc} ("jacobi", "gamg", ...) to relative tolerance {@code rtol}. */
    public PetscPoissonSolver(String pc, double rtol, PetscOptions options) {
        this.pc = pc;
        this.rtol = rtol;
        this.options = options;
    }

    @Override
    public String name() {
        return "PETSc CG+" + pc;
    }

    /** <b>Not collective.</b> The preconditioner's PETSc name. */
    public String pc() {
        return pc;
    }

    @Override
    public Outcome solve(PoissonProblem p, DistArray u) {
        Communicator comm = p.distribution().communicator();
        try (PetscSession petsc = PetscSession.init(comm, options)) {
            comm.barrier();
            long t0 = System.nanoTime();
            try (PetscMat a = PetscMat.laplacian(Stencil.FIVE_POINT_2D, p.numbering(), p.stencilScale());
                    PetscVec b = PetscVec.wrap(p.rhs()); PetscVec x = PetscVec.wrap(u); Ksp ksp = Ksp.create(comm)) {
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
                double setup = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
                comm.barrier();
                long t1 = System.nanoTime();
                SolveResult r = ksp.solve(b, x); // PETSc writes the solution into the array u
                double solve = Collectives.max(comm, (System.nanoTime() - t1) * 1e-9);
                double[] err = p.errors(u);
                return new Outcome(name(), r, setup, solve, err[0], err[1]);
            }
        }
    }
}
