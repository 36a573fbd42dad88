package org.jdistarray.petsc;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;

/**
 * The other initialisation order, as its own program (MPI can be initialised once per process): no MpiSession
 * first, so {@code PetscInitialize} initialises MPI, JDistArray joins it, and closing the PETSc session finalises
 * MPI. Also provokes NullPointerExceptions and a GC after PetscInitialize (the JVM's SIGSEGV handling must survive:
 * {@code -no_signal_handler}). Prints {@code PETSC-INITS-MPI rank=<r> ok=<bool> ...}; exit code 0 only if ok.
 */
public final class PetscInitsMpiMain {
    private PetscInitsMpiMain() {
    }

    public static void main(String[] args) {
        boolean mpiBefore = MpiSession.isMpiInitialized();
        boolean ok;
        String detail;
        int rank;
        try (PetscSession petsc = PetscSession.init(PetscOptions.raw("-options_left", "no"))) {
            Communicator comm = petsc.comm();
            rank = comm.rank();
            int npes = provokeNullPointers();
            System.gc();
            int n = 16;
            BlockNumbering num = BlockNumbering.rowBlocks(new int[] {n, n}, comm.size());
            CsrRows a = Stencils.laplacian(Stencil.FIVE_POINT_2D, num, num.lo(rank), num.hi(rank));
            SolveResult r;
            try (PetscMat A = PetscMat.fromCsr(comm, a, a.rowCount(), n * n);
                    PetscVec b = PetscVec.create(comm, a.rowCount(), n * n); PetscVec x = b.duplicate();
                    Ksp ksp = Ksp.create(comm).operators(A).type(KspType.CG).preconditioner(PcType.JACOBI)) {
                b.set(1.0);
                r = ksp.solve(b, x);
            }
            long size = Collectives.sum(comm, 1L);
            ok = !mpiBefore && petsc.ownsMpi() && r.converged() && size == comm.size() && npes == 200;
            detail = "mpiInitializedBefore=" + mpiBefore + " ownsMpi=" + petsc.ownsMpi() + " solve=" + r + " npes=" + npes;
        }
        boolean finalized = MpiSession.isMpiFinalized();
        ok &= finalized;
        System.out.println("PETSC-INITS-MPI rank=" + rank + " ok=" + ok + " mpiFinalizedAfterClose=" + finalized + " "
                + detail);
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private static int provokeNullPointers() {
        int caught = 0;
        Object[] holder = new Object[1];
        for (int i = 0; i < 200; i++) {
            try {
                holder[0].hashCode();
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return caught;
    }
}
