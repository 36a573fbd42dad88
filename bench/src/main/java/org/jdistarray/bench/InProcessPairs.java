package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;

/**
 * The timing loop of the in-process pairs ({@link ReductionPairBenchmark}, {@link UfuncPairBenchmark}): a C twin
 * called through JNA in this JVM and JDistArray's operation alternate repetition by repetition (which goes first
 * alternating too), and the per-repetition ratio C time / JDistArray time is reported with the two medians.
 */
final class InProcessPairs {
    private InProcessPairs() {
    }

    /**
     * <b>Collective.</b> Warms both sides up ({@code warm} bodies each; with {@code calls > 1}, JDistArray's side
     * also for a second at least: under {@code mpirun --bind-to core} the JIT's compiler threads share the measured
     * core), then alternates them for {@code reps} repetitions and prints (rank 0) a {@code PEER} line per side
     * ({@code impl=c_mpi_inproc} for the twin; {@code gbs} from {@code bytes} when positive) and a {@code PAIR} line.
     *
     * @param c     one repetition of the twin: the slowest rank's seconds per operation
     * @param body  one repetition of JDistArray's side: {@code calls} operations
     */
    static void pair(Communicator comm, String op, long n, double bytes, int reps, int calls, int warm,
            DoubleSupplier c, Runnable body) {
        for (int i = 0; i < warm; i++) {
            body.run();
            c.getAsDouble();
        }
        long warmStart = System.nanoTime();
        while (calls > 1 && Collectives.max(comm, System.nanoTime() - warmStart < 1_000_000_000L ? 1 : 0) > 0) {
            body.run();
        }
        double[] tc = new double[reps];
        double[] tj = new double[reps];
        double[] ratio = new double[reps];
        for (int r = 0; r < reps; r++) {
            if (r % 2 == 0) {
                tc[r] = c.getAsDouble();
                tj[r] = timeOurs(comm, calls, body);
            } else {
                tj[r] = timeOurs(comm, calls, body);
                tc[r] = c.getAsDouble();
            }
            ratio[r] = tc[r] / tj[r];
        }
        if (comm.rank() == 0) {
            Arrays.sort(tc);
            Arrays.sort(tj);
            Arrays.sort(ratio);
            line("c_mpi_inproc", op, comm.size(), n, bytes, tc, "twin_in_process");
            line("jdistarray", op, comm.size(), n, bytes, tj, "paired_in_process");
            System.out.printf(Locale.ROOT, "PAIR op=%s ranks=%d N=%d speed_vs_c_median=%.3f min=%.3f max=%.3f reps=%d%n",
                    op, comm.size(), n, ratio[reps / 2], ratio[0], ratio[reps - 1], reps);
        }
    }

    private static void line(String impl, String op, int ranks, long n, double bytes, double[] sorted, String note) {
        double med = sorted[sorted.length / 2];
        String gbs = bytes > 0 ? String.format(Locale.ROOT, " gbs=%.2f", bytes / med / 1e9) : "";
        System.out.printf(Locale.ROOT, "PEER impl=%s op=%s ranks=%d N=%d seconds=%.4e%s reps=%d min=%.4e note=%s%n",
                impl, op, ranks, n, med, gbs, sorted.length, sorted[0], note);
    }

    /** <b>Collective.</b> The slowest rank's seconds per operation of one {@code body}. */
    private static double timeOurs(Communicator comm, int calls, Runnable body) {
        comm.barrier();
        long start = System.nanoTime();
        body.run();
        return Collectives.max(comm, (System.nanoTime() - start) / 1e9) / calls;
    }
}
