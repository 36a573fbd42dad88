package org.jdistarray.comm.local;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;

/**
 * Bulk copies and element-wise reductions between buffers at absolute indices. Absolute bulk operations change no
 * buffer state, so many rank threads may read one buffer at once. No boxing; copies are memcpy-speed bulk puts.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code dst[dstIndex .. +n) = src[srcIndex .. +n)}. */
    static void copy(ElementType t, Buffer src, int srcIndex, Buffer dst, int dstIndex, int n) {
        if (n == 0) {
            return;
        }
        switch (t) {
            case DOUBLE -> ((DoubleBuffer) dst).put(dstIndex, (DoubleBuffer) src, srcIndex, n);
            case FLOAT -> ((FloatBuffer) dst).put(dstIndex, (FloatBuffer) src, srcIndex, n);
            case LONG -> ((LongBuffer) dst).put(dstIndex, (LongBuffer) src, srcIndex, n);
            case INT -> ((IntBuffer) dst).put(dstIndex, (IntBuffer) src, srcIndex, n);
            case BYTE -> ((ByteBuffer) dst).put(dstIndex, (ByteBuffer) src, srcIndex, n);
        }
    }

    /** A heap copy of {@code n} elements (an eager message): {@code double[]}, {@code long[]}, ... */
    static Object toArray(ElementType t, Buffer src, int index, int n) {
        return switch (t) {
            case DOUBLE -> {
                double[] a = new double[n];
                ((DoubleBuffer) src).get(index, a);
                yield a;
            }
            case FLOAT -> {
                float[] a = new float[n];
                ((FloatBuffer) src).get(index, a);
                yield a;
            }
            case LONG -> {
                long[] a = new long[n];
                ((LongBuffer) src).get(index, a);
                yield a;
            }
            case INT -> {
                int[] a = new int[n];
                ((IntBuffer) src).get(index, a);
                yield a;
            }
            case BYTE -> {
                byte[] a = new byte[n];
                ((ByteBuffer) src).get(index, a);
                yield a;
            }
        };
    }

    /** Writes a {@link #toArray} copy to {@code dst} at {@code index}. */
    static void fromArray(ElementType t, Object array, Buffer dst, int index) {
        switch (t) {
            case DOUBLE -> ((DoubleBuffer) dst).put(index, (double[]) array);
            case FLOAT -> ((FloatBuffer) dst).put(index, (float[]) array);
            case LONG -> ((LongBuffer) dst).put(index, (long[]) array);
            case INT -> ((IntBuffer) dst).put(index, (int[]) array);
            case BYTE -> ((ByteBuffer) dst).put(index, (byte[]) array);
        }
    }

    /** {@code acc[a + i] = op(acc[a + i], src[s + i])} for {@code i < n}. */
    static void combine(ElementType t, ReduceOp op, Buffer src, int s, Buffer acc, int a, int n) {
        switch (t) {
            case DOUBLE -> combine(op, (DoubleBuffer) src, s, (DoubleBuffer) acc, a, n);
            case FLOAT -> combine(op, (FloatBuffer) src, s, (FloatBuffer) acc, a, n);
            case LONG -> combine(op, (LongBuffer) src, s, (LongBuffer) acc, a, n);
            case INT -> combine(op, (IntBuffer) src, s, (IntBuffer) acc, a, n);
            case BYTE -> combine(op, (ByteBuffer) src, s, (ByteBuffer) acc, a, n);
        }
    }

    private static void combine(ReduceOp op, DoubleBuffer src, int s, DoubleBuffer acc, int a, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) + src.get(s + i)); }
            case PROD -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) * src.get(s + i)); }
            case MIN -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.min(acc.get(a + i), src.get(s + i))); }
            case MAX -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.max(acc.get(a + i), src.get(s + i))); }
            default -> throw new IllegalArgumentException(op + " on DOUBLE");
        }
    }

    private static void combine(ReduceOp op, FloatBuffer src, int s, FloatBuffer acc, int a, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) + src.get(s + i)); }
            case PROD -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) * src.get(s + i)); }
            case MIN -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.min(acc.get(a + i), src.get(s + i))); }
            case MAX -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.max(acc.get(a + i), src.get(s + i))); }
            default -> throw new IllegalArgumentException(op + " on FLOAT");
        }
    }

    private static void combine(ReduceOp op, LongBuffer src, int s, LongBuffer acc, int a, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) + src.get(s + i)); }
            case PROD -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) * src.get(s + i)); }
            case MIN -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.min(acc.get(a + i), src.get(s + i))); }
            case MAX -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.max(acc.get(a + i), src.get(s + i))); }
            case LAND -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) != 0 && src.get(s + i) != 0 ? 1 : 0); }
            case LOR -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) != 0 || src.get(s + i) != 0 ? 1 : 0); }
        }
    }

    private static void combine(ReduceOp op, IntBuffer src, int s, IntBuffer acc, int a, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) + src.get(s + i)); }
            case PROD -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) * src.get(s + i)); }
            case MIN -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.min(acc.get(a + i), src.get(s + i))); }
            case MAX -> { for (int i = 0; i < n; i++) acc.put(a + i, Math.max(acc.get(a + i), src.get(s + i))); }
            case LAND -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) != 0 && src.get(s + i) != 0 ? 1 : 0); }
            case LOR -> { for (int i = 0; i < n; i++) acc.put(a + i, acc.get(a + i) != 0 || src.get(s + i) != 0 ? 1 : 0); }
        }
    }

    private static void combine(ReduceOp op, ByteBuffer src, int s, ByteBuffer acc, int a, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) (acc.get(a + i) + src.get(s + i))); }
            case PROD -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) (acc.get(a + i) * src.get(s + i))); }
            case MIN -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) Math.min(acc.get(a + i), src.get(s + i))); }
            case MAX -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) Math.max(acc.get(a + i), src.get(s + i))); }
            case LAND -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) (acc.get(a + i) != 0 && src.get(s + i) != 0 ? 1 : 0)); }
            case LOR -> { for (int i = 0; i < n; i++) acc.put(a + i, (byte) (acc.get(a + i) != 0 || src.get(s + i) != 0 ? 1 : 0)); }
        }
    }
}
