package org.jdistarray.array.internal;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Element-wise dtype conversion between two blocks (NumPy's {@code 'unsafe'} casting, see {@link Casts}). A run of
 * elements that lies in one chunk of both blocks goes through tiles of {@link #TILE} elements: the source dtype's
 * load loop into a {@code double[]} or {@code long[]} lane, then the target dtype's store loop ({@link DoubleLanes},
 * {@link LongLanes}). The dtype is dispatched once per tile, never per element. Same dtype: a bulk copy. The most
 * common pairs (float64/float32, int64/int32 to float64, int32/int64) have a direct loop each.
 */
public final class ConvertKernels {
    /** Elements per tile: small enough for L1, large enough to amortise the dispatch. */
    public static final int TILE = 512;

    private ConvertKernels() {
    }

    /** <b>Not collective.</b> Converts elements {@code [0, count)} of {@code src} into {@code dst} (C order). */
    public static void convert(Storage src, Storage dst, long count) {
        DType from = src.dtype();
        DType to = dst.dtype();
        Tiles tiles = new Tiles((int) Math.min(TILE, Math.max(0, count)));
        long off = 0;
        while (off < count) {
            int n = (int) Math.min(count - off, Math.min(src.runInChunk(off), dst.runInChunk(off)));
            convertRun(from, src.chunkOf(off), src.posOf(off), to, dst.chunkOf(off), dst.posOf(off), n, tiles);
            off += n;
        }
    }

    /**
     * <b>Not collective.</b> Converts {@code n} elements of dtype {@code from} at byte {@code sp} of {@code s} into
     * dtype {@code to} at byte {@code dp} of {@code d}.
     */
    public static void convertRun(DType from, ByteBuffer s, int sp, DType to, ByteBuffer d, int dp, int n) {
        convertRun(from, s, sp, to, d, dp, n, new Tiles(Math.min(TILE, n)));
    }

    /**
     * <b>Not collective.</b> Whether a conversion goes through double lanes (a float source, or uint64 into a float)
     * or long lanes.
     */
    public static boolean viaDouble(DType from, DType to) {
        return Casts.isFloat(from) || (from == DType.UINT64 && Casts.isFloat(to));
    }

    private static void convertRun(DType from, ByteBuffer s, int sp, DType to, ByteBuffer d, int dp, int n, Tiles t) {
        if (from == to) {
            d.put(dp, s, sp, n * from.itemSize());
            return;
        }
        if (direct(from, s, sp, to, d, dp, n)) {
            return;
        }
        int si = from.itemSize();
        int di = to.itemSize();
        if (viaDouble(from, to)) {
            double[] lane = t.doubles();
            for (int k = 0; k < n; k += lane.length) {
                int m = Math.min(lane.length, n - k);
                DoubleLanes.load(from, s, sp + k * si, lane, m);
                DoubleLanes.store(to, lane, m, d, dp + k * di);
            }
        } else {
            long[] lane = t.longs();
            for (int k = 0; k < n; k += lane.length) {
                int m = Math.min(lane.length, n - k);
                LongLanes.load(from, s, sp + k * si, lane, m);
                LongLanes.store(to, lane, m, d, dp + k * di);
            }
        }
    }

    /** The common pairs in one loop each (no tile); false for the others. */
    private static boolean direct(DType from, ByteBuffer s, int sp, DType to, ByteBuffer d, int dp, int n) {
        if (from == DType.FLOAT64 && to == DType.FLOAT32) {
            f64ToF32(s, sp, d, dp, n);
        } else if (from == DType.FLOAT32 && to == DType.FLOAT64) {
            f32ToF64(s, sp, d, dp, n);
        } else if (from == DType.INT64 && to == DType.FLOAT64) {
            i64ToF64(s, sp, d, dp, n);
        } else if (from == DType.INT32 && to == DType.FLOAT64) {
            i32ToF64(s, sp, d, dp, n);
        } else if (from == DType.INT32 && to == DType.INT64) {
            i32ToI64(s, sp, d, dp, n);
        } else if (from == DType.INT64 && to == DType.INT32) {
            i64ToI32(s, sp, d, dp, n);
        } else {
            return false;
        }
        return true;
    }

    private static void f64ToF32(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putFloat(dp + (i << 2), (float) s.getDouble(sp + (i << 3)));
        }
    }

    private static void f32ToF64(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putDouble(dp + (i << 3), s.getFloat(sp + (i << 2)));
        }
    }

    private static void i64ToF64(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putDouble(dp + (i << 3), (double) s.getLong(sp + (i << 3)));
        }
    }

    private static void i32ToF64(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putDouble(dp + (i << 3), s.getInt(sp + (i << 2)));
        }
    }

    private static void i32ToI64(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putLong(dp + (i << 3), s.getInt(sp + (i << 2)));
        }
    }

    private static void i64ToI32(ByteBuffer s, int sp, ByteBuffer d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d.putInt(dp + (i << 2), (int) s.getLong(sp + (i << 3)));
        }
    }

    /** The tiles of one conversion, allocated on first use. */
    private static final class Tiles {
        private final int size;
        private double[] doubles;
        private long[] longs;

        Tiles(int size) {
            this.size = Math.max(1, size);
        }

        double[] doubles() {
            if (doubles == null) {
                doubles = new double[size];
            }
            return doubles;
        }

        long[] longs() {
            if (longs == null) {
                longs = new long[size];
            }
            return longs;
        }
    }
}
