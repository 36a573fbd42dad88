package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.random.Generator;

/**
 * Random arrays under mpirun: {@code Generator.philox(seed).random(dist)} of {@code RANDOM_N} (default 2^25) float64
 * elements block-distributed over the ranks, allocation included (as NumPy's {@code random(n)} allocates), plus
 * float32 {@code random}, {@code standardNormal} and {@code integers(0, 1000)}. One {@code PEER} line per case (the
 * shared baseline format; seconds per call, median over {@code PEER_REPS} of the slowest rank's time; the cases in
 * {@code RANDOM_OPS}, comma-separated, default all);
 * {@code bench/random_numpy.py} prints NumPy's {@code Generator(Philox)} twins, {@code bench/run_random_bench.sh}
 * runs both in one job.
 */
public final class RandomBenchmark {
    private RandomBenchmark() {
    }

    private interface Draw {
        DistArray make(Generator g, Distribution d);
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "7"));
        long n = Long.parseLong(System.getenv().getOrDefault("RANDOM_N", String.valueOf(1L << 25)));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n).build();
            line(comm, "rand", n, 8, reps, d, Generator::random);
            line(comm, "rand_f32", n, 4, reps, d, (g, x) -> g.random(x, DType.FLOAT32));
            line(comm, "standard_normal", n, 8, reps, d, Generator::standardNormal);
            line(comm, "integers_1000", n, 8, reps, d, (g, x) -> g.integers(x, 0, 1000));
        }
    }

    private static void line(Communicator comm, String op, long n, int itemSize, int reps, Distribution d, Draw draw) {
        String ops = System.getenv().getOrDefault("RANDOM_OPS", "rand,rand_f32,standard_normal,integers_1000");
        if (!Arrays.asList(ops.split(",")).contains(op)) {
            return;
        }
        Generator g = Generator.philox(42);
        for (int i = 0; i < 2; i++) {
            draw.make(g, d).close(); // warm-up
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long start = System.nanoTime();
            DistArray a = draw.make(g, d);
            double mine = (System.nanoTime() - start) / 1e9;
            a.close();
            LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
            LongBuffer most = DirectBuffers.longs(1);
            comm.allReduce(bits, most, ReduceOp.MAX); // positive doubles order like their bits
            t[r] = Double.longBitsToDouble(most.get(0));
        }
        Arrays.sort(t);
        double s = t[reps / 2];
        if (comm.rank() == 0) {
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e gbs=%.3f%n", op,
                    comm.size(), n, s, n * itemSize / s / 1e9);
        }
    }
}
