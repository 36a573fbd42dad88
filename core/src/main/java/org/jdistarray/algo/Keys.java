package org.jdistarray.algo;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Order-preserving 64-bit keys of every dtype: {@code a < b} in NumPy's order (NaN after everything, all NaNs
 * equal) iff {@code key(a) < key(b)} as signed longs. Float keys are invertible (NaN comes back as the canonical NaN).
 */
final class Keys {
    private static final long MAG = 0x7fffffffffffffffL;

    private Keys() {
    }

    static long ofDouble(double v, boolean zeroEqual) {
        long bits = Double.doubleToLongBits(zeroEqual && v == 0.0 ? 0.0 : v);
        return bits ^ ((bits >> 63) & MAG);
    }

    static double toDouble(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & MAG));
    }

    /**
     * Keys of {@code n} elements of {@code dtype} from {@code b} (C order). With {@code zeroEqual}, -0.0 gets the key
     * of 0.0 (a stable argsort keeps them in input order, as NumPy compares them equal).
     */
    static long[] read(ByteBuffer b, DType dtype, int n, boolean zeroEqual) {
        long[] k = new long[n];
        switch (dtype) {
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = ofDouble(b.getDouble(i * 8), zeroEqual);
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = ofDouble(b.getFloat(i * 4), zeroEqual);
                }
            }
            case INT64 -> b.asLongBuffer().get(k);
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = b.getLong(i * 8) ^ Long.MIN_VALUE;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = b.getInt(i * 4);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = Integer.toUnsignedLong(b.getInt(i * 4));
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = b.getShort(i * 2);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = Short.toUnsignedLong(b.getShort(i * 2));
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    k[i] = b.get(i);
                }
            }
            case UINT8, BOOL -> {
                for (int i = 0; i < n; i++) {
                    k[i] = Byte.toUnsignedLong(b.get(i));
                }
            }
            default -> throw new IllegalArgumentException("sort: unsupported dtype " + dtype.numpyName());
        }
        return k;
    }

    /** The elements of {@code keys[from, from + n)} written as {@code dtype} into {@code b} at element {@code at}. */
    static void write(long[] keys, int from, int n, DType dtype, ByteBuffer b, int at) {
        int s = dtype.itemSize();
        for (int i = 0; i < n; i++) {
            long k = keys[from + i];
            int p = (at + i) * s;
            switch (dtype) {
                case FLOAT64 -> b.putDouble(p, toDouble(k));
                case FLOAT32 -> b.putFloat(p, (float) toDouble(k));
                case INT64 -> b.putLong(p, k);
                case UINT64 -> b.putLong(p, k ^ Long.MIN_VALUE);
                case INT32, UINT32 -> b.putInt(p, (int) k);
                case INT16, UINT16 -> b.putShort(p, (short) k);
                default -> b.put(p, (byte) k);
            }
        }
    }
}
