package org.jdistarray.trilinos;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;

/**
 * The README's program: its body, between the markers, is shown in bridges/trilinos/README.md (ReadmeTest compares
 * them) and ReadmeOnMpi runs it under {@code mpirun -np 1} and {@code 2} (TrilinosMpiIT).
 */
final class ReadmeExample {
    private ReadmeExample() {
    }

    /** Runs on every rank of {@code comm} (MPI running); returns the solve's result and u(1/2, 1/2). */
    static Object[] run(Communicator comm) {
        // README-BEGIN
        int n = 64; // -Δu = 1 on the unit square, n x n interior points, u = 0 on the boundary
        double h = 1.0 / (n + 1);
        Distribution d = Distribution.builder(comm).shape(n, n).cyclic(0, 8).build(); // any layout
        SolveResult r;
        double center;
        try (TrilinosSession trilinos = TrilinosSession.init(comm); // after MPI; Open MPI only
                DistArray f = DistArrays.ones(d, DType.FLOAT64); DistArray u = DistArrays.zeros(d, DType.FLOAT64);
                TpetraMap map = TpetraMap.of(d); // ids = global C-order indices
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, 1 / (h * h)).fillComplete();
                TpetraVector b = TpetraVector.wrap(map, f); // no copy: borrows f's memory
                TpetraVector x = TpetraVector.wrap(map, u); // the solution lands in u
                BelosSolver cg = BelosSolver.create(a, BelosConfig.cg().withTolerance(1e-8))) {
            r = cg.solve(b, x); // reason, iterations, residual norm
            center = u.getDouble(n / 2, n / 2); // read from Java, any rank's element: about 0.0737
        }
        // README-END
        return new Object[] {r, center};
    }
}
