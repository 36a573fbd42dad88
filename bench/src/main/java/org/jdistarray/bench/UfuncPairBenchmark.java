package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.bench.internal.UfuncTwin;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Expr;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.protocol.DType;

/**
 * {@link UfuncBenchmark}'s cases against their C + MPI twins in one process ({@code bench/c/ufunc_twin.c}, the loops
 * of {@code bench/c/ufunc_bench.c}, loaded through JNA from {@code -Djdistarray.bench.ufuncTwin}): the twin runs on
 * the same communicator and on the same arrays' memory, and the two alternate repetition by repetition (which goes
 * first alternating too), as {@link ReductionPairBenchmark} does for reductions: this host's memory bandwidth changes
 * state between processes, and separate runs turned that into ratios of 0.5-1.8.
 *
 * <p>Cases ({@code args}; none: all): {@code axpy} ({@code y = 0.5*x + y} in place), {@code axpy_out}
 * ({@code z = 0.5*x + y} into z), {@code expr5} ({@code e = sqrt(a*a + b*b)*c - d} into e), {@code expr5_f32},
 * {@code axpy_f32}, {@code axpy_i64} ({@code z = 3*x + y}), all on {@code PEER_N} elements (default 2^25), and
 * {@code add4096} ({@code Np.add(a, b, out=z)} on 4096 float64, 20 000 calls a repetition) and {@code add4096_new}
 * ({@code a.add(b)}, a new result each call, against the twin's add into an existing z). Prints {@code PEER} lines
 * (medians; {@code impl=c_mpi_inproc} for the twin) and a {@code PAIR} line per case with the median, minimum and
 * maximum of the per-repetition ratio C time / JDistArray time.
 */
public final class UfuncPairBenchmark {
    private UfuncPairBenchmark() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(System.getenv().getOrDefault("PEER_N", "33554432"));
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "11"));
        String[] ops = args.length > 0 ? args : new String[] {"axpy", "axpy_out", "expr5", "expr5_f32", "axpy_f32",
            "axpy_i64", "add4096", "add4096_new"};
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            long h = ((MpiCommunicator) comm).nativeHandle();
            for (String op : ops) {
                switch (op) {
                    case "axpy", "axpy_out" -> {
                        Distribution d = Distribution.builder(comm).shape(n).build();
                        try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 7);
                                DistArray y = DistArrays.full(d, DType.FLOAT64, 1.0);
                                DistArray z = DistArrays.zeros(d, DType.FLOAT64)) {
                            boolean inPlace = op.equals("axpy");
                            Expr e = Np.expr(x).multiply(0.5).add(y);
                            UfuncOptions out = UfuncOptions.out(inPlace ? y : z);
                            long m = x.local().elementCount();
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(inPlace ? UfuncTwin.AXPY : UfuncTwin.AXPY_OUT,
                                    x.local().address(), y.local().address(), 0, 0, z.local().address(), m, 1, h),
                                    () -> e.eval(out));
                        }
                    }
                    case "expr5", "expr5_f32" -> {
                        DType t = op.equals("expr5") ? DType.FLOAT64 : DType.FLOAT32;
                        Distribution d = Distribution.builder(comm).shape(n).build();
                        try (DistArray a = DistArrays.fromFunction(d, t, g -> g[0] % 7);
                                DistArray b = DistArrays.fromFunction(d, t, g -> g[0] % 5);
                                DistArray c = DistArrays.full(d, t, 2.0); DistArray dd = DistArrays.full(d, t, 1.0);
                                DistArray e = DistArrays.zeros(d, t)) {
                            Expr x = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(c).subtract(dd);
                            UfuncOptions out = UfuncOptions.out(e);
                            int twin = t == DType.FLOAT64 ? UfuncTwin.EXPR5 : UfuncTwin.EXPR5_F32;
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(twin, a.local().address(),
                                    b.local().address(), c.local().address(), dd.local().address(), e.local().address(),
                                    a.local().elementCount(), 1, h), () -> x.eval(out));
                        }
                    }
                    case "axpy_f32", "axpy_i64" -> {
                        boolean i64 = op.equals("axpy_i64");
                        DType t = i64 ? DType.INT64 : DType.FLOAT32;
                        Distribution d = Distribution.builder(comm).shape(n).build();
                        try (DistArray x = DistArrays.fromFunction(d, t, g -> g[0] % 7); DistArray y = DistArrays.ones(d, t);
                                DistArray z = DistArrays.zeros(d, t)) {
                            Expr e = i64 ? Np.expr(x).multiply(Expr.scalar(3L)).add(y) : Np.expr(x).multiply(0.5).add(y);
                            UfuncOptions out = UfuncOptions.out(z);
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(i64 ? UfuncTwin.AXPY_I64 : UfuncTwin.AXPY_F32,
                                    x.local().address(), y.local().address(), 0, 0, z.local().address(),
                                    x.local().elementCount(), 1, h), () -> e.eval(out));
                        }
                    }
                    case "add4096", "add4096_new" -> {
                        Distribution d = Distribution.builder(comm).shape(4096).build();
                        int calls = 20000;
                        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0]);
                                DistArray b = DistArrays.full(d, DType.FLOAT64, 1.0);
                                DistArray z = DistArrays.zeros(d, DType.FLOAT64)) {
                            UfuncOptions out = UfuncOptions.out(z);
                            Runnable ours = op.equals("add4096") ? () -> {
                                for (int i = 0; i < calls; i++) {
                                    Np.add(a, b, out);
                                }
                            } : () -> {
                                for (int i = 0; i < calls; i++) {
                                    a.add(b).close();
                                }
                            };
                            pair(comm, op, 4096, reps, calls, () -> UfuncTwin.run(UfuncTwin.ADD, a.local().address(),
                                    b.local().address(), 0, 0, z.local().address(), a.local().elementCount(), calls, h),
                                    ours);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
            }
        }
    }

    /**
     * <b>Collective.</b> Warms both sides up (large cases: 5 runs each; small: ten repetitions' worth and a second
     * at least, as {@link ReductionBenchmark}), then alternates them for {@code reps} repetitions. {@code ours} runs
     * {@code calls} operations per call.
     */
    private static void pair(Communicator comm, String op, long n, int reps, int calls, DoubleSupplier c,
            Runnable ours) {
        int warm = calls > 1 ? 10 : 5;
        for (int i = 0; i < warm; i++) {
            ours.run();
            c.getAsDouble();
        }
        long warmStart = System.nanoTime();
        while (calls > 1 && Collectives.max(comm, System.nanoTime() - warmStart < 1_000_000_000L ? 1 : 0) > 0) {
            ours.run();
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
            Arrays.sort(tc);
            Arrays.sort(tj);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "PEER impl=c_mpi_inproc op=%s ranks=%d N=%d seconds=%.4e reps=%d min=%.4e"
                    + " note=twin_in_process%n", op, comm.size(), n, tc[reps / 2], reps, tc[0]);
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e reps=%d min=%.4e"
                    + " note=paired_in_process%n", op, comm.size(), n, tj[reps / 2], reps, tj[0]);
            System.out.printf(Locale.ROOT, "PAIR op=%s ranks=%d N=%d speed_vs_c_median=%.3f min=%.3f max=%.3f reps=%d%n",
                    op, comm.size(), n, ratio[reps / 2], ratio[0], ratio[reps - 1], reps);
        }
    }

    /** <b>Collective.</b> The slowest rank's seconds per operation of one call of {@code ours}. */
    private static double timeOurs(Communicator comm, int calls, Runnable ours) {
        comm.barrier();
        long start = System.nanoTime();
        ours.run();
        return Collectives.max(comm, (System.nanoTime() - start) / 1e9) / calls;
    }
}
