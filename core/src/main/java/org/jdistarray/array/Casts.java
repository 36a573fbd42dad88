package org.jdistarray.array;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Reading and writing one element of any {@link DType} at a byte position, with NumPy's {@code 'unsafe'} casting
 * (what {@code astype} does by default): integers narrow by two's-complement truncation, floats to integers
 * truncate toward zero, anything to bool is {@code != 0} (NaN is true), bool to numbers is 0 or 1, unsigned 64-bit
 * values convert to floating point as unsigned. Where NumPy's result is undefined behaviour of C (a float outside
 * the target's range, NaN to an integer), we go through Java's saturating {@code (long)} conversion and then
 * truncate to the target width.
 */
final class Casts {
    private static final double TWO_63 = 0x1p63;

    private Casts() {
    }

    static boolean isFloat(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32;
    }

    /** Element at byte position {@code pos} as a double (unsigned types as unsigned). */
    static double getDouble(ByteBuffer b, int pos, DType t) {
        return switch (t) {
            case FLOAT64 -> b.getDouble(pos);
            case FLOAT32 -> b.getFloat(pos);
            case UINT64 -> unsignedToDouble(b.getLong(pos));
            default -> getLong(b, pos, t);
        };
    }

    /** Element at byte position {@code pos} as a long (uint64: the raw bits; floats: truncated toward zero). */
    static long getLong(ByteBuffer b, int pos, DType t) {
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

    /** Stores {@code v} cast to {@code t}. */
    static void putDouble(ByteBuffer b, int pos, DType t, double v) {
        switch (t) {
            case FLOAT64 -> b.putDouble(pos, v);
            case FLOAT32 -> b.putFloat(pos, (float) v);
            case BOOL -> b.put(pos, (byte) (v != 0 || Double.isNaN(v) ? 1 : 0));
            default -> putLong(b, pos, t, doubleToLong(v));
        }
    }

    /** Stores {@code v} cast to {@code t}. */
    static void putLong(ByteBuffer b, int pos, DType t, long v) {
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

    /** Copies one element from {@code src} (type {@code from}) to {@code dst} (type {@code to}) with unsafe casting. */
    static void convert(ByteBuffer src, int srcPos, DType from, ByteBuffer dst, int dstPos, DType to) {
        if (isFloat(from) || (from == DType.UINT64 && isFloat(to))) {
            putDouble(dst, dstPos, to, getDouble(src, srcPos, from));
        } else {
            putLong(dst, dstPos, to, getLong(src, srcPos, from));
        }
    }

    /** The bit pattern of {@code v} cast to {@code t}, in the low {@code t.itemSize()} bytes. */
    static long bitsOf(DType t, double v) {
        ByteBuffer tmp = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        putDouble(tmp, 0, t, v);
        return bits(tmp, t);
    }

    /** The bit pattern of {@code v} cast to {@code t}. */
    static long bitsOf(DType t, long v) {
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

    /** C's float-to-integer truncation toward zero, saturating (NaN gives 0); values >= 2^63 wrap as unsigned. */
    static long doubleToLong(double v) {
        if (v >= TWO_63) {
            return (long) (v - TWO_63) ^ Long.MIN_VALUE;
        }
        return (long) v;
    }

    static double unsignedToDouble(long x) {
        if (x >= 0) {
            return x;
        }
        return ((x >>> 1) | (x & 1)) * 2.0;
    }
}
