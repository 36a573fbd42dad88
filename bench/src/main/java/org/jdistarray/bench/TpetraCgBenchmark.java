package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.trilinos.BelosConfig;
import org.jdistarray.trilinos.BelosSolver;
import org.jdistarray.trilinos.TpetraCrsMatrix;
import org.jdistarray.trilinos.TpetraMap;
import org.jdistarray.trilinos.TpetraVector;
import org.jdistarray.trilinos.TrilinosSession;

/**
 * Time per CG iteration through the Trilinos bridge, the twin of {@code native-shims/tpetra/bench/tpetra_cg_bench.cpp}:
 * the 2-D 5-point Laplacian on an {@code N x N} grid in row blocks (the shared stencil, a contiguous map), vectors on
 * DistArray memory ({@code b = 1}, {@code x = 0}), Belos CG without preconditioner for a fixed number of iterations
 * (tolerance 1e-30). Median and min over reps (after one warm-up solve) of the slowest rank's solve time divided by
 * the iterations. Prints one PEER line ({@code impl=jdistarray op=tpetra_cg}).
 *
 * <pre>mpirun -np 2 java -cp ... org.jdistarray.bench.TpetraCgBenchmark [N=512] [reps=10] [iters=200]</pre>
 */
public final class TpetraCgBenchmark {
    private TpetraCgBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (MpiSession mpi = MpiSession.init(); TrilinosSession trilinos = TrilinosSession.init(mpi.world())) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n, n).grid(comm.size(), 1).build();
            double[] perIt = new double[reps];
            int its = 0;
            try (DistArray b = DistArrays.ones(d, DType.FLOAT64); DistArray x = DistArrays.zeros(d, DType.FLOAT64);
                    TpetraMap map = TpetraMap.of(d);
                    TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, 1.0).fillComplete();
                    TpetraVector vb = TpetraVector.wrap(map, b); TpetraVector vx = TpetraVector.wrap(map, x);
                    BelosSolver cg = BelosSolver.create(a, BelosConfig.cg().withTolerance(1e-30).withMaxIterations(iters))) {
                for (int r = 0; r <= reps; r++) {
                    vx.putScalar(0.0);
                    comm.barrier();
                    long t0 = System.nanoTime();
                    SolveResult res = cg.solve(vb, vx);
                    double slowest = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
                    its = res.iterations();
                    if (r > 0) { // rep 0 is the warm-up
                        perIt[r - 1] = slowest / Math.max(its, 1);
                    }
                }
            }
            Arrays.sort(perIt);
            double med = perIt[reps / 2];
            double nn = (double) n * n;
            double nnz = 5.0 * nn - 4.0 * n;
            double bytes = 12 * nnz + 16 * nn + 2 * 16 * nn + 3 * 24 * nn; // as in tpetra_cg_bench.cpp
            if (comm.rank() == 0) {
                System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=tpetra_cg ranks=%d N=%d seconds=%.6e gbs=%.2f "
                        + "reps=%d min=%.6e note=per-iteration,its=%d,grid=%dx%d,bridge%n", comm.size(), (long) nn, med,
                        bytes / med / 1e9, reps, perIt[0], its, n, n);
            }
        }
    }
}
