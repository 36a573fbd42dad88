package org.jdistarray.petsc;

import java.nio.DoubleBuffer;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.solve.BlockNumbering;
import org.jdistarray.solve.CsrRows;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.solve.StencilBuilder;
import org.jdistarray.solve.StencilBuilder.Stencil;

/** The README's program (its body is copied into README.md between the markers; a test compares them). */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    public static void main(String[] args) {
        // README-BEGIN
        int n = 64; // -Δu = 1 on the unit square, n x n interior points, u = 0 on the boundary
        try (MpiSession mpi = MpiSession.init(); PetscSession petsc = PetscSession.init(mpi.world())) {
            Communicator comm = mpi.world();
            int me = comm.rank();
            BlockNumbering grid = BlockNumbering.rowBlocks(new int[] {n, n}, comm.size()); // PETSc's numbering
            CsrRows rows = StencilBuilder.laplacian(Stencil.FIVE_POINT_2D, grid, grid.lo(me), grid.hi(me),
                    (n + 1.0) * (n + 1.0));
            DoubleBuffer b = DirectBuffers.doubles(rows.rowCount()); // this rank's rows, Java memory
            DoubleBuffer u = DirectBuffers.doubles(rows.rowCount());
            for (int i = 0; i < b.capacity(); i++) {
                b.put(i, 1.0);
            }
            long size = (long) n * n;
            try (PetscMat a = PetscMat.fromCsr(comm, rows, rows.rowCount(), size);
                    PetscVec bv = PetscVec.wrap(comm, b, size); PetscVec uv = PetscVec.wrap(comm, u, size); // no copies
                    Ksp ksp = Ksp.create(comm).operators(a).type(KspType.CG).preconditioner(PcType.JACOBI)) {
                SolveResult r = ksp.solve(bv, uv); // PETSc writes the solution into u
                double max = 0;
                for (int i = 0; i < u.capacity(); i++) {
                    max = Math.max(max, u.get(i));
                }
                max = Collectives.max(comm, max);
                if (me == 0) {
                    System.out.printf("%s, max u = %.4f%n", r, max); // about 0.0737
                }
            }
        }
        // README-END
    }
}
