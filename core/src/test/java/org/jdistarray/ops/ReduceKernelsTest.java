package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * The float64 sum kernel: the native loop (when the library is loaded), the by-address Java loop (native-order direct
 * buffers) and the checked {@code ByteBuffer.getDouble} loop give the bits of the documented order (32 lanes, the
 * tail into lane 0, the halving fold) for every length and start, across the Java loops' 4096-element blocks; a heap
 * or big-endian buffer, or a range past the end, takes the checked path (so the range is checked, never read out of
 * bounds).
 */
class ReduceKernelsTest {
    @Test
    void everyPathGivesTheBitsOfTheDocumentedOrder() {
        int len = 9000;
        ByteBuffer direct = ByteBuffer.allocateDirect(8 * len).order(ByteOrder.nativeOrder());
        ByteBuffer heap = ByteBuffer.allocate(8 * len).order(ByteOrder.nativeOrder());
        for (int i = 0; i < len; i++) {
            double v = Math.scalb(1.0 + i * 0.37, (i * 7) % 61 - 30) * (i % 3 == 0 ? -1 : 1);
            direct.putDouble(8 * i, v);
            heap.putDouble(8 * i, v);
        }
        boolean saved = NativeKernels.enabled;
        try {
            for (int pos : new int[] {0, 8, 24, 64, 1000}) {
                for (int n = 0; 8 * n + pos <= 8 * len; n += n < 70 ? 1 : n < 300 ? 37 : 1111) {
                    double[] lane = new double[32];
                    int full = n - n % 32;
                    for (int i = 0; i < full; i++) {
                        lane[i % 32] += heap.getDouble(pos + 8 * i);
                    }
                    for (int i = full; i < n; i++) {
                        lane[0] += heap.getDouble(pos + 8 * i);
                    }
                    for (int w = 16; w >= 1; w /= 2) {
                        for (int j = 0; j < w; j++) {
                            lane[j] += lane[j + w];
                        }
                    }
                    long want = Double.doubleToLongBits(lane[0]);
                    String what = "pos " + pos + " n " + n;
                    for (boolean on : new boolean[] {true, false}) {
                        NativeKernels.enabled = on && NativeKernels.LOADED;
                        assertEquals(want, Double.doubleToLongBits(ReduceKernels.sumF64(direct, pos, n)), what + " " + on);
                    }
                    assertEquals(want, Double.doubleToLongBits(ReduceKernels.sumF64(heap, pos, n)), what);
                    assertEquals(want, Double.doubleToLongBits(ReduceKernels.sumF64Checked(direct, pos, n)), what);
                }
            }
        } finally {
            NativeKernels.enabled = saved;
        }
        ByteBuffer big = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
        big.putDouble(0, 1.5).putDouble(8, 2.25);
        assertEquals(3.75, ReduceKernels.sumF64(big, 0, 2));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> ReduceKernels.sumF64(direct, 8, len));
    }

    /** The native sums of consecutive rows (a reduction over the last axis) give each row's {@code sumF64} bits. */
    @Test
    void nativeRowSumsGiveEachRowsSumBits() {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeKernels.LOADED, "the native library is not loaded");
        int len = 20000;
        ByteBuffer x = ByteBuffer.allocateDirect(8 * len).order(ByteOrder.nativeOrder());
        for (int i = 0; i < len; i++) {
            x.putDouble(8 * i, Math.scalb(1.0 + i * 0.61, (i * 11) % 53 - 26) * (i % 5 == 0 ? -1 : 1));
        }
        ByteBuffer out = ByteBuffer.allocateDirect(8 * 200).order(ByteOrder.nativeOrder());
        long base = ReduceKernels.address(x);
        for (int rowLen : new int[] {0, 1, 31, 32, 33, 64, 95, 100, 2048}) {
            for (int offset : new int[] {0, 1, 3}) {
                int rows = Math.min(200, rowLen == 0 ? 7 : (len - offset) / rowLen);
                NativeKernels.sumRowsF64(base + 8L * offset, rows, rowLen, ReduceKernels.address(out));
                for (int r = 0; r < rows; r++) {
                    long want = Double.doubleToLongBits(
                            ReduceKernels.sumF64(x, 8 * (offset + r * rowLen), rowLen));
                    assertEquals(want, Double.doubleToLongBits(out.getDouble(8 * r)),
                            "row " + r + " of length " + rowLen + " at offset " + offset);
                }
            }
        }
    }
}
