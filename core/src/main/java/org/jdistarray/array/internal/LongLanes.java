package org.jdistarray.array.internal;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Typed bulk access through {@code long} lanes: as {@link DoubleLanes}, with the conversions of {@link Casts#getLong}
 * and {@link Casts#putLong} (exact for every integer dtype; uint64 as its bits).
 */
public final class LongLanes {
    private LongLanes() {
    }

    /**
     * <b>Not collective.</b> Loads {@code n} elements of dtype {@code t} from byte {@code pos} of {@code b} into
     * {@code out[0, n)}: one dispatch, then the dtype's loop.
     */
    public static void load(DType t, ByteBuffer b, int pos, long[] out, int n) {
        switch (t) {
            case FLOAT64 -> loadF64(b, pos, out, n);
            case FLOAT32 -> loadF32(b, pos, out, n);
            case INT64 -> loadI64(b, pos, out, n);
            case UINT64 -> loadU64(b, pos, out, n);
            case INT32 -> loadI32(b, pos, out, n);
            case UINT32 -> loadU32(b, pos, out, n);
            case INT16 -> loadI16(b, pos, out, n);
            case UINT16 -> loadU16(b, pos, out, n);
            case INT8 -> loadI8(b, pos, out, n);
            case UINT8 -> loadU8(b, pos, out, n);
            case BOOL -> loadBool(b, pos, out, n);
        }
    }

    /**
     * <b>Not collective.</b> Stores {@code in[0, n)} cast to dtype {@code t} at byte {@code pos} of {@code b}: one
     * dispatch, then the dtype's loop.
     */
    public static void store(DType t, long[] in, int n, ByteBuffer b, int pos) {
        switch (t) {
            case FLOAT64 -> storeF64(in, n, b, pos);
            case FLOAT32 -> storeF32(in, n, b, pos);
            case INT64 -> storeI64(in, n, b, pos);
            case UINT64 -> storeU64(in, n, b, pos);
            case INT32 -> storeI32(in, n, b, pos);
            case UINT32 -> storeU32(in, n, b, pos);
            case INT16 -> storeI16(in, n, b, pos);
            case UINT16 -> storeU16(in, n, b, pos);
            case INT8 -> storeI8(in, n, b, pos);
            case UINT8 -> storeU8(in, n, b, pos);
            case BOOL -> storeBool(in, n, b, pos);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a float64 run at byte {@code pos}. */
    public static void loadF64(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Casts.doubleToLong(b.getDouble(pos + (i << 3)));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a float64 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeF64(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putDouble(pos + (i << 3), (double) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a float32 run at byte {@code pos}. */
    public static void loadF32(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Casts.doubleToLong(b.getFloat(pos + (i << 2)));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a float32 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeF32(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putFloat(pos + (i << 2), (float) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a int64 run at byte {@code pos}. */
    public static void loadI64(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getLong(pos + (i << 3));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a int64 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeI64(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putLong(pos + (i << 3), v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a uint64 run at byte {@code pos}. */
    public static void loadU64(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getLong(pos + (i << 3));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a uint64 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeU64(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putLong(pos + (i << 3), v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a int32 run at byte {@code pos}. */
    public static void loadI32(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getInt(pos + (i << 2));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a int32 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeI32(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putInt(pos + (i << 2), (int) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a uint32 run at byte {@code pos}. */
    public static void loadU32(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getInt(pos + (i << 2)) & 0xFFFF_FFFFL;
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a uint32 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeU32(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putInt(pos + (i << 2), (int) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a int16 run at byte {@code pos}. */
    public static void loadI16(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getShort(pos + (i << 1));
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a int16 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeI16(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putShort(pos + (i << 1), (short) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a uint16 run at byte {@code pos}. */
    public static void loadU16(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.getShort(pos + (i << 1)) & 0xFFFFL;
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a uint16 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeU16(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.putShort(pos + (i << 1), (short) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a int8 run at byte {@code pos}. */
    public static void loadI8(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.get(pos + i);
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a int8 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeI8(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.put(pos + i, (byte) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a uint8 run at byte {@code pos}. */
    public static void loadU8(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.get(pos + i) & 0xFFL;
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a uint8 run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeU8(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.put(pos + i, (byte) v);
        }
    }

    /** <b>Not collective.</b> {@code out[i] = } element {@code i} of a bool run at byte {@code pos}. */
    public static void loadBool(ByteBuffer b, int pos, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = b.get(pos + i) != 0 ? 1L : 0L;
        }
    }

    /** <b>Not collective.</b> Element {@code i} of a bool run at byte {@code pos} {@code = in[i]} cast. */
    public static void storeBool(long[] in, int n, ByteBuffer b, int pos) {
        for (int i = 0; i < n; i++) {
            long v = in[i];
            b.put(pos + i, (byte) (v != 0 ? 1 : 0));
        }
    }

}
