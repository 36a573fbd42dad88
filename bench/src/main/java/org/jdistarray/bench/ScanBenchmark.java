package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.algo.AlgoOptions;
import org.jdistarray.algo.Scans;
import org.jdistarray.algo.Sorting;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * The cumsum case of {@link AlgoBenchmark} on its own (no sort, no matmul, so that a run takes seconds), against the
 * same C twin {@code bench/c/scan_bench.c} (local total, {@code MPI_Exscan}, local scan from the prefix): {@code
 * Scans.cumsum} of {@code ALGO_N} (default 2^25) float64 in the block layout, seconds per call including the
 * result's creation and close, median over {@code PEER_REPS} (default 5) of the slowest rank; the note gives rank 0's
 * median split into the two local passes, the result's allocation and the exclusive scan. {@code op=cumsum_out}: the
 * same scan into one result array made once ({@code Scans.cumsum(a, 0, out)}), as the twin's {@code op=cumsum} reuses
 * its output. {@code gbs}: 8 N bytes per second, as the twin prints.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.ScanBenchmark</pre>
 */
public final class ScanBenchmark {
    private static volatile double sink;

    private ScanBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "5"));
        long n = Long.parseLong(System.getenv().getOrDefault("ALGO_N", String.valueOf(1L << 25)));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> (double) (g[0] % 7))) {
                double[] local = new double[reps];
                double[] exscan = new double[reps];
                double[] scan = new double[reps];
                double[] alloc = new double[reps];
                for (int r = -1; r < reps; r++) { // r = -1: warm-up
                    comm.barrier();
                    long start = System.nanoTime();
                    Sorting.Result res = Scans.scan(a, 0, false, false, AlgoOptions.defaults());
                    try (DistArray c = res.array()) {
                        sink = c.globalSize();
                    }
                    double mine = (System.nanoTime() - start) / 1e9;
                    LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
                    LongBuffer most = DirectBuffers.longs(1);
                    comm.allReduce(bits, most, ReduceOp.MAX);
                    if (r >= 0) {
                        local[r] = Double.longBitsToDouble(most.get(0));
                        exscan[r] = res.plan().phaseNanos().get("exscan") / 1e9;
                        scan[r] = res.plan().phaseNanos().get("localScan") / 1e9;
                        alloc[r] = res.plan().phaseNanos().get("allocate") / 1e9;
                    }
                }
                // the same into one out array made once (Scans.cumsum(a, 0, out)), as the C twin reuses its output
                double[] tOut = new double[reps];
                try (DistArray out = Scans.cumsum(a, 0)) {
                    for (int r = -1; r < reps; r++) {
                        comm.barrier();
                        long start = System.nanoTime();
                        sink = Scans.cumsum(a, 0, out).globalSize();
                        double mine = (System.nanoTime() - start) / 1e9;
                        LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
                        LongBuffer most = DirectBuffers.longs(1);
                        comm.allReduce(bits, most, ReduceOp.MAX);
                        if (r >= 0) {
                            tOut[r] = Double.longBitsToDouble(most.get(0));
                        }
                    }
                }
                Arrays.sort(tOut);
                if (comm.rank() == 0) {
                    System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=cumsum_out ranks=%d N=%d seconds=%.4e gbs=%.2f"
                            + " reps=%d min=%.4e note=into_one_out_array,twin=bench/c/scan_bench.c%n", comm.size(), n,
                            tOut[reps / 2], 8.0 * n / tOut[reps / 2] / 1e9, reps, tOut[0]);
                }
                double[] t = local.clone();
                Arrays.sort(t);
                Arrays.sort(exscan);
                Arrays.sort(scan);
                Arrays.sort(alloc);
                if (comm.rank() == 0) {
                    double s = t[reps / 2];
                    System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=cumsum ranks=%d N=%d seconds=%.4e gbs=%.2f"
                            + " reps=%d min=%.4e note=localScan=%.3e,allocate=%.2e,exscan=%.2e,twin=bench/c/scan_bench.c%n", comm.size(), n, s,
                            8.0 * n / s / 1e9, reps, t[0], scan[reps / 2], alloc[reps / 2], exscan[reps / 2]);
                }
            }
        }
    }
}
