package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.ops.Reductions;
import org.jdistarray.protocol.DType;

/**
 * Reductions under mpirun, the cases of {@code bench/c/reduce_bench.c} (its C twin) in the shared line format
 * ({@code PEER impl=jdistarray op=... ranks=... N=... seconds=... gbs=...}; seconds per call including the result
 * array's creation and close, median over {@code PEER_REPS} of the slowest rank; bytes 8 N):
 * <ul>
 * <li>{@code sum}, N = 2^25 and 4096: {@code Np.sum(a).item()} of a block float64 array;</li>
 * <li>{@code sum_scalar}: {@code Reductions.sumDouble(a)}, the scalar form (no result array);</li>
 * <li>{@code sum_repro}: the same as {@code sum} in the reproducible mode (exact accumulation);</li>
 * <li>{@code sum_axis1}: {@code Np.sum(a, 1)} of a 4096 x 4096 float64 array, block x block on a 1 x P grid.</li>
 * </ul>
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.ReductionBenchmark</pre>
 */
public final class ReductionBenchmark {
    private static volatile double sink;

    private ReductionBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "11"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            ReduceOptions repro = ReduceOptions.defaults().reproducible(true);
            // args: the cases to run (large: the sums of 2^25, small: of 4096, axis1: sum(axis=1)); none: all
            java.util.Set<String> only = new java.util.HashSet<>(java.util.Arrays.asList(args));
            for (long n : new long[] {1L << 25, 4096}) {
                if (!only.isEmpty() && !only.contains(n == 4096 ? "small" : "large")) {
                    continue;
                }
                Distribution d = Distribution.builder(comm).shape(n).build();
                try (DistArray a = DistArrays.ones(d, DType.FLOAT64)) {
                    int calls = n <= 4096 ? 20000 : 1;
                    line(comm, "sum", n, reps, calls, () -> {
                        try (DistArray s = Np.sum(a)) {
                            sink = s.item();
                        }
                    });
                    line(comm, "sum_scalar", n, reps, calls, () -> sink = Reductions.sumDouble(a));
                    line(comm, "sum_repro", n, reps, n <= 4096 ? 2000 : 1, () -> {
                        try (DistArray s = Np.sum(a, repro)) {
                            sink = s.item();
                        }
                    });
                }
            }
            if (!only.isEmpty() && !only.contains("axis1")) {
                return;
            }
            Distribution d2 = Distribution.builder(comm).shape(4096, 4096).grid(1, comm.size()).build();
            try (DistArray a = DistArrays.ones(d2, DType.FLOAT64)) {
                line(comm, "sum_axis1", 4096L * 4096, reps, 1, () -> {
                    try (DistArray s = Np.sum(a, 1)) {
                        sink = s.globalSize();
                    }
                });
            }
        }
    }

    private static void line(Communicator comm, String op, long n, int reps, int calls, Runnable call) {
        // ten repetitions' worth of calls first (the same count on every rank: the calls are collective): under
        // mpirun --bind-to core the JIT's compiler threads share the measured core, and one repetition's worth left
        // small sums still being compiled during the first repetitions (medians 2-3x the steady state, minima at it)
        // large cases (one call a repetition): 30 calls, so that the Java loops around the native kernel (a call per
        // row of sum(axis=1)) are compiled by C2 before timing; 5 left them in C1 at 2 ranks (0.5-0.7x C there)
        // small cases also warm up for a second at least (the ranks agree on when to stop: the calls are collective):
        // under --bind-to core a C2 compile queued by the case before still ran on the measured core after 200 000
        // calls, and the repetitions alternated between 0.1 and 0.33 us (sumDouble of 4096 doubles after Np.sum's
        // case; with -Xbatch, or with sumDouble's case first, 0.1 us in every repetition)
        int warm = calls > 1 ? 10 * calls : 30;
        for (int i = 0; i < warm; i++) {
            call.run(); // warm-up
        }
        long warmStart = System.nanoTime();
        while (calls > 1) {
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            LongBuffer more = DirectBuffers.longs(1).put(0, System.nanoTime() - warmStart < 1_000_000_000L ? 1 : 0);
            LongBuffer any = DirectBuffers.longs(1);
            comm.allReduce(more, any, ReduceOp.MAX);
            if (any.get(0) == 0) {
                break;
            }
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            double mine = (System.nanoTime() - start) / 1e9 / calls;
            LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
            LongBuffer most = DirectBuffers.longs(1);
            comm.allReduce(bits, most, ReduceOp.MAX); // positive doubles order like their bits
            t[r] = Double.longBitsToDouble(most.get(0));
        }
        Arrays.sort(t);
        if (comm.rank() == 0) {
            double s = t[reps / 2];
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e gbs=%.2f reps=%d min=%.4e%n",
                    op, comm.size(), n, s, 8.0 * n / s / 1e9, reps, t[0]);
        }
    }
}
