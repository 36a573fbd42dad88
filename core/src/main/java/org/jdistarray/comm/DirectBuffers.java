package org.jdistarray.comm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Allocation of the direct, native-order buffers communicators work on. The memory is freed by the
 * garbage collector when the buffer becomes unreachable (a communicator keeps the buffer of a pending
 * {@link Request} reachable until it completes).
 */
public final class DirectBuffers {
    private DirectBuffers() {
    }

    /** <b>Not collective.</b> {@code n} zeroed bytes. */
    public static ByteBuffer bytes(int n) {
        return ByteBuffer.allocateDirect(checkCount(n, 1)).order(ByteOrder.nativeOrder());
    }

    /** <b>Not collective.</b> {@code n} zeroed doubles. */
    public static DoubleBuffer doubles(int n) {
        return bytes(checkCount(n, 8) * 8).asDoubleBuffer();
    }

    /** <b>Not collective.</b> {@code n} zeroed floats. */
    public static FloatBuffer floats(int n) {
        return bytes(checkCount(n, 4) * 4).asFloatBuffer();
    }

    /** <b>Not collective.</b> {@code n} zeroed longs. */
    public static LongBuffer longs(int n) {
        return bytes(checkCount(n, 8) * 8).asLongBuffer();
    }

    /** <b>Not collective.</b> {@code n} zeroed ints. */
    public static IntBuffer ints(int n) {
        return bytes(checkCount(n, 4) * 4).asIntBuffer();
    }

    /** <b>Not collective.</b> A direct copy of {@code values}. */
    public static DoubleBuffer of(double... values) {
        DoubleBuffer b = doubles(values.length);
        b.put(0, values);
        return b;
    }

    /** <b>Not collective.</b> A direct copy of {@code values}. */
    public static LongBuffer of(long... values) {
        LongBuffer b = longs(values.length);
        b.put(0, values);
        return b;
    }

    /** <b>Not collective.</b> A direct copy of {@code values}. */
    public static IntBuffer of(int... values) {
        IntBuffer b = ints(values.length);
        b.put(0, values);
        return b;
    }

    private static int checkCount(int n, int size) {
        if (n < 0 || (long) n * size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + n + " elements of " + size + " bytes: count out of range");
        }
        return n;
    }
}
