package org.jdistarray.petsc;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;

/** The README's program (its body is copied into README.md between the markers; a test compares them). */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    public static void main(String[] args) {
        // README-BEGIN
        int n = 64; // -Δu = 1 on the unit square, n x n interior points, u = 0 on the boundary
        try (MpiSession mpi = MpiSession.init(); PetscSession petsc = PetscSession.init(mpi.world())) {
            Communicator comm = mpi.world();
            Distribution grid = Distribution.builder(comm).shape(n, n).cyclic(0, 8).build(); // any layout
            try (DistArray f = DistArrays.ones(grid, DType.FLOAT64); DistArray u = DistArrays.zeros(grid, DType.FLOAT64);
                    PetscMat a = PetscMat.laplacian(Stencil.FIVE_POINT_2D, GlobalNumbering.of(grid), (n + 1.0) * (n + 1));
                    PetscVec b = PetscVec.wrap(f); PetscVec x = PetscVec.wrap(u); // no copies: the arrays' memory
                    Ksp ksp = Ksp.create(comm).operators(a).type(KspType.CG).preconditioner(PcType.JACOBI)) {
                SolveResult r = ksp.solve(b, x); // PETSc writes the solution into u
                double center = u.getDouble(n / 2, n / 2); // read from Java, any rank's element
                if (comm.rank() == 0) {
                    System.out.printf("%s, u(1/2, 1/2) = %.4f%n", r, center); // about 0.0737
                }
            }
        }
        // README-END
    }
}
