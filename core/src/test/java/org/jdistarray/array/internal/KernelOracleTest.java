package org.jdistarray.array.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Every per-dtype kernel against the per-element reference ({@link Casts}, element by element), for all 11 dtypes,
 * on single-chunk and multi-chunk storage (64- and 128-byte chunks, so runs and tiles cross chunk boundaries), with
 * empty blocks and runs longer than a tile.
 */
class KernelOracleTest {
    private static final long[] COUNTS = {0, 1, 7, ConvertKernels.TILE + 37, 3 * ConvertKernels.TILE + 5};
    private static final int[] SHIFTS = {NativeMemory.DEFAULT_CHUNK_SHIFT, 6, 7};
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 2.9, -2.9, 300.5, -129.0, 65535.75, 0x1p31,
        -0x1p31, 0x1p63, 0x1p64, -0x1p63, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, 0.1};

    /** Storage of {@code n} elements with random bits, and special values written through the reference. */
    static Storage random(DType t, long n, int shift, long seed) {
        Storage s = Storage.allocate(t, n, false, shift);
        Random r = new Random(seed);
        ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        for (long i = 0; i < n; i++) {
            r.nextBytes(one.array());
            s.copyIn(one, 0, i, 1);
            if (i % 3 == 0) {
                s.setDouble(i, SPECIAL[(int) (i / 3 % SPECIAL.length)]);
            } else if (i % 3 == 1 && r.nextBoolean()) {
                s.setLong(i, r.nextInt(600) - 300);
            }
        }
        return s;
    }

    /** Element {@code i}'s bits. */
    static long bits(Storage s, long i) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        s.copyOut(i, 1, b, 0);
        return b.getLong(0);
    }

    static void assertSameBits(Storage expected, Storage actual, long n, String what) {
        for (long i = 0; i < n; i++) {
            assertEquals(bits(expected, i), bits(actual, i), what + ", element " + i);
        }
    }

    @Test
    void convertMatchesCastsForEveryPairOfDtypesAndChunking() {
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                for (int shift : SHIFTS) {
                    for (long n : COUNTS) {
                        Storage src = random(from, n, shift, from.ordinal() * 31 + n);
                        Storage got = Storage.allocate(to, n, true, shift == 6 ? 7 : shift);
                        Storage want = Storage.allocate(to, n, true, NativeMemory.DEFAULT_CHUNK_SHIFT);
                        try {
                            ConvertKernels.convert(src, got, n);
                            for (long i = 0; i < n; i++) {
                                if (from == to) { // astype to the same dtype copies the bits (a bool byte 7 stays 7)
                                    want.chunkOf(i).put(want.posOf(i), src.chunkOf(i), src.posOf(i), to.itemSize());
                                } else {
                                    Casts.convert(src.chunkOf(i), src.posOf(i), from, want.chunkOf(i), want.posOf(i), to);
                                }
                            }
                            assertSameBits(want, got, n, from + " -> " + to + " n=" + n + " shift=" + shift);
                        } finally {
                            src.free();
                            got.free();
                            want.free();
                        }
                    }
                }
            }
        }
    }

    @Test
    void lanesMatchCastsPerDtype() {
        int n = 300;
        for (DType t : DType.values()) {
            Storage s = random(t, n, NativeMemory.DEFAULT_CHUNK_SHIFT, t.ordinal());
            try {
                ByteBuffer c = s.chunkOf(0);
                double[] d = new double[n];
                long[] l = new long[n];
                DoubleLanes.load(t, c, 0, d, n);
                LongLanes.load(t, c, 0, l, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(Casts.getDouble(c, i * t.itemSize(), t)),
                            Double.doubleToRawLongBits(d[i]), t + " double load " + i);
                    assertEquals(Casts.getLong(c, i * t.itemSize(), t), l[i], t + " long load " + i);
                }
                double[] dv = new double[n];
                long[] lv = new long[n];
                Random r = new Random(t.ordinal());
                for (int i = 0; i < n; i++) {
                    dv[i] = i % 2 == 0 ? SPECIAL[i / 2 % SPECIAL.length] : r.nextGaussian() * 1e5;
                    lv[i] = i % 2 == 0 ? r.nextLong() : r.nextInt(1000) - 500;
                }
                ByteBuffer want = ByteBuffer.allocate(n * 16).order(ByteOrder.nativeOrder());
                ByteBuffer got = ByteBuffer.allocate(n * 16).order(ByteOrder.nativeOrder());
                DoubleLanes.store(t, dv, n, got, 0);
                LongLanes.store(t, lv, n, got, n * t.itemSize());
                for (int i = 0; i < n; i++) {
                    Casts.putDouble(want, i * t.itemSize(), t, dv[i]);
                    Casts.putLong(want, (n + i) * t.itemSize(), t, lv[i]);
                }
                assertEquals(want, got, t + " stores");
            } finally {
                s.free();
            }
        }
    }

    @Test
    void fillAndRampMatchThePerElementReference() {
        for (DType t : DType.values()) {
            for (int shift : SHIFTS) {
                for (long n : COUNTS) {
                    Storage got = random(t, n, shift, 5);
                    Storage want = random(t, n, NativeMemory.DEFAULT_CHUNK_SHIFT, 5);
                    try {
                        long from = n / 3;
                        long count = n - from - n / 5;
                        FillKernels.fill(got, from, count, -3.75);
                        for (long i = from; i < from + count; i++) {
                            want.setDouble(i, -3.75);
                        }
                        assertSameBits(want, got, n, t + " fill n=" + n + " shift=" + shift);
                        got.fillBits(Casts.bitsOf(t, 77L));
                        for (long i = 0; i < n; i++) {
                            want.setLong(i, 77L);
                        }
                        assertSameBits(want, got, n, t + " fillBits");
                        FillKernels.ramp(got, 1 % Math.max(1, n), Math.max(0, n - 1), 2.5, -0.5, 10);
                        for (long i = 0; i < n - 1; i++) {
                            want.setDouble(1 + i, 2.5 + (10 + i) * -0.5);
                        }
                        assertSameBits(want, got, n, t + " ramp");
                    } finally {
                        got.free();
                        want.free();
                    }
                }
            }
        }
    }

    /** Layouts over memory of {@code capacity} elements: dense, transposed, reversed, strided, broadcast, empty. */
    static List<StridedLayout> layouts(long capacity) {
        List<StridedLayout> l = new ArrayList<>();
        l.add(StridedLayout.contiguous(capacity));
        l.add(StridedLayout.of(new long[] {capacity}, capacity - 1, new long[] {-1}, capacity));
        l.add(StridedLayout.of(new long[] {capacity / 3}, 2, new long[] {3}, capacity));
        l.add(StridedLayout.of(new long[] {0, 4}, 0, new long[] {4, 1}, capacity));
        l.add(StridedLayout.of(new long[] {}, capacity / 2, new long[] {}, capacity));
        long rows = 7;
        long cols = capacity / rows;
        l.add(StridedLayout.contiguous(rows, cols));
        l.add(StridedLayout.of(new long[] {cols, rows}, 0, new long[] {1, cols}, capacity)); // transpose
        l.add(StridedLayout.of(new long[] {rows, cols / 2}, rows * cols - 1, new long[] {-cols, -2}, capacity));
        l.add(StridedLayout.of(new long[] {3, rows, cols}, 0, new long[] {0, cols, 1}, capacity)); // broadcast
        l.add(StridedLayout.of(new long[] {2, 3, cols / 4}, cols - 1, new long[] {3 * cols, cols, -1}, capacity));
        return l;
    }

    @Test
    void stridedPackUnpackAndCopyMatchElementByElement() {
        long cap = 7 * 40 + 3;
        for (DType t : DType.values()) {
            for (int shift : SHIFTS) {
                for (StridedLayout l : layouts(cap)) {
                    Storage src = random(t, cap, shift, 11);
                    long n = l.elementCount();
                    ByteBuffer packed = ByteBuffer.allocate((int) n * t.itemSize() + 24).order(ByteOrder.nativeOrder());
                    StridedCopy.pack(src, l, packed, 16);
                    Storage dense = Storage.allocate(t, n, true, shift);
                    Storage back = Storage.allocate(t, cap, true, shift);
                    Storage want = Storage.allocate(t, cap, true, NativeMemory.DEFAULT_CHUNK_SHIFT);
                    try {
                        StridedCopy.copy(src, l, dense, StridedLayout.contiguous(l.shape()));
                        long[] k = {0};
                        forEachIndex(l.shape(), idx -> {
                            long off = l.offsetOf(idx);
                            assertEquals(bits(src, off) & mask(t), packed.getLong(16 + (int) k[0] * t.itemSize())
                                    & mask(t), t + " pack " + l + " at " + k[0]);
                            assertEquals(bits(src, off) & mask(t), bits(dense, k[0]) & mask(t), t + " copy " + l);
                            src.copyOut(off, 1, want.chunkOf(off).duplicate(), want.posOf(off));
                            k[0]++;
                        });
                        StridedCopy.unpack(packed, 16, back, l);
                        assertSameBits(want, back, cap, t + " unpack " + l + " shift " + shift);
                        Storage back2 = Storage.allocate(t, cap, true, shift);
                        StridedCopy.copy(dense, StridedLayout.contiguous(l.shape()), back2, l);
                        assertSameBits(want, back2, cap, t + " copy back " + l);
                        back2.free();
                    } finally {
                        src.free();
                        dense.free();
                        back.free();
                        want.free();
                    }
                }
            }
        }
    }

    @Test
    void boxPackAndUnpackMatchThePerCellReference() {
        long[] shape = {5, 6, 7};
        LocalBox box = new LocalBox(shape, new long[] {1, 0, 2}, new long[] {4, 6, 5});
        for (DType t : DType.values()) {
            for (int shift : SHIFTS) {
                Storage src = random(t, 210, shift, 3);
                Storage dst = Storage.allocate(t, 210, true, shift);
                ByteBuffer b = ByteBuffer.allocate((int) box.cellCount() * t.itemSize()).order(ByteOrder.nativeOrder());
                try {
                    StridedCopy.pack(src, box, b, 0);
                    StridedCopy.unpack(b, 0, dst, box);
                    StridedLayout view = StridedLayout.of(new long[] {3, 6, 3}, 42 + 2, new long[] {42, 7, 1}, 210);
                    long[] k = {0};
                    forEachIndex(view.shape(), idx -> {
                        long off = view.offsetOf(idx);
                        assertEquals(bits(src, off) & mask(t), bits(dst, off) & mask(t), t + " box cell " + k[0]++);
                    });
                    assertEquals(0L, bits(dst, 0) & mask(t), "outside the box stays zero");
                } finally {
                    src.free();
                    dst.free();
                }
            }
        }
    }

    static long mask(DType t) {
        return t.itemSize() == 8 ? -1L : (1L << (8 * t.itemSize())) - 1;
    }

    /** Visits every index tuple of {@code shape} in C order (the serial reference walk). */
    static void forEachIndex(long[] shape, java.util.function.Consumer<long[]> v) {
        long total = 1;
        for (long e : shape) {
            total *= e;
        }
        long[] idx = new long[shape.length];
        for (long f = 0; f < total; f++) {
            long rest = f;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = rest % shape[a];
                rest /= shape[a];
            }
            v.accept(idx.clone());
        }
    }
}
