package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.protocol.DType;

/** Elements of a C-order byte block as doubles (float dtypes) or longs (integer dtypes, unsigned zero-extended). */
final class Values {
    private Values() {
    }

    static boolean isFloat(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32;
    }

    static double[] doubles(ByteBuffer b, DType t, int n) {
        double[] v = new double[n];
        if (t == DType.FLOAT64) {
            b.asDoubleBuffer().get(v);
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = b.getFloat(i * 4);
            }
        }
        return v;
    }

    static long[] longs(ByteBuffer b, DType t, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (t) {
                case INT64, UINT64 -> b.getLong(i * 8);
                case INT32 -> b.getInt(i * 4);
                case UINT32 -> Integer.toUnsignedLong(b.getInt(i * 4));
                case INT16 -> b.getShort(i * 2);
                case UINT16 -> Short.toUnsignedLong(b.getShort(i * 2));
                case INT8 -> b.get(i);
                default -> Byte.toUnsignedLong(b.get(i));
            };
        }
        return v;
    }

    static ByteBuffer of(double[] v, DType t) {
        ByteBuffer b = ByteBuffer.allocate(v.length * t.itemSize()).order(ByteOrder.nativeOrder());
        if (t == DType.FLOAT64) {
            b.asDoubleBuffer().put(v);
        } else {
            for (int i = 0; i < v.length; i++) {
                b.putFloat(i * 4, (float) v[i]);
            }
        }
        return b;
    }

    static ByteBuffer of(long[] v, DType t) {
        ByteBuffer b = ByteBuffer.allocate(v.length * t.itemSize()).order(ByteOrder.nativeOrder());
        Keys.write(v, 0, v.length, t == DType.UINT64 ? DType.INT64 : t, b, 0);
        return b;
    }
}
