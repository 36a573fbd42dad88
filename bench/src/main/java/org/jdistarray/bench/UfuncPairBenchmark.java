package org.jdistarray.bench;

import java.util.function.DoubleSupplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.bench.internal.UfuncTwin;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.StencilSweeps;
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
 * {@code expr5_same} and {@code expr5_f32_same} (the same against a twin rounded as JDistArray rounds: no FMA, where
 * {@code -march=native} gives the others' twins FMAs), {@code axpy_f32}, {@code axpy_i64_runtime} ({@code axpy_i64}
 * against a twin that reads its 3 at run time, as a library does), {@code axpy_i64} ({@code z = 3*x + y}), all on {@code PEER_N} elements (default 2^25), and
 * {@code add4096} ({@code Np.add(a, b, out=z)} on 4096 float64, 20 000 calls a repetition) and {@code add4096_new}
 * ({@code a.add(b)}, a new result each call, against the twin's add into an existing z), and {@code stencil5_halo}
 * (5-point Jacobi sweeps with ghost exchange against the shared C + MPI baseline's loop). Prints {@code PEER} lines
 * (medians; {@code impl=c_mpi_inproc} for the twin) and a {@code PAIR} line per case with the median, minimum and
 * maximum of the per-repetition ratio C time / JDistArray time.
 */
public final class UfuncPairBenchmark {
    private UfuncPairBenchmark() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(System.getenv().getOrDefault("PEER_N", "33554432"));
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "11"));
        String[] ops = args.length > 0 ? args : new String[] {"axpy", "axpy_out", "expr5", "expr5_same", "expr5_f32",
            "expr5_f32_same", "axpy_f32", "axpy_i64", "add4096", "add4096_new", "stencil5_halo"};
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            long h = ((MpiCommunicator) comm).nativeHandle();
            for (String op : ops) {
                switch (op) {
                    case "axpy", "axpy_out" -> {
                        boolean inPlace = op.equals("axpy");
                        try (LargeCase c = LargeCase.axpy(comm, n, inPlace)) {
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(inPlace ? UfuncTwin.AXPY : UfuncTwin.AXPY_OUT,
                                    c.address(0), c.address(1), 0, 0, c.address(2), c.localCount(), 1, h),
                                    () -> c.expr().eval(c.out()));
                        }
                    }
                    case "expr5", "expr5_f32", "expr5_same", "expr5_f32_same" -> {
                        DType t = op.startsWith("expr5_f32") ? DType.FLOAT32 : DType.FLOAT64;
                        boolean same = op.endsWith("_same");
                        int twin = t == DType.FLOAT64 ? (same ? UfuncTwin.EXPR5_SAME : UfuncTwin.EXPR5)
                                : (same ? UfuncTwin.EXPR5_F32_SAME : UfuncTwin.EXPR5_F32);
                        try (LargeCase c = LargeCase.expr5(comm, n, t)) {
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(twin, c.address(0), c.address(1),
                                    c.address(2), c.address(3), c.address(4), c.localCount(), 1, h),
                                    () -> c.expr().eval(c.out()));
                        }
                    }
                    case "axpy_f32", "axpy_i64", "axpy_i64_runtime" -> {
                        boolean i64 = op.startsWith("axpy_i64");
                        int twin = !i64 ? UfuncTwin.AXPY_F32 : op.endsWith("runtime") ? UfuncTwin.AXPY_I64_RUNTIME
                                : UfuncTwin.AXPY_I64;
                        try (LargeCase c = LargeCase.axpyTyped(comm, n, i64)) {
                            pair(comm, op, n, reps, 1, () -> UfuncTwin.run(twin,
                                    c.address(0), c.address(1), 0, 0, c.address(2), c.localCount(), 1, h),
                                    () -> c.expr().eval(c.out()));
                        }
                    }
                    case "add4096", "add4096_new" -> {
                        Distribution d = Distribution.builder(comm).shape(4096).build();
                        int calls = 20000;
                        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0]);
                                DistArray b = DistArrays.full(d, DType.FLOAT64, 1.0);
                                DistArray z = DistArrays.zeros(d, DType.FLOAT64)) {
                            Runnable ours = UfuncBenchmark.smallBody(op, a, b, z, calls);
                            pair(comm, op, 4096, reps, calls, () -> UfuncTwin.run(UfuncTwin.ADD, a.local().address(),
                                    b.local().address(), 0, 0, z.local().address(), a.local().elementCount(), calls, h),
                                    ours);
                        }
                    }
                    case "stencil5_halo" -> stencil(comm, n, reps, h);
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
            }
        }
    }

    /**
     * <b>Collective.</b> {@code stencil5_halo}: {@code PEER_STENCIL_SWEEPS} (5) sweeps of {@code StencilSweeps.jacobi5}
     * on {@link UfuncBenchmark}'s grid and layout (2^(k/2) x n/2^(k/2), one ghost cell per side) against the shared C
     * baseline's sweep and halo exchange on the same two arrays' memory; seconds per sweep.
     */
    private static void stencil(Communicator comm, long n, int reps, long h) {
        int sweeps = Integer.parseInt(System.getenv().getOrDefault("PEER_STENCIL_SWEEPS", "5"));
        Distribution d = UfuncBenchmark.stencilLayout(comm, n);
        int grid0 = d.gridShape()[0];
        try (DistArray u = DistArrays.full(d, DType.FLOAT64, 1.0); DistArray v = DistArrays.zeros(d, DType.FLOAT64)) {
            long[] cells = u.local().shape();
            DistArray[] uv = {u, v};
            pair(comm, "stencil5_halo", n, reps, sweeps, () -> UfuncTwin.stencil(u.local().address(),
                    v.local().address(), cells[0], cells[1], sweeps, 1, grid0, h), () -> {
                        for (int s = 0; s < sweeps; s++) {
                            StencilSweeps.jacobi5(uv[0], uv[1]);
                            DistArray t = uv[0];
                            uv[0] = uv[1];
                            uv[1] = t;
                        }
                    });
        }
    }

    /** <b>Collective.</b> {@link InProcessPairs#pair}, warming up with 10 small or 5 large bodies a side. */
    private static void pair(Communicator comm, String op, long n, int reps, int calls, DoubleSupplier c,
            Runnable ours) {
        InProcessPairs.pair(comm, op, n, 0, reps, calls, calls > 1 ? 10 : 5, c, ours);
    }
}
