package org.jdistarray.array.internal;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Reading and writing one element of any {@link DType} at a byte position, with NumPy's {@code 'unsafe'} casting
 * (what {@code astype} does by default): integers narrow by two's-complement truncation, floats to integers
 * truncate toward zero, anything to bool is {@code != 0} (NaN is true), bool to numbers is 0 or 1, unsigned 64-bit
 * values convert to floating point as unsigned. Where NumPy's result is undefined behaviour of C (a float outside
 * the target's range, NaN to an integer), we go through Java's saturating {@code (long)} conversion and then
 * truncate to the target width.
 *
 * <p>These are the per-element forms (one element access, scalars). Loops over blocks use the per-dtype kernels
 * ({@link ConvertKernels}, {@link LaneLoops}), which follow exactly these rules.
 */
public final class Casts {
    private static final double TWO_63 = 0x1p63;

    private Casts() {
    }

    /** <b>Not collective.</b> Whether {@code t} is a floating-point dtype. */
    public static boolean isFloat(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32;
    }

    /** <b>Not collective.</b> Element at byte position {@code pos} as a double (unsigned types as unsigned). */
    public static double getDouble(ByteBuffer b, int pos, DType t) {
        return switch (t) {
            case FLOAT64 -> b.getDouble(pos);
            case FLOAT32 -> b.getFloat(pos);
            case UINT64 -> unsignedToDouble(b.getLong(pos));
            default -> getLong(b, pos, t);
        };
    }

    /**
     * <b>Not collective.</b> Element at byte position {@code pos} as a long (uint64: the raw bits; floats:
     * truncated toward zero).
     */
    public static long getLong(ByteBuffer b, int pos, DType t) {
        return switch (t) {
            case FLOAT64 -> doubleToLong(b.getDouble(pos));
            case FLOAT32 -> doubleToLong(b.getFloat(pos));
            case INT64, UINT64 -> b.getLong(pos);
            case INT32 -> b.getInt(pos);
            case UINT32 -> b.getInt(pos) & 0xFFFF_FFFFL;
            case INT16 -> b.getShort(pos);
            case UINT16 -> b.getShort(pos) & 0xFFFFL;
            case INT8 -> b.get(pos);
            case UINT8 -> b.get(pos) & 0xFFL;
            case BOOL -> b.get(pos) != 0 ? 1 : 0;
        };
    }

    /** <b>Not collective.</b> Stores {@code v} cast to {@code t}. */
    public static void putDouble(ByteBuffer b, int pos, DType t, double v) {
        switch (t) {
            case FLOAT64 -> b.putDouble(pos, v);
            case FLOAT32 -> b.putFloat(pos, (float) v);
            case BOOL -> b.put(pos, (byte) (v != 0 || Double.isNaN(v) ? 1 : 0));
            default -> putLong(b, pos, t, doubleToLong(v));
        }
    }

    /** <b>Not collective.</b> Stores {@code v} cast to {@code t}. */
    public static void putLong(ByteBuffer b, int pos, DType t, long v) {
        switch (t) {
            case FLOAT64 -> b.putDouble(pos, v);
            case FLOAT32 -> b.putFloat(pos, v);
            case INT64, UINT64 -> b.putLong(pos, v);
            case INT32, UINT32 -> b.putInt(pos, (int) v);
            case INT16, UINT16 -> b.putShort(pos, (short) v);
            case INT8, UINT8 -> b.put(pos, (byte) v);
            case BOOL -> b.put(pos, (byte) (v != 0 ? 1 : 0));
        }
    }

    /**
     * <b>Not collective.</b> Copies one element from {@code src} (type {@code from}) to {@code dst} (type
     * {@code to}) with unsafe casting. Per-element: bulk paths use {@link ConvertKernels}.
     */
    public static void convert(ByteBuffer src, int srcPos, DType from, ByteBuffer dst, int dstPos, DType to) {
        if (isFloat(from) || (from == DType.UINT64 && isFloat(to))) {
            putDouble(dst, dstPos, to, getDouble(src, srcPos, from));
        } else {
            putLong(dst, dstPos, to, getLong(src, srcPos, from));
        }
    }

    /** <b>Not collective.</b> The bit pattern of {@code v} cast to {@code t}, in the low {@code t.itemSize()} bytes. */
    public static long bitsOf(DType t, double v) {
        ByteBuffer tmp = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        putDouble(tmp, 0, t, v);
        return bits(tmp, t);
    }

    /** <b>Not collective.</b> The bit pattern of {@code v} cast to {@code t}. */
    public static long bitsOf(DType t, long v) {
        ByteBuffer tmp = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        putLong(tmp, 0, t, v);
        return bits(tmp, t);
    }

    private static long bits(ByteBuffer tmp, DType t) {
        return switch (t.itemSize()) {
            case 8 -> tmp.getLong(0);
            case 4 -> tmp.getInt(0);
            case 2 -> tmp.getShort(0);
            default -> tmp.get(0);
        };
    }

    /**
     * <b>Not collective.</b> C's float-to-integer truncation toward zero, saturating (NaN gives 0); values
     * {@code >= 2^63} wrap as unsigned.
     */
    public static long doubleToLong(double v) {
        if (v >= TWO_63) {
            return (long) (v - TWO_63) ^ Long.MIN_VALUE;
        }
        return (long) v;
    }

    /** <b>Not collective.</b> The unsigned 64-bit value {@code x} as the nearest double. */
    public static double unsignedToDouble(long x) {
        if (x >= 0) {
            return x;
        }
        return ((x >>> 1) | (x & 1)) * 2.0;
    }
}
