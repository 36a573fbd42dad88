package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * The float64 sum kernel: read by address (native-order direct buffers) it gives the bits of the checked
 * {@code ByteBuffer.getDouble} loop for every length and start (the same eight accumulators, the same order), and a
 * heap or big-endian buffer, or a range past the end, takes the checked path (so the range is checked, never read out
 * of bounds).
 */
class ReduceKernelsTest {
    @Test
    void byAddressGivesTheBitsOfTheCheckedLoop() {
        ByteBuffer direct = ByteBuffer.allocateDirect(8 * 300).order(ByteOrder.nativeOrder());
        ByteBuffer heap = ByteBuffer.allocate(8 * 300).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 300; i++) {
            double v = Math.scalb(1.0 + i * 0.37, (i * 7) % 61 - 30) * (i % 3 == 0 ? -1 : 1);
            direct.putDouble(8 * i, v);
            heap.putDouble(8 * i, v);
        }
        for (int pos : new int[] {0, 8, 24, 64, 1000}) {
            for (int n = 0; 8 * n + pos <= 8 * 300; n += n < 20 ? 1 : 37) {
                double want;
                double[] acc = new double[8];
                int full = n - n % 8;
                for (int i = 0; i < full; i++) {
                    acc[i % 8] += heap.getDouble(pos + 8 * i);
                }
                for (int i = full; i < n; i++) {
                    acc[0] += heap.getDouble(pos + 8 * i);
                }
                want = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
                String what = "pos " + pos + " n " + n;
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(ReduceKernels.sumF64(direct, pos, n)), what);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(ReduceKernels.sumF64(heap, pos, n)), what);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(ReduceKernels.sumF64Checked(direct, pos, n)), what);
            }
        }
        ByteBuffer big = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
        big.putDouble(0, 1.5).putDouble(8, 2.25);
        assertEquals(3.75, ReduceKernels.sumF64(big, 0, 2));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> ReduceKernels.sumF64(direct, 8, 300));
    }
}
