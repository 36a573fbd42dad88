package org.jdistarray.bench;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.bench.internal.ReduceTwin;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.Reductions;
import org.jdistarray.protocol.DType;

/**
 * JDistArray's reductions against their C + MPI twins in one process: the twins ({@code bench/c/reduce_twin.c},
 * a shared library loaded through JNA from the path in {@code -Djdistarray.bench.twin}; {@link ReduceTwin}) run in this JVM, on the
 * same communicator (its native handle) and on the same memory (the array's local block), and the two alternate
 * repetition by repetition, which one goes first alternating too. This host's memory bandwidth and 2-rank latency
 * change state between processes (C's own sum of 2^25 at 2 ranks took 3.5 or 7 ms from one run to the next), so
 * separate-process ratios spread 0.6-1.5; here both sides of each ratio see the same state.
 *
 * <p>Cases ({@code args}: any of {@code large small axis1}; none: all), timing as {@link ReductionBenchmark}
 * (barrier, calls, the slowest rank's time per call; warm-up of both sides first):
 * <ul>
 * <li>{@code sum N=2^25}, {@code sum N=4096}: {@code Np.sum(a).item()} and {@code Reductions.sumDouble(a)}
 * ({@code sum_scalar}) against a local sum + {@code MPI_Allreduce} of one double;</li>
 * <li>{@code sum_axis1}: {@code Np.sum(a, 1)} of 4096 x 4096, block x block on a 1 x P grid, against row sums +
 * {@code MPI_Reduce} of 4096 doubles to rank 0 (the rank that holds JDistArray's result).</li>
 * </ul>
 * Prints a {@code PEER} line per case and implementation (medians; {@code impl=c_mpi_inproc} for the twin) and a
 * {@code PAIR} line per case with the median, minimum and maximum over the repetitions of the per-repetition ratio
 * C time / JDistArray time (above 1: JDistArray faster).
 *
 * <pre>mpirun -np 2 --bind-to core java -Djdistarray.bench.twin=/path/libreduce_twin.so -cp ... \
 *     org.jdistarray.bench.ReductionPairBenchmark</pre>
 */
public final class ReductionPairBenchmark {
    private static volatile double sink;

    private ReductionPairBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "21"));
        java.util.Set<String> only = new java.util.HashSet<>(Arrays.asList(args));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            long handle = ((MpiCommunicator) comm).nativeHandle();
            ReduceTwin twin = new ReduceTwin();
            for (long n : new long[] {1L << 25, 4096}) {
                if (!only.isEmpty() && !only.contains(n == 4096 ? "small" : "large")) {
                    continue;
                }
                Distribution d = Distribution.builder(comm).shape(n).build();
                try (DistArray a = DistArrays.ones(d, DType.FLOAT64)) {
                    long x = a.local().address();
                    long m = a.local().elementCount();
                    int calls = n <= 4096 ? 20000 : 1;
                    DoubleSupplier c = () -> {
                        double s = twin.sum(x, m, calls, handle);
                        check(twin.lastSum(), n, "C sum");
                        return s;
                    };
                    pair(comm, "sum", n, reps, calls, c, () -> {
                        try (DistArray s = Np.sum(a)) {
                            sink = s.item();
                        }
                    });
                    pair(comm, "sum_scalar", n, reps, calls, c, () -> sink = Reductions.sumDouble(a));
                    check(sink, n, "JDistArray sum");
                }
            }
            if (!only.isEmpty() && !only.contains("axis1")) {
                return;
            }
            // -Djdistarray.bench.axis1Cols: the global column count (default 4096), to compare row lengths
            long gcols = Long.getLong("jdistarray.bench.axis1Cols", 4096);
            Distribution d2 = Distribution.builder(comm).shape(4096, gcols).grid(1, comm.size()).build();
            try (DistArray a = DistArrays.ones(d2, DType.FLOAT64)) {
                long x = a.local().address();
                long rows = a.local().shape()[0];
                long cols = a.local().shape()[1];
                if (!a.local().isContiguous()) {
                    throw new IllegalStateException("the twin needs an unpadded local block");
                }
                DoubleSupplier c = () -> {
                    double s = twin.axis1(x, rows, cols, handle);
                    if (comm.rank() == 0) {
                        check(twin.rowSum(rows - 1), gcols, "C row sum");
                    }
                    return s;
                };
                pair(comm, "sum_axis1", 4096L * gcols, reps, 1, c, () -> {
                    try (DistArray s = Np.sum(a, 1)) {
                        long held = s.local().shape()[0]; // the result lives on rank 0 of the row's ranks
                        sink = held > 0 ? s.local().getDoubleAt(held - 1) : gcols;
                    }
                });
                check(sink, gcols, "JDistArray row sum");
            }
        }
    }

    private static void check(double got, double want, String what) {
        if (got != want) {
            throw new IllegalStateException(what + " gave " + got + ", not " + want);
        }
    }

    /**
     * <b>Collective.</b> {@link InProcessPairs#pair} with {@link ReductionBenchmark}'s warm-up: ten repetitions'
     * worth of small calls (and a second), 30 large ones (the Java loops around the native kernels reach C2).
     */
    private static void pair(Communicator comm, String op, long n, int reps, int calls, DoubleSupplier c,
            Runnable ours) {
        InProcessPairs.pair(comm, op, n, 8.0 * n, reps, calls, calls > 1 ? 10 : 30, c, () -> {
            for (int i = 0; i < calls; i++) {
                ours.run();
            }
        });
    }
}
