package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.util.List;

import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;

/**
 * Creation of {@link DistArray}s, NumPy's names: {@code empty}, {@code zeros}, {@code ones}, {@code full},
 * {@code arange}, {@code linspace}, {@code fromfunction}, {@code fromArray} and the {@code like} variants. Every
 * method is <b>collective</b> over the distribution's communicator (most need no communication, but every rank must
 * create its handle), writes every cell of the local block including padding (ghost cells get the value of the
 * element they mirror), and returns an array the caller must close.
 */
public final class DistArrays {
    private DistArrays() {
    }

    /** <b>Collective.</b> An uninitialised array (as {@code numpy.empty}: the values are whatever the memory held). */
    public static DistArray empty(Distribution dist, DType dtype) {
        return allocate(dist, dtype, false, NativeMemory.DEFAULT_CHUNK_SHIFT);
    }

    /** <b>Collective.</b> An array of zeros. */
    public static DistArray zeros(Distribution dist, DType dtype) {
        return allocate(dist, dtype, true, NativeMemory.DEFAULT_CHUNK_SHIFT);
    }

    /** <b>Collective.</b> An array of ones. */
    public static DistArray ones(Distribution dist, DType dtype) {
        return full(dist, dtype, 1L);
    }

    /** <b>Collective.</b> An array whose every element is {@code value} cast to {@code dtype}. */
    public static DistArray full(Distribution dist, DType dtype, double value) {
        DistArray a = empty(dist, dtype);
        a.fill(value);
        return a;
    }

    /** <b>Collective.</b> An array whose every element is {@code value} cast to {@code dtype} (exact for int64). */
    public static DistArray full(Distribution dist, DType dtype, long value) {
        DistArray a = empty(dist, dtype);
        a.fill(value);
        return a;
    }

    /** <b>Collective.</b> {@link #empty} with the distribution and dtype of {@code like}. */
    public static DistArray emptyLike(DistArray like) {
        return empty(like.distribution(), like.dtype());
    }

    /** <b>Collective.</b> {@link #zeros} with the distribution and dtype of {@code like}. */
    public static DistArray zerosLike(DistArray like) {
        return zeros(like.distribution(), like.dtype());
    }

    /** <b>Collective.</b> {@link #ones} with the distribution and dtype of {@code like}. */
    public static DistArray onesLike(DistArray like) {
        return ones(like.distribution(), like.dtype());
    }

    /** <b>Collective.</b> {@link #full(Distribution, DType, double)} with the distribution and dtype of {@code like}. */
    public static DistArray fullLike(DistArray like, double value) {
        return full(like.distribution(), like.dtype(), value);
    }

    /**
     * <b>Collective.</b> {@code numpy.arange(stop)}: int64 values {@code 0 .. stop-1}, 1-D, block-distributed over
     * every rank of {@code comm}.
     */
    public static DistArray arange(Communicator comm, long stop) {
        Distribution d = Distribution.fromShape(comm, new long[] {Math.max(0, stop)}, List.of(DistKind.BLOCK));
        return fromLongFunction(d, DType.INT64, g -> g[0]);
    }

    /**
     * <b>Collective.</b> {@code numpy.arange(start, stop, step, dtype)}: {@code ceil((stop - start) / step)} values
     * {@code start + i * step} (cast to {@code dtype}), 1-D, block-distributed over every rank of {@code comm}.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or not finite
     */
    public static DistArray arange(Communicator comm, double start, double stop, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: need finite start, stop and a non-zero step, got "
                    + start + ", " + stop + ", " + step);
        }
        long n = (long) Math.max(0, Math.ceil((stop - start) / step));
        Distribution d = Distribution.fromShape(comm, new long[] {n}, List.of(DistKind.BLOCK));
        return arange(d, start, step, dtype);
    }

    /**
     * <b>Collective.</b> Values {@code start + i * step} at global index {@code i} of a 1-D distribution (any kind).
     *
     * @throws IllegalArgumentException if the distribution is not 1-D
     */
    public static DistArray arange(Distribution dist, double start, double step, DType dtype) {
        oneD(dist, "arange");
        return fromFunction(dist, dtype, g -> start + g[0] * step);
    }

    /**
     * <b>Collective.</b> {@code numpy.linspace(start, stop, num, endpoint)} over a 1-D distribution of {@code num}
     * elements, float64: {@code start + i * step} with {@code step = (stop - start) / (num - 1)} ({@code / num}
     * without the endpoint); with the endpoint the last value is exactly {@code stop}.
     */
    public static DistArray linspace(Distribution dist, double start, double stop, boolean endpoint) {
        oneD(dist, "linspace");
        long num = dist.shape()[0];
        long div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : Double.NaN;
        return fromFunction(dist, DType.FLOAT64, g -> {
            if (endpoint && g[0] == num - 1 && num > 1) {
                return stop;
            }
            return div > 0 ? start + g[0] * step : start;
        });
    }

    /** <b>Collective.</b> {@link #linspace(Distribution, double, double, boolean)} with the endpoint, block over {@code comm}. */
    public static DistArray linspace(Communicator comm, double start, double stop, long num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: number of samples must be >= 0, got " + num);
        }
        return linspace(Distribution.fromShape(comm, new long[] {num}, List.of(DistKind.BLOCK)), start, stop, true);
    }

    /**
     * <b>Collective</b> (no communication). {@code numpy.fromfunction}: each rank evaluates {@code f} at the global
     * index of every cell of its block, padding included, where the element lives.
     */
    public static DistArray fromFunction(Distribution dist, DType dtype, DoubleIndexFunction f) {
        if (f == null) {
            throw new IllegalArgumentException("fromFunction: the function is null");
        }
        DistArray a = empty(dist, dtype);
        if (dist.localMap().holdsNothing()) {
            return a;
        }
        Storage st = storageOf(a);
        DType t = dtype;
        LocalBox.all(dist.localShape()).forEachCell(dist.dimData(), dist.shape(),
                (g, flat, off) -> Casts.putDouble(st.chunkOf(off), st.posOf(off), t, f.at(g)));
        return a;
    }

    /** <b>Collective</b> (no communication). As {@link #fromFunction}, with long values (exact for 64-bit integers). */
    public static DistArray fromLongFunction(Distribution dist, DType dtype, LongIndexFunction f) {
        if (f == null) {
            throw new IllegalArgumentException("fromFunction: the function is null");
        }
        DistArray a = empty(dist, dtype);
        if (dist.localMap().holdsNothing()) {
            return a;
        }
        Storage st = storageOf(a);
        LocalBox.all(dist.localShape()).forEachCell(dist.dimData(), dist.shape(),
                (g, flat, off) -> Casts.putLong(st.chunkOf(off), st.posOf(off), dtype, f.at(g)));
        return a;
    }

    /**
     * <b>Collective.</b> Scatters a C-order global array held by {@code root} ({@code values} is ignored elsewhere
     * and may be null) into a new array of {@code dtype}.
     *
     * @throws IllegalArgumentException on every rank if the root's array does not have {@code dist.globalSize()}
     *     elements
     */
    public static DistArray fromArray(Distribution dist, DType dtype, double[] values, int root) {
        checkRootArray(dist, root, values == null ? -1 : values.length);
        DistArray a = empty(dist, dtype);
        Transfers.scatter(dist, storageOf(a), root, (flat, b, pos) -> Casts.putDouble(b, pos, dtype, values[(int) flat]));
        return a;
    }

    /** <b>Collective.</b> As {@link #fromArray(Distribution, DType, double[], int)}, with long values. */
    public static DistArray fromArray(Distribution dist, DType dtype, long[] values, int root) {
        checkRootArray(dist, root, values == null ? -1 : values.length);
        DistArray a = empty(dist, dtype);
        Transfers.scatter(dist, storageOf(a), root, (flat, b, pos) -> Casts.putLong(b, pos, dtype, values[(int) flat]));
        return a;
    }

    /**
     * <b>Collective.</b> Scatters a C-order global array held by {@code root} as a flat buffer of {@code dtype}
     * elements (native order, from index 0; ignored elsewhere) into a new array of {@code dtype}.
     */
    public static DistArray fromBuffer(Distribution dist, DType dtype, ByteBuffer flat, int root) {
        if (dist == null || dtype == null) {
            throw new IllegalArgumentException("fromBuffer: distribution and dtype are required");
        }
        int size = dtype.itemSize();
        checkRootArray(dist, root, flat == null ? -1 : flat.capacity() / size);
        ByteBuffer src = dist.rank() == root ? flat.duplicate().order(java.nio.ByteOrder.nativeOrder()) : null;
        DistArray a = empty(dist, dtype);
        Transfers.scatter(dist, storageOf(a), root, (f, b, pos) -> b.put(pos, src, (int) f * size, size));
        return a;
    }

    /**
     * <b>Collective</b> (agreement only). Every rank holds the same C-order global array; each copies its part (no
     * data moves between ranks).
     */
    public static DistArray fromArray(Distribution dist, DType dtype, double[] valuesOnEveryRank) {
        checkEveryRank(dist, valuesOnEveryRank == null ? -1 : valuesOnEveryRank.length);
        DistArray a = empty(dist, dtype);
        Transfers.fillLocal(dist, storageOf(a), (flat, b, pos) -> Casts.putDouble(b, pos, dtype, valuesOnEveryRank[(int) flat]));
        return a;
    }

    /** <b>Collective</b> (agreement only). As {@link #fromArray(Distribution, DType, double[])}, with long values. */
    public static DistArray fromArray(Distribution dist, DType dtype, long[] valuesOnEveryRank) {
        checkEveryRank(dist, valuesOnEveryRank == null ? -1 : valuesOnEveryRank.length);
        DistArray a = empty(dist, dtype);
        Transfers.fillLocal(dist, storageOf(a), (flat, b, pos) -> Casts.putLong(b, pos, dtype, valuesOnEveryRank[(int) flat]));
        return a;
    }

    // ---- Redistribution ----------------------------------------------------------------------------------------

    /**
     * <b>Collective.</b> A copy of {@code a} in distribution {@code to} (same global shape, same communicator; any
     * layouts): plans ({@link Redistribution#plan}) and runs the plan. Caller must close the result. For repeated
     * moves of the same pair, make the plan once and use {@link #redistribute(DistArray, Redistribution, DistArray)}.
     *
     * @throws org.jdistarray.protocol.DistArrayException on every rank, before any data moves, if the shapes or the
     *     communicators differ
     */
    public static DistArray redistribute(DistArray a, Distribution to) {
        return RedistributeOps.redistribute(a, to);
    }

    /** <b>Collective.</b> Runs {@code plan} on {@code a} into a new array of the plan's target. Caller must close it. */
    public static DistArray redistribute(DistArray a, Redistribution plan) {
        return RedistributeOps.run(a, plan, null);
    }

    /**
     * <b>Collective.</b> Runs {@code plan} on {@code a} into {@code out} (the plan's target distribution, the same
     * dtype, another array): the memory-reusing form for time-stepping codes. Returns {@code out}.
     *
     * @throws org.jdistarray.protocol.DistArrayException on every rank, before any data moves, if the plan's source
     *     is not {@code a}'s distribution, {@code out} has another distribution or dtype, or is {@code a}
     */
    public static DistArray redistribute(DistArray a, Redistribution plan, DistArray out) {
        if (out == null) {
            throw new IllegalArgumentException("redistribute: the output array is null");
        }
        return RedistributeOps.run(a, plan, out);
    }

    /**
     * <b>Collective.</b> {@code numpy.reshape(a, newShape)} in C order, into the default block distribution of the new
     * shape over the same communicator; one entry may be -1 (inferred). Caller must close the result.
     *
     * @throws org.jdistarray.protocol.DistArrayException on every rank if the sizes differ ("cannot reshape array of
     *     size 12 into shape (5,)")
     */
    public static DistArray reshape(DistArray a, long... newShape) {
        return RedistributeOps.reshape(a, newShape);
    }

    /** <b>Collective.</b> C-order reshape into any target distribution of the same size. Caller must close it. */
    public static DistArray reshape(DistArray a, Distribution to) {
        return RedistributeOps.reshape(a, to);
    }

    /**
     * <b>Collective.</b> {@code numpy.transpose(a, axes)} (no axes: reversed) as a new array in the permuted layout
     * (axis {@code k} of the result has the distribution of axis {@code axes[k]} of {@code a}); when no element
     * changes rank this is a local transposing copy without messages. Caller must close the result.
     */
    public static DistArray transpose(DistArray a, int... axes) {
        return RedistributeOps.transpose(a, axes);
    }

    /** <b>Collective.</b> Transpose into a chosen target distribution of the permuted shape. Caller must close it. */
    public static DistArray transpose(DistArray a, Distribution to, int... axes) {
        return RedistributeOps.transpose(a, to, axes);
    }

    /** <b>Collective.</b> {@code numpy.swapaxes(a, axis1, axis2)} as a transpose. Caller must close the result. */
    public static DistArray swapaxes(DistArray a, int axis1, int axis2) {
        return RedistributeOps.swapaxes(a, axis1, axis2);
    }

    /**
     * <b>Collective.</b> Fills the communication padding of {@code a} with a ghost plan
     * ({@link Redistribution#ghosts}): one exchange for all axes, corners included. Returns {@code a}.
     *
     * @throws org.jdistarray.protocol.DistArrayException on every rank if the plan is not a ghost plan of
     *     {@code a}'s distribution
     */
    public static DistArray exchangeGhosts(DistArray a, Redistribution ghostPlan) {
        return RedistributeOps.exchangeGhosts(a, ghostPlan);
    }

    /**
     * <b>Collective</b> (creation, one small all-reduce). A zero-filled array in named shared memory, exportable to other
     * processes with {@link DistArray#exportShared}. See {@link SharedArrays#zeros}. Caller must close it.
     */
    public static DistArray zerosShared(Distribution dist, DType dtype) {
        return SharedArrays.zeros(dist, dtype);
    }

    /** Allocation with a chosen chunk size: lets tests run every path on multi-chunk blocks. */
    static DistArray allocate(Distribution dist, DType dtype, boolean zero, int chunkShift) {
        if (dist == null || dtype == null) {
            throw new IllegalArgumentException("distribution and dtype are required");
        }
        return new DistArray(dist, dtype, Storage.allocate(dtype, dist.localElementCount(), zero, chunkShift));
    }

    private static Storage storageOf(DistArray a) {
        return a.storage();
    }

    private static void oneD(Distribution dist, String what) {
        if (dist.ndim() != 1) {
            throw new IllegalArgumentException(what + " needs a 1-D distribution, got " + dist.ndim() + " dimensions");
        }
    }

    /**
     * <b>Not collective.</b> A distributed array on memory someone else owns (a solver's vector, a native buffer),
     * with no copy and no communication: {@code memory}'s bytes from 0 to its capacity are this rank's local block
     * (C order, native byte order, padding cells included). The array never frees the memory; the caller keeps it
     * valid while the array is used. Closing the array is optional (collective, frees nothing).
     * {@link DistArray#fromProtocol} is the validated, collective way for protocol exports.
     *
     * @throws IllegalArgumentException if the buffer is not direct or its capacity is not the local block's size
     */
    public static DistArray view(Distribution dist, DType dtype, ByteBuffer memory) {
        java.util.Objects.requireNonNull(dist, "dist");
        java.util.Objects.requireNonNull(dtype, "dtype");
        java.util.Objects.requireNonNull(memory, "memory");
        long bytes = Math.multiplyExact(dist.localElementCount(), dtype.itemSize());
        if (!memory.isDirect() || memory.capacity() != bytes) {
            throw new IllegalArgumentException("view: need a direct buffer of " + bytes + " bytes for local shape "
                    + java.util.Arrays.toString(dist.localShape()) + " of " + dtype.numpyName() + ", got "
                    + (memory.isDirect() ? memory.capacity() + " bytes" : "a heap buffer"));
        }
        return new DistArray(dist, dtype, Storage.wrap(memory, dtype));
    }

    private static void checkRootArray(Distribution dist, int root, long length) {
        dist.context().verify("fromArray", 0, root); // every rank names the same root (else: a deadlock under MPI)
        int size = dist.communicator().size();
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " out of range [0, " + size + ")");
        }
        CollectiveErrors.agree(dist.context().comm(), () -> {
            if (dist.rank() == root) {
                checkLength(dist, length);
            }
            return null;
        });
    }

    private static void checkEveryRank(Distribution dist, long length) {
        CollectiveErrors.agree(dist.context().comm(), () -> {
            checkLength(dist, length);
            return null;
        });
    }

    private static void checkLength(Distribution dist, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("fromArray: the values are null");
        }
        if (length != dist.globalSize()) {
            throw new IllegalArgumentException("fromArray: " + length + " values given for an array of shape "
                    + java.util.Arrays.toString(dist.shape()) + " (" + dist.globalSize() + " elements)");
        }
    }
}
