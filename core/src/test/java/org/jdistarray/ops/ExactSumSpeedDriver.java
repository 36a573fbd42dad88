package org.jdistarray.ops;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Not a test: a driver comparing, in one JVM and alternately, the float64 sum kernel with the exact accumulation over 2^22 doubles of the given kind of data ({@code java -cp
 * core/target/test-classes:core/target/classes org.jdistarray.ops.ExactSumSpeedDriver}). Prints medians of 21.
 */
public final class ExactSumSpeedDriver {
    private static volatile double sink;

    private ExactSumSpeedDriver() {
    }

    public static void main(String[] args) {
        int n = 1 << 22;
        ByteBuffer b = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            b.putDouble(i * 8, args.length > 0 && args[0].equals("ones") ? 1.0 : ReproducibleContract.wide(i));
        }
        long[] acc = new long[3 * ExactSum.LENGTH];
        double[] plain = new double[21];
        double[] one = new double[21];
        for (int r = -5; r < 21; r++) {
            long t0 = System.nanoTime();
            double s = 0;
            for (int p = 0; p < n; p += 1 << 16) {
                s += ReduceKernels.sumF64(b, p * 8, 1 << 16);
            }
            long t1 = System.nanoTime();
            for (int p = 0; p < n; p += 1000) {
                ExactSum.addF64(b, p * 8, Math.min(1000, n - p), acc, 0);
                ExactSum.normalize(acc, 0);
            }
            long t2 = System.nanoTime();
                        sink = s + acc[5];
            if (r >= 0) {
                plain[r] = (t1 - t0) / 1e6;
                one[r] = (t2 - t1) / 1e6;
            }
        }
        Arrays.sort(plain);
        Arrays.sort(one);
        System.out.printf("2^22 doubles: plain sum %.2f ms, exact accumulation %.2f ms (%.1fx)%n", plain[10], one[10],
                one[10] / plain[10]);
    }
}
