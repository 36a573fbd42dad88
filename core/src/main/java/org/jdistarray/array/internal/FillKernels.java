package org.jdistarray.array.internal;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/**
 * Fills: one small loop per element width (a fill stores the dtype's bit pattern, so the width is the dtype's whole
 * story), each with an {@code int} induction variable so that the JIT compiles it on its own (performance.md, "Known
 * traps"). Works on multi-chunk storage run by run.
 */
public final class FillKernels {
    private FillKernels() {
    }

    /** <b>Not collective.</b> Sets elements {@code [from, from + count)} of {@code st} to {@code value} cast. */
    public static void fill(Storage st, long from, long count, double value) {
        fill(st, from, count, Casts.bitsOf(st.dtype(), value));
    }

    /** <b>Not collective.</b> Sets elements {@code [from, from + count)} to the bit pattern {@code bits}. */
    public static void fill(Storage st, long from, long count, long bits) {
        int item = st.dtype().itemSize();
        while (count > 0) {
            int n = (int) Math.min(count, st.runInChunk(from));
            fillRun(st.chunkOf(from), st.posOf(from), n, item, bits);
            from += n;
            count -= n;
        }
    }

    /** <b>Not collective.</b> Fills {@code n} elements of {@code item} bytes at byte {@code pos} of {@code b}. */
    public static void fillRun(ByteBuffer b, int pos, int n, int item, long bits) {
        switch (item) {
            case 8 -> fill8(b, pos, n, bits);
            case 4 -> fill4(b, pos, n, (int) bits);
            case 2 -> fill2(b, pos, n, (short) bits);
            default -> fill1(b, pos, n, (byte) bits);
        }
    }

    /** <b>Not collective.</b> 8-byte elements (float64, int64, uint64). */
    public static void fill8(ByteBuffer b, int pos, int n, long v) {
        for (int i = 0; i < n; i++) {
            b.putLong(pos + (i << 3), v);
        }
    }

    /** <b>Not collective.</b> 4-byte elements (float32, int32, uint32). */
    public static void fill4(ByteBuffer b, int pos, int n, int v) {
        for (int i = 0; i < n; i++) {
            b.putInt(pos + (i << 2), v);
        }
    }

    /** <b>Not collective.</b> 2-byte elements (int16, uint16). */
    public static void fill2(ByteBuffer b, int pos, int n, short v) {
        for (int i = 0; i < n; i++) {
            b.putShort(pos + (i << 1), v);
        }
    }

    /** <b>Not collective.</b> 1-byte elements (bool, int8, uint8). */
    public static void fill1(ByteBuffer b, int pos, int n, byte v) {
        for (int i = 0; i < n; i++) {
            b.put(pos + i, v);
        }
    }

    /**
     * <b>Not collective.</b> {@code st[from + i] = start + (first + i) * step} cast to the dtype, for {@code i} in
     * {@code [0, count)}: a ramp through the double lanes ({@link DoubleLanes}).
     */
    public static void ramp(Storage st, long from, long count, double start, double step, long first) {
        DType t = st.dtype();
        double[] tile = new double[(int) Math.min(count, ConvertKernels.TILE)];
        long done = 0;
        while (done < count) {
            int run = (int) Math.min(count - done, st.runInChunk(from + done));
            ByteBuffer c = st.chunkOf(from + done);
            int pos = st.posOf(from + done);
            for (int k = 0; k < run; k += tile.length) {
                int m = Math.min(tile.length, run - k);
                rampTile(tile, m, start, step, first + done + k);
                DoubleLanes.store(t, tile, m, c, pos + k * t.itemSize());
            }
            done += run;
        }
    }

    private static void rampTile(double[] t, int m, double start, double step, long first) {
        for (int i = 0; i < m; i++) {
            t[i] = start + (first + i) * step;
        }
    }
}
