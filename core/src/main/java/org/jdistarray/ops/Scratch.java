package org.jdistarray.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;

import org.jdistarray.comm.Communicator;

/**
 * Message buffers of the reductions, cached on the communicator they travel on (one rank's communicator is used by
 * one thread at a time, as every collective requires): a small reduction allocates no direct buffer. Grown on
 * demand; buffers over 1 MiB are not kept.
 */
final class Scratch implements AutoCloseable {
    private static final Object KEY = new Object();
    private static final int KEEP_BYTES = 1 << 20;

    private ByteBuffer bytes = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());

    static Scratch of(Communicator c) {
        return c.attributes().computeIfAbsent(KEY, Scratch.class, Scratch::new);
    }

    /** A buffer of {@code n} doubles (position 0, limit n), valid until the next call. */
    DoubleBuffer doubles(int n) {
        return ensure(8L * n).asDoubleBuffer().limit(n);
    }

    /** A buffer of {@code n} longs (position 0, limit n), valid until the next call. */
    LongBuffer longs(int n) {
        return ensure(8L * n).asLongBuffer().limit(n);
    }

    private ByteBuffer ensure(long bytesNeeded) {
        if (bytesNeeded > KEEP_BYTES) {
            return ByteBuffer.allocateDirect((int) bytesNeeded).order(ByteOrder.nativeOrder());
        }
        if (bytes.capacity() < bytesNeeded) {
            bytes = ByteBuffer.allocateDirect((int) Math.max(bytesNeeded, 2L * bytes.capacity())).order(ByteOrder.nativeOrder());
        }
        return bytes.clear();
    }

    @Override
    public void close() {
        bytes = null;
    }
}
