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
import org.jdistarray.protocol.DType;

/**
 * Fancy indexing and mask selection under mpirun, the cases of {@code bench/c/indexing_bench.c} (its C twin), in the
 * shared line format ({@code PEER impl=jdistarray op=... ranks=... N=... seconds=... gbs=...}; seconds per call
 * including the result's creation and close, median over {@code PEER_REPS} of the slowest rank):
 * <ul>
 * <li>{@code gather}: {@code Np.take(a, idx, null)} of {@code IDX_M} (default 10^6) random indices (a block int64
 * array, the same pseudorandom sequence as the C twin) from a block float64 array of {@code PEER_N} (2^25)
 * elements; bytes 16 M (index out, value back);</li>
 * <li>{@code mask_half}: {@code a.getMask(mask)} with a pseudorandom half of a {@code PEER_N} block array selected
 * (mask block too); bytes 9 N (values, mask) + 8 N/2.</li>
 * </ul>
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.IndexingBenchmark</pre>
 */
public final class IndexingBenchmark {
    private static volatile long sink;

    private IndexingBenchmark() {
    }

    /** The C twin's generator (splitmix64). */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "11"));
        long n = Long.parseLong(System.getenv().getOrDefault("PEER_N", String.valueOf(1L << 25)));
        long m = Long.parseLong(System.getenv().getOrDefault("IDX_M", "1000000"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n).build();
            Distribution di = Distribution.builder(comm).shape(m).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0]);
                    DistArray idx = DistArrays.fromLongFunction(di, DType.INT64,
                            g -> Long.remainderUnsigned(mix(g[0]), n));
                    DistArray mask = DistArrays.fromLongFunction(d, DType.BOOL, g -> mix(g[0] + 7) & 1)) {
                line(comm, "gather", m, 16.0 * m, reps, () -> {
                    try (DistArray t = Np.take(a, idx, null)) {
                        sink = t.globalSize();
                    }
                });
                line(comm, "mask_half", n, 13.0 * n, reps, () -> {
                    try (DistArray t = a.getMask(mask)) {
                        sink = t.globalSize();
                    }
                });
            }
        }
    }

    private static void line(Communicator comm, String op, long n, double bytes, int reps, Runnable call) {
        for (int i = 0; i < 3; i++) {
            call.run(); // warm-up
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long start = System.nanoTime();
            call.run();
            double mine = (System.nanoTime() - start) / 1e9;
            LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
            LongBuffer most = DirectBuffers.longs(1);
            comm.allReduce(bits, most, ReduceOp.MAX); // positive doubles order like their bits
            t[r] = Double.longBitsToDouble(most.get(0));
        }
        Arrays.sort(t);
        if (comm.rank() == 0) {
            double s = t[reps / 2];
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e gbs=%.2f reps=%d min=%.4e%n",
                    op, comm.size(), n, s, bytes / s / 1e9, reps, t[0]);
        }
    }
}
