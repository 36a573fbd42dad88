package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.StencilSweeps;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.protocol.DType;

/**
 * Element-wise operations under mpirun, in the shared baseline line format; the C twin is {@code bench/c/ufunc_bench.c}
 * and the NumPy + mpi4py twin {@code bench/ufunc_numpy.py}, run in the same job by {@code bench/run_ufunc_bench.sh}:
 * <ul>
 * <li>{@code axpy}: {@code y = a*x + y} in place ({@code Np.expr(x).multiply(a).add(y).eval(out(y))}), 24 N bytes;</li>
 * <li>{@code axpy_out}: {@code z = a*x + y} into an existing {@code z}, 24 N bytes;</li>
 * <li>{@code axpy_new}: {@code z = a*x + y} as a new array each call (allocation and first touch included), 24 N;</li>
 * <li>{@code expr5}: {@code e = sqrt(a*a + b*b) * c - d}, fused, into an existing {@code e}, 40 N bytes;</li>
 * <li>{@code expr5_f32}: the same on float32 arrays, 20 N bytes;</li>
 * <li>{@code axpy_i64}, {@code axpy_f32}: {@code z = 3*x + y} on int64 and {@code z = 0.5*x + y} on float32 into
 * {@code out=z};</li>
 * <li>{@code add4096}: {@code z = a + b} on 4096 doubles (in total) into an existing {@code z}: seconds per call;</li>
 * <li>{@code add4096_new}: the same as a new array per call ({@code a.add(b)}, closed after).</li>
 * </ul>
 * N = {@code PEER_N} doubles in total (default 2^25), block-distributed; medians of {@code PEER_REPS} repetitions of
 * the slowest rank's time, after a warm-up.
 */
public final class UfuncBenchmark {
    private UfuncBenchmark() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(env("PEER_N", "33554432"));
        int reps = Integer.parseInt(env("PEER_REPS", "10"));
        String[] ops = args.length > 0 ? args : new String[] {"axpy", "axpy_out", "axpy_i64", "axpy_f32", "expr5", "expr5_f32", "add4096",
            "add4096_new", "stencil"};
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            for (String op : ops) {
                switch (op) {
                    case "axpy", "axpy_out", "axpy_new" -> axpy(comm, op, n, reps);
                    case "axpy_i64", "axpy_f32" -> axpyTyped(comm, op, n, reps);
                    case "expr5" -> expr5(comm, n, reps);
                    case "expr5_f32" -> expr5(comm, n, reps, DType.FLOAT32, "expr5_f32");
                    case "add4096", "add4096_new" -> small(comm, op, reps);
                    case "stencil" -> stencil(comm, n, reps);
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
            }
        }
    }

    private static void axpy(Communicator comm, String op, long n, int reps) {
        try (LargeCase c = LargeCase.axpy(comm, n, op.equals("axpy"))) {
            Runnable body = op.equals("axpy_new") ? () -> c.expr().eval().close() : () -> c.expr().eval(c.out());
            double[] t = time(comm, body, reps, 1, 2);
            report(comm, op, n, t, 24.0 * n, "FusedAxpy");
        }
    }

    /**
     * The 5-point Jacobi sweep with ghost exchange ({@code StencilSweeps.jacobi5}) on the C baseline's grid
     * ({@code /work/shared/bench/c/peer_c.c stencil}): {@code 2^(k/2) x N/2^(k/2)} doubles, block x block over an
     * {@code MPI_Dims_create}-like grid, {@code PEER_STENCIL_SWEEPS} sweeps per repetition (default 5), 16 N bytes
     * per sweep.
     */
    private static void stencil(Communicator comm, long n, int reps) {
        int sweeps = Integer.parseInt(env("PEER_STENCIL_SWEEPS", "5"));
        Distribution d = stencilLayout(comm, n);
        long ny = d.shape()[0];
        long nx = d.shape()[1];
        int d0 = d.gridShape()[0];
        int p = comm.size();
        try (DistArray u = DistArrays.full(d, DType.FLOAT64, 1.0); DistArray v = DistArrays.zeros(d, DType.FLOAT64)) {
            DistArray[] uv = {u, v};
            double[] t = time(comm, () -> {
                for (int s = 0; s < sweeps; s++) {
                    StencilSweeps.jacobi5(uv[0], uv[1]);
                    DistArray tmp = uv[0];
                    uv[0] = uv[1];
                    uv[1] = tmp;
                }
            }, reps, sweeps, 1);
            report(comm, "stencil5_halo", n, t, 16.0 * n, "per_sweep_" + ny + "x" + nx + "_grid" + d0 + "x" + (p / d0)
                    + "_StencilSweeps.jacobi5");
        }
    }

    /**
     * The stencil case's layout, as the shared C baseline's: {@code 2^(k/2) x n/2^(k/2)} (k = floor(log2 n)) on a grid
     * of {@code f x p/f} ranks (f the smallest divisor of p from sqrt(p) up: MPI_Dims_create's for 1 and 2 ranks),
     * blocks with one ghost cell on every side.
     */
    static Distribution stencilLayout(Communicator comm, long n) {
        int k = 0;
        while ((1L << (k + 1)) <= n) {
            k++;
        }
        long ny = 1L << (k / 2);
        int p = comm.size();
        int d0 = p;
        for (int f = (int) Math.ceil(Math.sqrt(p)); f <= p; f++) {
            if (p % f == 0) {
                d0 = f;
                break;
            }
        }
        return Distribution.builder(comm).shape(ny, n / ny).grid(d0, p / d0).padding(0, 1, 0).padding(1, 1, 0).build();
    }

    /**
     * {@code z = 3*x + y} on int64 and {@code z = 0.5*x + y} on float32 arrays into {@code out=z} (a Python int and a
     * Python float: NumPy keeps the array dtype), the dtypes other than float64 at the same size.
     */
    private static void axpyTyped(Communicator comm, String op, long n, int reps) {
        boolean i64 = op.equals("axpy_i64");
        try (LargeCase c = LargeCase.axpyTyped(comm, n, i64)) {
            double[] times = time(comm, () -> c.expr().eval(c.out()), reps, 1, 2);
            report(comm, op, n, times, (i64 ? 24.0 : 12.0) * n, i64 ? "3*x+y_int64_out" : "0.5*x+y_float32_out");
        }
    }

    private static void expr5(Communicator comm, long n, int reps) {
        expr5(comm, n, reps, DType.FLOAT64, "expr5");
    }

    /** The 5-operation expression in {@code t} (float64: {@code expr5}, float32: {@code expr5_f32}, 20 N bytes). */
    private static void expr5(Communicator comm, long n, int reps, DType t, String op) {
        try (LargeCase c = LargeCase.expr5(comm, n, t)) {
            double[] times = time(comm, () -> c.expr().eval(c.out()), reps, 1, 2);
            report(comm, op, n, times, 5.0 * t.itemSize() * n, "sqrt(a*a+b*b)*c-d_" + t.numpyName() + "_"
                    + org.jdistarray.ops.ElementLoops.status().split(" ")[0]);
        }
    }

    private static void small(Communicator comm, String op, int reps) {
        Distribution d = Distribution.builder(comm).shape(4096).build();
        int calls = 20000;
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0]);
             DistArray b = DistArrays.full(d, DType.FLOAT64, 1.0); DistArray z = DistArrays.zeros(d, DType.FLOAT64)) {
            Runnable body = smallBody(op, a, b, z, calls);
            // ten repetitions' worth of warm-up, as ReductionBenchmark: under mpirun --bind-to core the JIT's compiler
            // threads share the measured core, and three left the first repetitions in code still being compiled
            // (2-rank medians of 0.30-0.34 us against minima of 0.14 us, 2026-12-03 06:01 UTC)
            double[] t = time(comm, body, reps, calls, 10);
            report(comm, op, 4096, t, 24.0 * 4096, "per call");
        }
    }

    /**
     * {@code calls} small adds: {@code add4096} into {@code out=z}, {@code add4096_new} a new result each call
     * (closed at once).
     */
    static Runnable smallBody(String op, DistArray a, DistArray b, DistArray z, int calls) {
        UfuncOptions out = UfuncOptions.out(z);
        return op.equals("add4096") ? () -> {
            for (int i = 0; i < calls; i++) {
                Np.add(a, b, out);
            }
        } : () -> {
            for (int i = 0; i < calls; i++) {
                a.add(b).close();
            }
        };
    }

    /** Per-call seconds of each repetition: the slowest rank's, sorted. */
    private static double[] time(Communicator comm, Runnable body, int reps, int calls, int warmups) {
        for (int w = 0; w < warmups; w++) {
            body.run();
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            body.run();
            double dt = (System.nanoTime() - t0) / 1e9;
            t[r] = Collectives.max(comm, dt) / calls;
        }
        Arrays.sort(t);
        return t;
    }

    private static void report(Communicator comm, String op, long n, double[] t, double bytes, String note) {
        if (comm.rank() != 0) {
            return;
        }
        int m = t.length;
        double median = m % 2 == 1 ? t[m / 2] : 0.5 * (t[m / 2 - 1] + t[m / 2]);
        System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.6g gbs=%.2f reps=%d min=%.6g note=%s%n",
                op, comm.size(), n, median, bytes / median / 1e9, m, t[0], note);
        System.out.flush();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
