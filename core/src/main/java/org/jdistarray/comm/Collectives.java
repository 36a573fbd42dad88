package org.jdistarray.comm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Typed conveniences over {@link Communicator} for single values and small arrays: the sum of a long, the maximum of
 * a double, a logical and of booleans. Each call is one collective on the communicator. Scratch buffers are per
 * thread, so the helpers allocate nothing in steady state.
 */
public final class Collectives {
    private static final int SCRATCH_BYTES = 64;
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[] {
        ByteBuffer.allocateDirect(SCRATCH_BYTES).order(ByteOrder.nativeOrder()),
        ByteBuffer.allocateDirect(SCRATCH_BYTES).order(ByteOrder.nativeOrder())});

    private Collectives() {
    }

    /** Maximum and where it is: the result of {@link #maxLoc}/{@link #minLoc}. */
    public record ValueLocation(double value, long location) {
    }

    /** <b>Collective.</b> {@code op} over every rank's {@code value}; the same result on all ranks. */
    public static double allReduce(Communicator comm, double value, ReduceOp op) {
        DoubleBuffer b = scratch(0).asDoubleBuffer();
        b.put(0, value);
        comm.allReduce(b.limit(1), op);
        return b.get(0);
    }

    /** <b>Collective.</b> {@code op} over every rank's {@code value}; the same result on all ranks. */
    public static long allReduce(Communicator comm, long value, ReduceOp op) {
        LongBuffer b = scratch(0).asLongBuffer();
        b.put(0, value);
        comm.allReduce(b.limit(1), op);
        return b.get(0);
    }

    /** <b>Collective.</b> {@code op} over every rank's {@code value}; the same result on all ranks. */
    public static int allReduce(Communicator comm, int value, ReduceOp op) {
        IntBuffer b = scratch(0).asIntBuffer();
        b.put(0, value);
        comm.allReduce(b.limit(1), op);
        return b.get(0);
    }

    /** <b>Collective.</b> Sum of every rank's {@code value}. */
    public static double sum(Communicator comm, double value) {
        return allReduce(comm, value, ReduceOp.SUM);
    }

    /** <b>Collective.</b> Sum of every rank's {@code value}. */
    public static long sum(Communicator comm, long value) {
        return allReduce(comm, value, ReduceOp.SUM);
    }

    /** <b>Collective.</b> Maximum of every rank's {@code value}. */
    public static double max(Communicator comm, double value) {
        return allReduce(comm, value, ReduceOp.MAX);
    }

    /** <b>Collective.</b> Minimum of every rank's {@code value}. */
    public static double min(Communicator comm, double value) {
        return allReduce(comm, value, ReduceOp.MIN);
    }

    /** <b>Collective.</b> Maximum of every rank's {@code value}. */
    public static long max(Communicator comm, long value) {
        return allReduce(comm, value, ReduceOp.MAX);
    }

    /** <b>Collective.</b> Minimum of every rank's {@code value}. */
    public static long min(Communicator comm, long value) {
        return allReduce(comm, value, ReduceOp.MIN);
    }

    /** <b>Collective.</b> Whether {@code flag} is true on every rank (logical and). */
    public static boolean allTrue(Communicator comm, boolean flag) {
        return allReduce(comm, flag ? 1 : 0, ReduceOp.LAND) != 0;
    }

    /** <b>Collective.</b> Whether {@code flag} is true on some rank (logical or). */
    public static boolean anyTrue(Communicator comm, boolean flag) {
        return allReduce(comm, flag ? 1 : 0, ReduceOp.LOR) != 0;
    }

    /** <b>Collective.</b> The largest {@code value} and its {@code location} (the smallest on ties). */
    public static ValueLocation maxLoc(Communicator comm, double value, long location) {
        return located(comm, value, location, true);
    }

    /** <b>Collective.</b> The smallest {@code value} and its {@code location} (the smallest on ties). */
    public static ValueLocation minLoc(Communicator comm, double value, long location) {
        return located(comm, value, location, false);
    }

    /** <b>Collective.</b> {@code value} of {@code root} on every rank. */
    public static double broadcast(Communicator comm, double value, int root) {
        DoubleBuffer b = scratch(0).asDoubleBuffer();
        b.put(0, value);
        comm.broadcast(b.limit(1), root);
        return b.get(0);
    }

    /** <b>Collective.</b> {@code value} of {@code root} on every rank. */
    public static long broadcast(Communicator comm, long value, int root) {
        LongBuffer b = scratch(0).asLongBuffer();
        b.put(0, value);
        comm.broadcast(b.limit(1), root);
        return b.get(0);
    }

    /** <b>Collective.</b> Every rank's {@code value}, index = rank. */
    public static long[] allGather(Communicator comm, long value) {
        LongBuffer send = scratch(0).asLongBuffer();
        send.put(0, value);
        LongBuffer recv = DirectBuffers.longs(comm.size());
        comm.allGather(send.limit(1), recv);
        long[] out = new long[comm.size()];
        recv.get(0, out);
        return out;
    }

    /** <b>Collective.</b> Every rank's {@code value}, index = rank. */
    public static int[] allGather(Communicator comm, int value) {
        IntBuffer send = scratch(0).asIntBuffer();
        send.put(0, value);
        IntBuffer recv = DirectBuffers.ints(comm.size());
        comm.allGather(send.limit(1), recv);
        int[] out = new int[comm.size()];
        recv.get(0, out);
        return out;
    }

    /** <b>Collective.</b> Every rank's {@code value}, index = rank. */
    public static double[] allGather(Communicator comm, double value) {
        DoubleBuffer send = scratch(0).asDoubleBuffer();
        send.put(0, value);
        DoubleBuffer recv = DirectBuffers.doubles(comm.size());
        comm.allGather(send.limit(1), recv);
        double[] out = new double[comm.size()];
        recv.get(0, out);
        return out;
    }

    /**
     * <b>Collective.</b> Every rank's {@code bytes} (any length per rank), index = rank: an all-gather of the lengths,
     * then one {@code allGatherV}. For small messages such as error texts and metadata.
     *
     * @throws CommunicationException (on every rank) if all ranks' bytes together exceed 2^31 - 1
     */
    public static byte[][] allGather(Communicator comm, byte[] bytes) {
        int[] counts = allGather(comm, bytes.length);
        int[] displs = new int[counts.length];
        long total = 0;
        for (int r = 0; r < counts.length; r++) {
            displs[r] = (int) Math.min(total, Integer.MAX_VALUE);
            total += counts[r];
        }
        if (total > Integer.MAX_VALUE) {
            throw new CommunicationException("allGather of " + total + " bytes from " + counts.length
                    + " ranks exceeds one buffer (2^31 - 1 bytes)");
        }
        ByteBuffer send = DirectBuffers.bytes(bytes.length);
        send.put(0, bytes);
        ByteBuffer recv = DirectBuffers.bytes((int) total);
        comm.allGatherV(send, recv, counts, displs);
        byte[][] out = new byte[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            out[r] = new byte[counts[r]];
            recv.get(displs[r], out[r]);
        }
        return out;
    }

    /** <b>Collective.</b> Element-wise sum of every rank's {@code values} (same length on all ranks). */
    public static double[] sum(Communicator comm, double[] values) {
        DoubleBuffer b = DirectBuffers.of(values);
        comm.allReduce(b, ReduceOp.SUM);
        double[] out = new double[values.length];
        b.get(0, out);
        return out;
    }

    /** <b>Collective.</b> Element-wise sum of every rank's {@code values} (same length on all ranks). */
    public static long[] sum(Communicator comm, long[] values) {
        LongBuffer b = DirectBuffers.of(values);
        comm.allReduce(b, ReduceOp.SUM);
        long[] out = new long[values.length];
        b.get(0, out);
        return out;
    }

    private static ValueLocation located(Communicator comm, double value, long location, boolean max) {
        DoubleBuffer v = scratch(0).asDoubleBuffer();
        LongBuffer l = scratch(1).asLongBuffer();
        v.put(0, value);
        l.put(0, location);
        if (max) {
            comm.allReduceMaxLoc(v.limit(1), l.limit(1));
        } else {
            comm.allReduceMinLoc(v.limit(1), l.limit(1));
        }
        return new ValueLocation(v.get(0), l.get(0));
    }

    private static ByteBuffer scratch(int i) {
        return SCRATCH.get()[i].clear();
    }
}
