package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar reductions and {@code cumsum(a, axis, out)} reached from the one entry point {@link Np}: values against a
 * serial reference on every rank, thread ranks 1 to 7 (5 elements on 7 ranks: empty blocks), a {@code where} mask
 * through the options form, and the size-1 rule for an axis reduction asked for as a scalar.
 */
class NpScalarReductionsTest {
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void scalarSumsMeansAndCumsumOutFromNp(int ranks) {
        for (int n : new int[] {5, 1001}) {
            double[] xs = new double[n];
            long[] is = new long[n];
            double wantSum = 0;
            double wantMasked = 0;
            long wantLong = 0;
            long[] wantScan = new long[n];
            for (int i = 0; i < n; i++) {
                xs[i] = 0.25 * i - 3.0;
                is[i] = (long) i * i - 7;
                wantSum += xs[i];
                wantMasked += i % 3 == 0 ? xs[i] : 0.0;
                wantLong += is[i];
                wantScan[i] = wantLong;
            }
            double sum = wantSum;
            double masked = wantMasked;
            long total = wantLong;
            LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
                Distribution d = Distribution.builder(comm).shape(n).build();
                try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> xs[(int) g[0]]);
                        DistArray k = DistArrays.fromFunction(d, DType.INT64, g -> is[(int) g[0]]);
                        DistArray mask = DistArrays.fromFunction(d, DType.BOOL, g -> g[0] % 3 == 0 ? 1 : 0);
                        DistArray out = DistArrays.zeros(d, DType.INT64)) {
                    assertEquals(sum, Np.sumDouble(x), 1e-9 * n);
                    assertEquals(sum / n, Np.meanDouble(x), 1e-9);
                    assertEquals(total, Np.sumLong(k));
                    assertEquals((double) total, Np.sumDouble(k));
                    assertEquals(masked, Np.sumDouble(x, ReduceOptions.defaults().where(mask)), 1e-9 * n);
                    assertSame(out, Np.cumsum(k, 0, out));
                    long[] scan = out.toLongArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(wantScan, scan);
                    }
                }
                Distribution d2 = Distribution.builder(comm).shape(3, 4).build();
                try (DistArray m = DistArrays.ones(d2, DType.FLOAT64)) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Np.sumDouble(m, ReduceOptions.axis(1)));
                    assertTrue(e.getMessage().startsWith("can only convert an array of size 1 to a Python scalar"), e.getMessage());
                }
            });
        }
    }
}
