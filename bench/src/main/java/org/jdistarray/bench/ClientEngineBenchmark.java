package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.client.Context;
import org.jdistarray.client.Recipe;
import org.jdistarray.client.RemoteArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;

/**
 * Round trips of client-engine mode (issue 19): every command timed alone, {@code seconds} = the median command
 * (also min, p90 and mean) over {@code PEER_REPS x PEER_CALLS} commands ({@code PEER impl=jdistarray op=... ranks=...
 * N=... seconds=... mode=...}). On a busy machine the mean is dominated by the few commands during which a process
 * was descheduled (tens of ms each), the median is what a command costs:
 * <ul>
 * <li>{@code ce_sync}: an empty command (one broadcast + one reply: the floor);</li>
 * <li>{@code ce_create_free}, N = 4: {@code ctx.fromArray(4 doubles)} then {@code close()} (the free rides on the
 * next command);</li>
 * <li>{@code ce_add}, N = 4096: {@code callArray("Np", "add", x, y)} then close;</li>
 * <li>{@code ce_axpy}, N = 4096: {@code z = a*x + y} as one command with a nested recipe, then close;</li>
 * <li>{@code ce_sum}, N = 4096: {@code callValue("array", "item", double.class, Recipe.of("Np", "sum", x))};</li>
 * <li>{@code spmd_add}, {@code spmd_axpy}, {@code spmd_sum}: the same operations in SPMD mode (mode {@code spmd}), the
 * engines' share of the work.</li>
 * </ul>
 * Modes: {@code mpi} ({@code mpirun -np 2}: 1 client + 1 engine), {@code embedded} (a plain {@code java}: 2 engine
 * threads), {@code spmd} (under {@code mpirun -np P}).
 */
public final class ClientEngineBenchmark {
    private static volatile double sink;
    /** {@code PEER_LARGE=N}: also {@code z = a*x + y} on N elements (e.g. 33554432), 5 commands. */
    private static final long LARGE = Long.parseLong(System.getenv().getOrDefault("PEER_LARGE", "0"));

    /** {@code PEER_WARM}: untimed commands before a case (default 20000; the same count on every process). */
    private static final int WARM = Integer.parseInt(System.getenv().getOrDefault("PEER_WARM", "20000"));

    private ClientEngineBenchmark() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "mpi";
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "15"));
        int calls = Integer.parseInt(System.getenv().getOrDefault("PEER_CALLS", "2000"));
        switch (mode) {
            case "mpi" -> {
                try (Context ctx = Context.start(args)) {
                    client(ctx, mode, ctx.engines() + 1, reps, calls);
                }
            }
            case "embedded" -> {
                int engines = args.length > 1 ? Integer.parseInt(args[1]) : 2;
                try (Context ctx = Context.embedded(engines)) {
                    client(ctx, mode, engines + 1, reps, calls);
                }
            }
            case "spmd" -> spmd(reps, calls);
            default -> throw new IllegalArgumentException("mode " + mode + ": expected mpi, embedded or spmd");
        }
    }

    private static void client(Context ctx, String mode, int ranks, int reps, int calls) {
        double[] four = {1, 2, 3, 4};
        double[] v = new double[4096];
        Arrays.setAll(v, i -> i * 0.5);
        try (RemoteArray x = ctx.fromArray(v, 4096); RemoteArray y = ctx.fromArray(v, 4096)) {
            Recipe ax = Recipe.of("Np", "multiply", x, 2.5);
            Recipe sum = Recipe.of("Np", "sum", x);
            line("ce_sync", mode, ranks, 0, reps, calls, ctx::sync);
            line("ce_create_free", mode, ranks, 4, reps, calls, () -> ctx.fromArray(four, 4).close());
            line("ce_add", mode, ranks, 4096, reps, calls, () -> ctx.callArray("Np", "add", x, y).close());
            line("ce_axpy", mode, ranks, 4096, reps, calls, () -> ctx.callArray("Np", "add", ax, y).close());
            line("ce_sum", mode, ranks, 4096, reps, calls,
                    () -> sink = ctx.callValue("array", "item", double.class, sum));
        }
        if (LARGE > 0) {
            Recipe d = Recipe.distribution(LARGE);
            try (RemoteArray x = ctx.callArray("DistArrays", "ones", d, DType.FLOAT64);
                    RemoteArray y = ctx.callArray("DistArrays", "ones", d, DType.FLOAT64)) {
                Recipe ax = Recipe.of("Np", "multiply", x, 2.5);
                line("ce_axpy_large", mode, ranks, LARGE, 5, 1, () -> ctx.callArray("Np", "add", ax, y).close());
            }
        }
    }

    private static void spmd(int reps, int calls) {
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(4096).build();
            try (DistArray x = DistArrays.ones(d, DType.FLOAT64); DistArray y = DistArrays.ones(d, DType.FLOAT64)) {
                boolean print = comm.rank() == 0;
                int ranks = comm.size();
                double[] four = {1, 2, 3, 4};
                lineIf(print, "spmd_create_free", "spmd", ranks, 4, reps, calls,
                        () -> DistArrays.fromArray(Distribution.builder(comm).shape(4).build(), DType.FLOAT64, four).close());
                lineIf(print, "spmd_dist", "spmd", ranks, 4, reps, calls, () -> Distribution.builder(comm).shape(4).build());
                lineIf(print, "spmd_add", "spmd", ranks, 4096, reps, calls, () -> Np.add(x, y).close());
                lineIf(print, "spmd_axpy", "spmd", ranks, 4096, reps, calls, () -> {
                    try (DistArray t = Np.multiply(x, 2.5)) {
                        Np.add(t, y).close();
                    }
                });
                lineIf(print, "spmd_sum", "spmd", ranks, 4096, reps, calls, () -> {
                    try (DistArray s = Np.sum(x)) {
                        sink = s.item();
                    }
                });
            }
            if (LARGE > 0) {
                Distribution big = Distribution.builder(comm).shape(LARGE).build();
                try (DistArray x = DistArrays.ones(big, DType.FLOAT64); DistArray y = DistArrays.ones(big, DType.FLOAT64)) {
                    lineIf(comm.rank() == 0, "spmd_axpy_large", "spmd", comm.size(), LARGE, 5, 1, () -> {
                        try (DistArray t = Np.multiply(x, 2.5)) {
                            Np.add(t, y).close();
                        }
                    });
                }
            }
        }
    }

    private static void line(String op, String mode, int ranks, long n, int reps, int calls, Runnable body) {
        lineIf(true, op, mode, ranks, n, reps, calls, body);
    }

    private static void lineIf(boolean print, String op, String mode, int ranks, long n, int reps, int calls, Runnable body) {
        for (int i = 0; i < Math.max(calls, WARM); i++) {
            body.run(); // warm up (JIT, caches, buffers): the JIT compiles a command's path after ~10^4 calls
        }
        long[] t = new long[reps * calls];
        long t00 = System.nanoTime();
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = System.nanoTime() - t0;
        }
        double mean = (System.nanoTime() - t00) * 1e-9 / t.length;
        Arrays.sort(t);
        if (print) {
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e mode=%s min=%.4e p90=%.4e"
                    + " mean=%.4e calls=%d%n", op, ranks, n, t[t.length / 2] * 1e-9, mode, t[0] * 1e-9,
                    t[t.length * 9 / 10] * 1e-9, mean, t.length);
        }
    }
}
