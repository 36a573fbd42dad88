package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.bench.internal.ReduceTwin;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
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
     * <b>Collective.</b> Warms both sides up (as {@link ReductionBenchmark}: ten repetitions' worth of small calls,
     * at least a second; 30 large calls), then alternates them for {@code reps} repetitions.
     */
    private static void pair(Communicator comm, String op, long n, int reps, int calls, DoubleSupplier c,
            Runnable ours) {
        int warm = calls > 1 ? 10 * calls : 30;
        for (int i = 0; i < warm; i++) {
            ours.run();
        }
        for (int i = 0; i < (calls > 1 ? 10 : 30); i++) {
            c.getAsDouble();
        }
        long warmStart = System.nanoTime();
        while (calls > 1) {
            for (int i = 0; i < calls; i++) {
                ours.run();
            }
            if (maxOver(comm, System.nanoTime() - warmStart < 1_000_000_000L ? 1 : 0) == 0) {
                break;
            }
        }
        double[] tc = new double[reps];
        double[] tj = new double[reps];
        double[] ratio = new double[reps];
        for (int r = 0; r < reps; r++) {
            if (r % 2 == 0) {
                tc[r] = c.getAsDouble();
                tj[r] = timeOurs(comm, calls, ours);
            } else {
                tj[r] = timeOurs(comm, calls, ours);
                tc[r] = c.getAsDouble();
            }
            ratio[r] = tc[r] / tj[r];
        }
        if (comm.rank() == 0) {
            double[] sc = tc.clone();
            double[] sj = tj.clone();
            Arrays.sort(sc);
            Arrays.sort(sj);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "PEER impl=c_mpi_inproc op=%s ranks=%d N=%d seconds=%.4e gbs=%.2f reps=%d"
                    + " min=%.4e note=twin_in_process%n", op, comm.size(), n, sc[reps / 2], 8.0 * n / sc[reps / 2] / 1e9,
                    reps, sc[0]);
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e gbs=%.2f reps=%d"
                    + " min=%.4e note=paired_in_process%n", op, comm.size(), n, sj[reps / 2],
                    8.0 * n / sj[reps / 2] / 1e9, reps, sj[0]);
            System.out.printf(Locale.ROOT, "PAIR op=%s ranks=%d N=%d speed_vs_c_median=%.3f min=%.3f max=%.3f reps=%d%n",
                    op, comm.size(), n, ratio[reps / 2], ratio[0], ratio[reps - 1], reps);
        }
    }

    private static double timeOurs(Communicator comm, int calls, Runnable ours) {
        comm.barrier();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            ours.run();
        }
        double mine = (System.nanoTime() - start) / 1e9 / calls;
        LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
        LongBuffer most = DirectBuffers.longs(1);
        comm.allReduce(bits, most, ReduceOp.MAX); // positive doubles order like their bits
        return Double.longBitsToDouble(most.get(0));
    }

    private static long maxOver(Communicator comm, long v) {
        LongBuffer in = DirectBuffers.longs(1).put(0, v);
        LongBuffer o = DirectBuffers.longs(1);
        comm.allReduce(in, o, ReduceOp.MAX);
        return o.get(0);
    }
}
