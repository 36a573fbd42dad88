package org.jdistarray.array;

import java.nio.ByteBuffer;

import org.jdistarray.protocol.DType;

/** Element-wise dtype conversion between two blocks of the same element count (see {@link Casts}). */
final class ConvertKernels {
    private ConvertKernels() {
    }

    static void convert(Storage src, Storage dst, long count) {
        long off = 0;
        while (off < count) {
            int n = (int) Math.min(count - off, Math.min(src.runInChunk(off), dst.runInChunk(off)));
            ByteBuffer s = src.chunkOf(off);
            ByteBuffer d = dst.chunkOf(off);
            if (src.dtype() == dst.dtype()) {
                d.put(dst.posOf(off), s, src.posOf(off), n * src.dtype().itemSize());
            } else {
                run(s, src.posOf(off), src.dtype(), d, dst.posOf(off), dst.dtype(), n);
            }
            off += n;
        }
    }

    private static void run(ByteBuffer s, int sp, DType from, ByteBuffer d, int dp, DType to, int n) {
        int si = from.itemSize();
        int di = to.itemSize();
        for (int i = 0; i < n; i++) {
            Casts.convert(s, sp + i * si, from, d, dp + i * di, to);
        }
    }
}
