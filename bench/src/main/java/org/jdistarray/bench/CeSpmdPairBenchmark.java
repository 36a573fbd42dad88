package org.jdistarray.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.client.Context;
import org.jdistarray.client.EngineFunction;
import org.jdistarray.client.RemoteArray;
import org.jdistarray.client.RemoteArrays;
import org.jdistarray.client.RemoteLayout;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Issue 19's large operation, client-engine against SPMD, as pairs alternated repetition by repetition in one job
 * (the way {@link InProcessPairs} pairs JDistArray with its C twins): this host's memory bandwidth moves by ±20 %
 * between runs and even between blocks of repetitions, as much as the 5 % looked for, so each client-engine
 * repetition is compared with an SPMD repetition run milliseconds before or after it, which side goes first
 * alternating. The operation: {@code z = a*x + y} on {@code PEER_N} float64 (default 2^25), {@code x.multiply(a)}
 * then {@code add(y)}, two new arrays, both freed inside the timed region on both sides.
 * <ul>
 * <li>{@code ce}: through the client ({@code RemoteArray.multiply}, {@code add}, close, {@code ctx.sync()}: two
 * commands and the frees), timed on the client;</li>
 * <li>{@code spmd_engines}: the same SPMD code as {@code spmd} below run by the engines themselves on the same arrays
 * (one {@code ctx.apply} per repetition; timed inside, barrier to barrier on the engine communicator, slowest engine):
 * the SPMD program on the same processes, memory and cores;</li>
 * <li>{@code spmd_threads} (embedded only): a LocalCluster of as many thread ranks in the same JVM, its own arrays,
 * its threads parked while the engines run and the other way round.</li>
 * </ul>
 * Modes: {@code mpi} ({@code mpirun -np 2}: 1 client + 1 engine, each on its core) and {@code embedded N};
 * {@code PEER_PAIR_REPS} pairs (default 41) after {@code PEER_WARM} small ones. Prints a
 * {@code PEER} line per side and a {@code PAIR} line per baseline with {@code ce_over_spmd} = the median over
 * repetitions of (client-engine time / SPMD time), its min and max (goal: at most 1.05).
 */
public final class CeSpmdPairBenchmark {
    private static final double A = 2.0;
    /** {@code PEER_WARM}: small repetitions of each side before the large ones (default 20000). */
    private static final int WARM = Integer.parseInt(env("PEER_WARM", "20000"));

    /** The SPMD operation on the engines, timed barrier to barrier; engine 0 returns the slowest engine's seconds. */
    public static final EngineFunction SPMD_AXPY = (scope, args) -> {
        double t = spmdOnce(scope.comm(), (DistArray) args[0], (DistArray) args[1]);
        return scope.rank() == 0 ? t : null;
    };

    private CeSpmdPairBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "mpi";
        long n = Long.parseLong(env("PEER_N", "33554432"));
        int reps = Integer.parseInt(env("PEER_PAIR_REPS", "41"));
        switch (mode) {
            case "mpi" -> {
                try (Context ctx = Context.start(args)) {
                    pairs(ctx, "1client+" + ctx.engines() + "engines", n, reps, null);
                }
            }
            case "embedded" -> {
                int engines = args.length > 1 ? Integer.parseInt(args[1]) : 2;
                try (Context ctx = Context.embedded(engines, Duration.ofMinutes(10));
                        ThreadSide threads = new ThreadSide(engines, n)) {
                    pairs(ctx, "embedded", n, reps, threads);
                }
            }
            default -> throw new IllegalArgumentException("mode must be mpi or embedded, not " + mode);
        }
    }

    private static void pairs(Context ctx, String note, long n, int reps, ThreadSide threads) throws Exception {
        RemoteArrays arrays = RemoteArrays.of(ctx);
        RemoteLayout l = RemoteLayout.of(n);
        int engines = ctx.engines();
        try (RemoteArray xs = arrays.ones(RemoteLayout.of(4096), DType.FLOAT64)) {
            // the command path (client and engines) compiled first, as in a program that has run a while: cold, each
            // large command took 0.8-1.4 ms longer (interpreted dispatch; under mpirun --bind-to core the JIT's
            // threads share the engine's core)
            for (int i = 0; i < WARM; i++) {
                ceOnce(ctx, xs, xs);
                ctx.apply(SPMD_AXPY, xs, xs);
            }
        }
        try (RemoteArray x = arrays.arange(l, 0, 1, DType.FLOAT64); RemoteArray y = arrays.ones(l, DType.FLOAT64)) {
            double[] ce = new double[reps];
            double[] se = new double[reps];
            double[] st = new double[reps];
            for (int r = -2; r < reps; r++) { // two untimed rounds: JIT, first touch of the allocator's pages
                double c;
                double s;
                double t;
                if ((r & 1) == 0) {
                    c = ceOnce(ctx, x, y);
                    s = ((Number) ctx.apply(SPMD_AXPY, x, y)).doubleValue();
                    t = threads == null ? 0 : threads.once();
                } else {
                    t = threads == null ? 0 : threads.once();
                    s = ((Number) ctx.apply(SPMD_AXPY, x, y)).doubleValue();
                    c = ceOnce(ctx, x, y);
                }
                if (r >= 0) {
                    ce[r] = c;
                    se[r] = s;
                    st[r] = t;
                }
            }
            line("jdistarray_ce_paired", engines, n, ce, note);
            line("jdistarray_spmd_engines_paired", engines, n, se, note);
            pair("spmd_engines", engines, n, ce, se);
            if (threads != null) {
                line("jdistarray_spmd_threads_paired", engines, n, st, "LocalCluster");
                pair("spmd_threads", engines, n, ce, st);
            }
        }
    }

    /** One client-engine repetition: two commands, the two frees (carried by the sync), seconds on the client. */
    private static double ceOnce(Context ctx, RemoteArray x, RemoteArray y) {
        ctx.sync();
        long t0 = System.nanoTime();
        try (RemoteArray ax = x.multiply(A); RemoteArray z = ax.add(y)) {
            // both closed here: their frees ride on the sync below, inside the timed region
        }
        ctx.sync();
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** <b>Collective</b> on {@code comm}: one SPMD repetition, the slowest rank's seconds (on every rank). */
    static double spmdOnce(Communicator comm, DistArray x, DistArray y) {
        comm.barrier();
        long t0 = System.nanoTime();
        try (DistArray ax = x.multiply(A); DistArray z = ax.add(y)) {
            // both closed here, inside the timed region
        }
        comm.barrier();
        return Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
    }

    /** SPMD on a LocalCluster in this JVM, one repetition per {@link #once()}, its threads parked in between. */
    private static final class ThreadSide implements AutoCloseable {
        private final CyclicBarrier start;
        private final CyclicBarrier done;
        private final Thread runner;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;
        private volatile double seconds;

        ThreadSide(int ranks, long n) throws Exception {
            start = new CyclicBarrier(ranks + 1);
            done = new CyclicBarrier(ranks + 1);
            runner = new Thread(() -> {
                try {
                    List<Integer> ignored = LocalCluster.call(ranks, Duration.ofHours(1), comm -> {
                        Distribution d = Distribution.builder(comm).shape(n).build();
                        try (DistArray x = DistArrays.arange(d, 0, 1, DType.FLOAT64);
                                DistArray y = DistArrays.ones(d, DType.FLOAT64)) {
                            done.await(); // set up
                            while (true) {
                                start.await();
                                if (stop) {
                                    return 0;
                                }
                                double t = spmdOnce(comm, x, y);
                                if (comm.rank() == 0) {
                                    seconds = t;
                                }
                                done.await();
                            }
                        }
                    });
                } catch (Throwable e) {
                    failure.set(e);
                    start.reset();
                    done.reset();
                }
            }, "spmd-threads");
            runner.setDaemon(true);
            runner.start();
            await(done);
        }

        double once() throws Exception {
            await(start);
            await(done);
            return seconds;
        }

        private void await(CyclicBarrier b) throws Exception {
            try {
                b.await();
            } catch (BrokenBarrierException e) {
                throw new IllegalStateException("the SPMD thread ranks failed", failure.get());
            }
        }

        @Override
        public void close() throws Exception {
            stop = true;
            await(start);
            runner.join();
        }
    }

    private static void line(String impl, int ranks, long n, double[] times, String note) {
        double[] t = times.clone();
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "PEER impl=%s op=axpy_large ranks=%d N=%d seconds=%.6g gbs=- reps=%d min=%.6g"
                + " note=%s%n", impl, ranks, n, t[t.length / 2], t.length, t[0], note);
    }

    private static void pair(String baseline, int engines, long n, double[] ce, double[] spmd) {
        double[] ratio = new double[ce.length];
        double[] diff = new double[ce.length];
        for (int i = 0; i < ce.length; i++) {
            ratio[i] = ce[i] / spmd[i];
            diff[i] = ce[i] - spmd[i];
        }
        Arrays.sort(ratio);
        Arrays.sort(diff);
        long within = Arrays.stream(ratio).filter(v -> v <= 1.05).count();
        int m = ratio.length;
        System.out.printf(Locale.ROOT, "PAIR op=axpy_large engines=%d N=%d baseline=%s ce_over_spmd_median=%.4f p25=%.4f"
                + " p75=%.4f min=%.4f max=%.4f within5pct=%d/%d extra_ms_median=%.3f%n", engines, n, baseline,
                ratio[m / 2], ratio[m / 4], ratio[3 * m / 4], ratio[0], ratio[m - 1], within, m, diff[m / 2] * 1e3);
        System.out.flush();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
