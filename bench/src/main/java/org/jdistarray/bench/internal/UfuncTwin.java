package org.jdistarray.bench.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The C + MPI element-wise twins of {@code bench/c/ufunc_twin.c} (the loops of {@code bench/c/ufunc_bench.c}), bound
 * by JNA direct mapping from the library at {@code -Djdistarray.bench.ufuncTwin}; for {@code UfuncPairBenchmark}.
 */
public final class UfuncTwin {
    /** The twins' operation numbers (the C enum). */
    public static final int AXPY = 0;
    public static final int AXPY_OUT = 1;
    public static final int EXPR5 = 2;
    public static final int AXPY_I64 = 3;
    public static final int AXPY_F32 = 4;
    public static final int EXPR5_F32 = 5;
    public static final int ADD = 6;
    /** {@link #EXPR5} and {@link #EXPR5_F32} with JDistArray's rounding: each operation rounded, no FMA. */
    public static final int EXPR5_SAME = 7;
    public static final int EXPR5_F32_SAME = 8;
    /** {@link #AXPY_I64} with its 3 read at run time, as a library receives it. */
    public static final int AXPY_I64_RUNTIME = 9;

    static {
        Native.register(NativeLibrary.getInstance(System.getProperty("jdistarray.bench.ufuncTwin", "ufunc_twin")));
    }

    private UfuncTwin() {
    }

    private static native double twin_stencil(long u, long v, long rows, long cols, long sweeps, long calls, long dims0,
            long comm);

    /**
     * <b>Collective.</b> {@code calls} times {@code sweeps} 5-point Jacobi sweeps with halo exchange (the shared C
     * baseline's loop) on local blocks of {@code rows x cols} cells with one ghost cell on every side, at {@code u} and
     * {@code v}, on a {@code dims0 x (p/dims0)} grid; the slowest rank's seconds per sweep.
     */
    public static double stencil(long u, long v, long rows, long cols, long sweeps, long calls, long dims0, long comm) {
        return twin_stencil(u, v, rows, cols, sweeps, calls, dims0, comm);
    }

    private static native double twin_run(int op, long a, long b, long c, long d, long e, long n, long calls, long comm);

    /**
     * <b>Collective.</b> {@code calls} runs of the loop {@code op} over {@code n} local elements at the given addresses
     * (0 where the loop has no such operand); the slowest rank's seconds per call.
     */
    public static double run(int op, long a, long b, long c, long d, long e, long n, long calls, long comm) {
        return twin_run(op, a, b, c, d, e, n, calls, comm);
    }
}
