package org.jdistarray.comm;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Element types a {@link Communicator} moves. The type of an operation is the type of its buffer:
 * a {@link DoubleBuffer} moves {@link #DOUBLE}s, a {@link ByteBuffer} moves {@link #BYTE}s, and so on.
 * Bytes are signed 8-bit integers when reduced ({@code MPI_INT8_T}).
 */
public enum ElementType {
    DOUBLE(8),
    FLOAT(4),
    LONG(8),
    INT(4),
    BYTE(1);

    private final int size;

    ElementType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Whether the logical operations {@link ReduceOp#LAND} and {@link ReduceOp#LOR} apply (integer types). */
    public boolean isInteger() {
        return this == LONG || this == INT || this == BYTE;
    }

    /**
     * <b>Not collective.</b> The element type of {@code buffer}.
     *
     * @throws IllegalArgumentException if the buffer is not one of the five supported buffer classes
     */
    public static ElementType of(Buffer buffer) {
        if (buffer instanceof DoubleBuffer) {
            return DOUBLE;
        } else if (buffer instanceof FloatBuffer) {
            return FLOAT;
        } else if (buffer instanceof LongBuffer) {
            return LONG;
        } else if (buffer instanceof IntBuffer) {
            return INT;
        } else if (buffer instanceof ByteBuffer) {
            return BYTE;
        } else if (buffer == null) {
            throw new IllegalArgumentException("buffer is null");
        }
        throw new IllegalArgumentException("unsupported buffer class " + buffer.getClass().getName()
                + " (supported: DoubleBuffer, FloatBuffer, LongBuffer, IntBuffer, ByteBuffer)");
    }

    /**
     * <b>Not collective.</b> Checks that {@code buffer} can be passed to a communicator: direct and in native
     * byte order. Returns its element type.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static ElementType check(Buffer buffer, String what) {
        ElementType t = of(buffer);
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException(what + ": buffer must be direct (ByteBuffer.allocateDirect or DirectBuffers)");
        }
        ByteOrder order = switch (t) {
            case DOUBLE -> ((DoubleBuffer) buffer).order();
            case FLOAT -> ((FloatBuffer) buffer).order();
            case LONG -> ((LongBuffer) buffer).order();
            case INT -> ((IntBuffer) buffer).order();
            case BYTE -> ByteOrder.nativeOrder(); // byte order does not matter for single bytes
        };
        if (order != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(what + ": buffer must be in native byte order (" + ByteOrder.nativeOrder() + ")");
        }
        return t;
    }

    /** <b>Not collective.</b> A new direct, native-order, zeroed buffer of {@code n} elements of this type. */
    public Buffer allocate(int n) {
        return switch (this) {
            case DOUBLE -> DirectBuffers.doubles(n);
            case FLOAT -> DirectBuffers.floats(n);
            case LONG -> DirectBuffers.longs(n);
            case INT -> DirectBuffers.ints(n);
            case BYTE -> DirectBuffers.bytes(n);
        };
    }
}
