package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * What the cross-rank check of every collective array call costs (CommContext.verify: one all-reduce of eight doubles on
 * the private communicator), next to the calls it guards, under mpirun. One line per case in the shared baseline
 * format ({@code PEER impl=jdistarray op=... ranks=... N=... seconds=...}; seconds per call, median over
 * {@code PEER_REPS} repetitions of the slowest rank's time):
 * <ul>
 * <li>{@code allreduce16}: a plain all-reduce of two longs on the user's communicator (what verify adds);</li>
 * <li>{@code verify}: CommContext.verify alone;</li>
 * <li>{@code getDouble}: an element read (verify + broadcast from the owner);</li>
 * <li>{@code ghosts_N}: exchangeGhosts of an N x N float64 block per rank, ghost width 1 on both axes
 * (verify + the exchange).</li>
 * </ul>
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.ArrayCallBenchmark</pre>
 */
public final class ArrayCallBenchmark {
    /** Calls before timing, at least: the same count on every rank (each call is collective). */
    private static final int WARM_UP = 5000;

    private ArrayCallBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "11"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            LongBuffer in = DirectBuffers.longs(2);
            LongBuffer out = DirectBuffers.longs(2);
            line(comm, "allreduce16", 2, reps, 20000, () -> comm.allReduce(in, out, ReduceOp.MAX));
            CommContext ctx = CommContext.of(comm);
            line(comm, "verify", 2, reps, 20000, () -> ctx.verify("bench", 1, 7));
            Distribution d1 = Distribution.builder(comm).shape(1000).build();
            try (DistArray a = DistArrays.ones(d1, DType.FLOAT64)) {
                line(comm, "getDouble", 1, reps, 20000, () -> a.getDouble(999));
            }
            for (int n : new int[] {64, 1024}) {
                Distribution d = Distribution.builder(comm).shape((long) n * comm.size(), n)
                        .padding(0, 1, 0).padding(1, 1, 0).build();
                try (DistArray u = DistArrays.ones(d, DType.FLOAT64)) {
                    line(comm, "ghosts_" + n, (long) n * n, reps, n <= 64 ? 5000 : 200, u::exchangeGhosts);
                }
            }
        }
    }

    private static void line(Communicator comm, String op, long n, int reps, int calls, Runnable call) {
        for (int i = 0; i < Math.max(calls, WARM_UP); i++) {
            call.run(); // warm-up: enough calls for the JIT to compile the whole path (200 were not for ghosts_1024)
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
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e%n", op, comm.size(), n,
                    t[reps / 2]);
        }
    }
}
