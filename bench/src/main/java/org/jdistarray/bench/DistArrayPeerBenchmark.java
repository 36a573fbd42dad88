package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.client.Context;
import org.jdistarray.client.RemoteArray;
import org.jdistarray.client.RemoteArrays;
import org.jdistarray.client.RemoteLayout;
import org.jdistarray.client.RemoteNp;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;

/**
 * Client-engine mode (issue 19's acceptance figures), in the shared line format, beside DistArray 0.5's MPI-only
 * mode ({@code bench/distarray05/da_bench.py}) in the same job ({@code bench/run_ce_distarray_bench.sh}), through the
 * client API (RemoteNp, RemoteArrayOps), the same cases as DistArray's. Modes:
 * <ul>
 * <li>{@code latency} ({@code mpirun -np N+1}: 1 client + N engines): round trips, seconds per call, median over
 * {@code PEER_REPS} of the mean of {@code PEER_BATCH} calls after one untimed batch: {@code create_free4} (zeros of 4
 * elements, then close: the free rides on the next command), {@code axpy4096} ({@code z = a*x + y} on 4096 float64:
 * {@code x.multiply(a)} then {@code add(y)}, two commands, as DistArray's two ufunc calls), {@code sum4096}
 * ({@code np.sum(x)}, a 0-d array on the engines), {@code sum4096_fetch} (the sum's value on the client: sum + item,
 * as DistArray's {@code x.sum().tondarray()}); then {@code axpy_large}: {@code z = a*x + y} on {@code PEER_N} float64
 * (default 2^25), seconds per call (median of {@code PEER_REPS});</li>
 * <li>{@code spmd} ({@code mpirun -np N}): the same {@code axpy_large} as SPMD code on N ranks (the baseline of the
 * within-5% check: client-engine with N engines against SPMD on N ranks);</li>
 * </ul>
 * The large operation as alternated pairs (client-engine against SPMD on the same engines, embedded too):
 * {@link CeSpmdPairBenchmark}.
 */
public final class DistArrayPeerBenchmark {
    private static final double A = 2.0;

    private DistArrayPeerBenchmark() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "latency";
        long n = Long.parseLong(env("PEER_N", "33554432"));
        int reps = Integer.parseInt(env("PEER_REPS", "7"));
        switch (mode) {
            case "latency" -> {
                try (Context ctx = Context.start(args)) {
                    latency(ctx, reps, Integer.parseInt(env("PEER_BATCH", "200")));
                    large(ctx, "jdistarray_ce", ctx.engines() + 1, n, reps);
                }
            }
            case "spmd" -> {
                try (MpiSession mpi = MpiSession.init()) {
                    Communicator comm = mpi.world();
                    double[] t = spmdAxpy(comm, n, reps);
                    if (comm.rank() == 0) {
                        report("jdistarray_spmd", "axpy_large", comm.size(), n, t, "SPMD");
                    }
                }
            }
            default -> throw new IllegalArgumentException("mode must be latency or spmd, not " + mode);
        }
    }

    private static void latency(Context ctx, int reps, int batch) {
        RemoteNp np = RemoteNp.of(ctx);
        RemoteArrays arrays = RemoteArrays.of(ctx);
        int ranks = ctx.engines() + 1;
        String note = "1client+" + ctx.engines() + "engines";
        RemoteLayout tiny = RemoteLayout.of(4);
        RemoteLayout small = RemoteLayout.of(4096);
        try (RemoteArray x = arrays.ones(small, DType.FLOAT64); RemoteArray y = arrays.ones(small, DType.FLOAT64)) {
            try (RemoteArray ax = x.multiply(A); RemoteArray z = ax.add(y); RemoteArray s = np.sum(z)) {
                if (s.item() != 3.0 * 4096) {
                    throw new AssertionError("sum of a*x + y is " + s.item());
                }
            }
            report("jdistarray_ce", "create_free4", ranks, 4, batched(ctx, reps, batch,
                    () -> arrays.zeros(tiny, DType.FLOAT64).close()), note);
            report("jdistarray_ce", "axpy4096", ranks, 4096, batched(ctx, reps, batch, () -> {
                try (RemoteArray ax = x.multiply(A); RemoteArray z = ax.add(y)) {
                    // closed: the frees ride on the next command
                }
            }), note);
            report("jdistarray_ce", "sum4096", ranks, 4096, batched(ctx, reps, batch, () -> np.sum(x).close()), note);
            report("jdistarray_ce", "sum4096_fetch", ranks, 4096, batched(ctx, reps, batch, () -> {
                try (RemoteArray s = np.sum(x)) {
                    s.item();
                }
            }), note);
        }
    }

    private static void large(Context ctx, String impl, int ranks, long n, int reps) {
        RemoteArrays arrays = RemoteArrays.of(ctx);
        RemoteLayout l = RemoteLayout.of(n);
        try (RemoteArray x = arrays.arange(l, 0, 1, DType.FLOAT64); RemoteArray y = arrays.ones(l, DType.FLOAT64)) {
            double[] t = new double[reps];
            for (int r = -1; r < reps; r++) {
                ctx.sync();
                long t0 = System.nanoTime();
                try (RemoteArray ax = x.multiply(A); RemoteArray z = ax.add(y)) {
                    // both closed here
                }
                ctx.sync(); // carries the two frees: part of the operation's cost, as the closes are in spmdAxpy
                if (r >= 0) {
                    t[r] = (System.nanoTime() - t0) * 1e-9;
                }
            }
            report(impl, "axpy_large", ranks, n, t, ctx.isEmbedded() ? "embedded" : "1client+" + ctx.engines() + "engines");
        }
    }

    private static double[] spmdAxpy(Communicator comm, long n, int reps) {
        Distribution d = Distribution.builder(comm).shape(n).build();
        try (DistArray x = DistArrays.arange(d, 0, 1, DType.FLOAT64); DistArray y = DistArrays.ones(d, DType.FLOAT64)) {
            double[] t = new double[reps];
            for (int r = -1; r < reps; r++) {
                comm.barrier();
                long t0 = System.nanoTime();
                try (DistArray ax = x.multiply(A); DistArray z = ax.add(y)) {
                    comm.barrier();
                }
                if (r >= 0) {
                    t[r] = (System.nanoTime() - t0) * 1e-9;
                }
            }
            return t;
        }
    }

    private static final long WARM_NANOS = 1_500_000_000L;

    private static double[] batched(Context ctx, int reps, int batch, Runnable call) {
        // warm-up: WARM calls at least (the JIT compiles a command's path, client and engine side, after about ten
        // thousand calls; one batch left the measured batches in the interpreter and C1's code: 2-3x the steady
        // state); DistArray's side (CPython, no JIT) keeps one untimed batch. And for WARM_NANOS at least: under
        // mpirun --bind-to core each JVM's compiler threads share its one core, and 20000 calls (0.2 s) left the
        // first case of some runs still being compiled (create + free at 14-31 us against 6-10, 2026-12-03 07:31)
        long start = System.nanoTime();
        for (int i = 0; i < Math.max(batch, WARM) || System.nanoTime() - start < WARM_NANOS; i++) {
            call.run();
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                call.run();
            }
            // the deferred commands still in flight (at most 16 element-wise ones) finish inside the timed batch;
            // one extra round trip per batch
            ctx.sync();
            t[r] = (System.nanoTime() - t0) * 1e-9 / batch;
        }
        return t;
    }

    private static void report(String impl, String op, int ranks, long n, double[] times, String note) {
        double[] t = times.clone();
        Arrays.sort(t);
        int m = t.length;
        double median = m % 2 == 1 ? t[m / 2] : 0.5 * (t[m / 2 - 1] + t[m / 2]);
        System.out.printf(Locale.ROOT, "PEER impl=%s op=%s ranks=%d N=%d seconds=%.6g gbs=- reps=%d min=%.6g note=%s%n",
                impl, op, ranks, n, median, m, t[0], note);
        System.out.flush();
    }

    /** {@code PEER_WARM}: untimed calls before a case's batches (default 20000). */
    private static final int WARM = Integer.parseInt(env("PEER_WARM", "20000"));

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
