package org.jdistarray.array.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Copies between strided blocks ({@link StridedLayout}) and dense buffers: pack a block (a view, a box of cells to
 * send) into a contiguous buffer and unpack it back, or copy one strided block into another. The elements are moved
 * as bits, so one loop per element width serves every dtype: {@link #copy8}, {@link #copy4}, {@link #copy2},
 * {@link #copy1} (small methods, {@code int} induction variables). A row that lies in one chunk on both sides runs in
 * such a loop (or as one bulk copy when both strides are 1); a row across a chunk boundary of multi-chunk storage
 * goes element by element.
 */
public final class StridedCopy {
    private StridedCopy() {
    }

    /** <b>Not collective.</b> Copies block {@code l} of {@code src} into {@code dst} from byte {@code dstPos}, C order. */
    public static void pack(Storage src, StridedLayout l, ByteBuffer dst, int dstPos) {
        int item = src.dtype().itemSize();
        checkRoom(dst, dstPos, l.elementCount() * item);
        l.forEachRow((idx, base, step, n, dense) ->
                row(src, base, step, dst, dstPos + (int) dense * item, n, item, true));
    }

    /** <b>Not collective.</b> Copies C-order elements of {@code src} from byte {@code srcPos} into block {@code l}. */
    public static void unpack(ByteBuffer src, int srcPos, Storage dst, StridedLayout l) {
        int item = dst.dtype().itemSize();
        checkRoom(src, srcPos, l.elementCount() * item);
        l.forEachRow((idx, base, step, n, dense) ->
                row(dst, base, step, src, srcPos + (int) dense * item, n, item, false));
    }

    /** <b>Not collective.</b> Packs a box of a dense C-order block ({@link LocalBox}) into {@code dst}. */
    public static void pack(Storage src, LocalBox box, ByteBuffer dst, int dstPos) {
        int item = src.dtype().itemSize();
        checkRoom(dst, dstPos, box.cellCount() * item);
        int[] pos = {dstPos};
        box.forEachRow((local, offset, length) -> {
            src.copyOut(offset, length, dst, pos[0]);
            pos[0] += (int) length * item;
        });
    }

    /** <b>Not collective.</b> Unpacks {@code src} into a box of a dense C-order block. */
    public static void unpack(ByteBuffer src, int srcPos, Storage dst, LocalBox box) {
        int item = dst.dtype().itemSize();
        checkRoom(src, srcPos, box.cellCount() * item);
        int[] pos = {srcPos};
        box.forEachRow((local, offset, length) -> {
            dst.copyIn(src, pos[0], offset, length);
            pos[0] += (int) length * item;
        });
    }

    /**
     * <b>Not collective.</b> Copies block {@code sl} of {@code src} into block {@code dl} of {@code dst} (same shape,
     * same element width; e.g. a strided view into a dense copy, or back).
     */
    public static void copy(Storage src, StridedLayout sl, Storage dst, StridedLayout dl) {
        int item = src.dtype().itemSize();
        if (!Arrays.equals(sl.shape(), dl.shape()) || item != dst.dtype().itemSize()) {
            throw new IllegalArgumentException("copy between blocks of " + src.dtype().numpyName() + " " + sl + " and "
                    + dst.dtype().numpyName() + " " + dl + ": shapes or item sizes differ");
        }
        long[] ds = dl.strides();
        long d0 = dl.offset();
        sl.forEachRow((idx, base, step, n, dense) -> {
            long db = d0;
            for (int a = 0; a < idx.length - 1; a++) {
                db += idx[a] * ds[a];
            }
            long dstep = ds.length == 0 ? 1 : ds[ds.length - 1];
            rowToRow(src, base, step, dst, db, dstep, n, item);
        });
    }

    private static void checkRoom(ByteBuffer b, int pos, long bytes) {
        if (pos < 0 || pos + bytes > b.capacity()) {
            throw new IllegalArgumentException("a buffer of " + b.capacity() + " bytes has no room for " + bytes
                    + " bytes at " + pos);
        }
    }

    /** One row between storage (strided) and a dense buffer; {@code out} is the direction storage to buffer. */
    private static void row(Storage st, long base, long step, ByteBuffer dense, int densePos, long n, int item,
            boolean out) {
        if (step == 1) {
            if (out) {
                st.copyOut(base, n, dense, densePos);
            } else {
                st.copyIn(dense, densePos, base, n);
            }
            return;
        }
        if (st.sameChunk(base, base + step * (n - 1))) {
            ByteBuffer c = st.chunkOf(base);
            int p = st.posOf(base);
            int sb = (int) (step * item);
            if (out) {
                copyWidth(item, c, p, sb, dense, densePos, item, (int) n);
            } else {
                copyWidth(item, dense, densePos, item, c, p, sb, (int) n);
            }
            return;
        }
        for (long k = 0; k < n; k++) {
            long e = base + k * step;
            int dp = densePos + (int) k * item;
            if (out) {
                dense.put(dp, st.chunkOf(e), st.posOf(e), item);
            } else {
                st.chunkOf(e).put(st.posOf(e), dense, dp, item);
            }
        }
    }

    private static void rowToRow(Storage s, long sb, long ss, Storage d, long db, long ds, long n, int item) {
        boolean oneChunk = n <= Integer.MAX_VALUE && s.sameChunk(sb, sb + ss * (n - 1))
                && d.sameChunk(db, db + ds * (n - 1));
        if (oneChunk) {
            if (ss == 1 && ds == 1) {
                d.chunkOf(db).put(d.posOf(db), s.chunkOf(sb), s.posOf(sb), (int) n * item);
            } else {
                copyWidth(item, s.chunkOf(sb), s.posOf(sb), (int) (ss * item), d.chunkOf(db), d.posOf(db),
                        (int) (ds * item), (int) n);
            }
            return;
        }
        for (long k = 0; k < n; k++) {
            long se = sb + k * ss;
            long de = db + k * ds;
            d.chunkOf(de).put(d.posOf(de), s.chunkOf(se), s.posOf(se), item);
        }
    }

    /** <b>Not collective.</b> Dispatches once on the width, then runs that width's loop (steps in bytes). */
    public static void copyWidth(int item, ByteBuffer s, int sp, int sStep, ByteBuffer d, int dp, int dStep, int n) {
        switch (item) {
            case 8 -> copy8(s, sp, sStep, d, dp, dStep, n);
            case 4 -> copy4(s, sp, sStep, d, dp, dStep, n);
            case 2 -> copy2(s, sp, sStep, d, dp, dStep, n);
            default -> copy1(s, sp, sStep, d, dp, dStep, n);
        }
    }

    /** <b>Not collective.</b> {@code n} 8-byte elements, byte steps {@code sStep} and {@code dStep} (any sign). */
    public static void copy8(ByteBuffer s, int sp, int sStep, ByteBuffer d, int dp, int dStep, int n) {
        for (int i = 0; i < n; i++) {
            d.putLong(dp + i * dStep, s.getLong(sp + i * sStep));
        }
    }

    /** <b>Not collective.</b> {@code n} 4-byte elements. */
    public static void copy4(ByteBuffer s, int sp, int sStep, ByteBuffer d, int dp, int dStep, int n) {
        for (int i = 0; i < n; i++) {
            d.putInt(dp + i * dStep, s.getInt(sp + i * sStep));
        }
    }

    /** <b>Not collective.</b> {@code n} 2-byte elements. */
    public static void copy2(ByteBuffer s, int sp, int sStep, ByteBuffer d, int dp, int dStep, int n) {
        for (int i = 0; i < n; i++) {
            d.putShort(dp + i * dStep, s.getShort(sp + i * sStep));
        }
    }

    /** <b>Not collective.</b> {@code n} 1-byte elements. */
    public static void copy1(ByteBuffer s, int sp, int sStep, ByteBuffer d, int dp, int dStep, int n) {
        for (int i = 0; i < n; i++) {
            d.put(dp + i * dStep, s.get(sp + i * sStep));
        }
    }
}
