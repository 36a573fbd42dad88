package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Bulk loops over one chunk, each in its own small method with an {@code int} induction variable so that the JIT
 * compiles it on its own (performance.md, "Known traps").
 */
final class FillKernels {
    private FillKernels() {
    }

    static void fill(ByteBuffer chunk, int itemSize, long bits) {
        ByteBuffer c = chunk.duplicate().order(ByteOrder.nativeOrder());
        switch (itemSize) {
            case 8 -> fill8(c.asLongBuffer(), bits);
            case 4 -> fill4(c.asIntBuffer(), (int) bits);
            case 2 -> fill2(c.asShortBuffer(), (short) bits);
            default -> fill1(c, (byte) bits);
        }
    }

    private static void fill8(LongBuffer b, long v) {
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            b.put(i, v);
        }
    }

    private static void fill4(IntBuffer b, int v) {
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            b.put(i, v);
        }
    }

    private static void fill2(ShortBuffer b, short v) {
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            b.put(i, v);
        }
    }

    private static void fill1(ByteBuffer b, byte v) {
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            b.put(i, v);
        }
    }

    /** {@code out[i] = start + (first + i) * step} for a run of doubles. */
    static void ramp(DoubleBuffer out, int pos, int count, double start, double step, long first) {
        for (int i = 0; i < count; i++) {
            out.put(pos + i, start + (first + i) * step);
        }
    }
}
