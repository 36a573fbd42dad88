package org.jdistarray.bench.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C + MPI reduction twins of {@code bench/c/reduce_twin.c}, bound by JNA direct mapping (no per-call JNA objects)
 * from the library at {@code -Djdistarray.bench.twin}; for {@code ReductionPairBenchmark}. Each call is collective
 * over the communicator whose native handle it is given and returns the slowest rank's seconds per call.
 */
public final class ReduceTwin {
    static {
        Native.register(NativeLibrary.getInstance(System.getProperty("jdistarray.bench.twin", "reduce_twin")));
    }

    private final Memory out = new Memory(8 * 4096);
    private final Memory part = new Memory(8 * 4096);

    private static native double twin_sum(long x, long m, long calls, long comm, Pointer out);

    private static native double twin_axis1(long x, long rows, long cols, long comm, Pointer part, Pointer out);

    /** Local sum of {@code m} doubles at {@code x} + MPI_Allreduce of one double, {@code calls} times. */
    public double sum(long x, long m, long calls, long comm) {
        return twin_sum(x, m, calls, comm, out);
    }

    /** The global sum of the last {@link #sum} call. */
    public double lastSum() {
        return out.getDouble(0);
    }

    /** Row sums of a {@code rows x cols} row-major block at {@code x} + MPI_Reduce of the rows to rank 0. */
    public double axis1(long x, long rows, long cols, long comm) {
        if (rows > 4096) {
            throw new IllegalArgumentException("at most 4096 rows");
        }
        return twin_axis1(x, rows, cols, comm, part, out);
    }

    /** Row {@code i}'s sum over the ranks after {@link #axis1}, at rank 0. */
    public double rowSum(long i) {
        return out.getDouble(8 * i);
    }
}
