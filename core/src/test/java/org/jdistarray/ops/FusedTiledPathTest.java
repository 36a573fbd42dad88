package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both paths of {@link FusedFloat64}'s loops (the tiled one taken by large blocks and the direct one) give the element
 * formula's bits: the threshold is lowered to every block and raised above every block in turn, on sizes that leave a
 * partial tile and a partial chunk (5, 1300, 9000 elements), with NaN, ±inf and -0.0 among the values, into a new
 * array and in place ({@code out=} an operand); thread ranks 1 to 7 (empty blocks at 5 elements).
 */
class FusedTiledPathTest {
    private static double x(long i) {
        return switch ((int) (i % 11)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> -0.0;
            default -> 0.37 * i - 50.0;
        };
    }

    private static double y(long i) {
        return i % 13 == 3 ? Double.NEGATIVE_INFINITY : 1.0 / (i + 1.0);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void tiledAndDirectLoopsGiveTheFormulasBits(int ranks) {
        long saved = FusedFloat64.tiledFrom;
        try {
            for (long threshold : new long[] {1, Long.MAX_VALUE}) {
                FusedFloat64.tiledFrom = threshold;
                for (int n : new int[] {5, 1300, 9000}) {
                    LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
                        Distribution d = Distribution.builder(comm).shape(n).build();
                        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> x(g[0]));
                                DistArray b = DistArrays.fromFunction(d, DType.FLOAT64, g -> y(g[0]));
                                DistArray c = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 5 - 2.0);
                                DistArray e = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(c)
                                        .subtract(b).eval()) {
                            Np.expr(a).multiply(b).add(a).multiply(2.5).eval(UfuncOptions.out(a));
                            double[] got = e.toDoubleArray(0);
                            double[] inPlace = a.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                for (int i = 0; i < n; i++) {
                                    double xi = x(i);
                                    double yi = y(i);
                                    double want = Math.sqrt(xi * xi + yi * yi) * (i % 5 - 2.0) - yi;
                                    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[i]),
                                            "element " + i + " of " + n + ", threshold " + threshold);
                                    double w2 = (xi * yi + xi) * 2.5;
                                    assertEquals(Double.doubleToRawLongBits(w2), Double.doubleToRawLongBits(inPlace[i]),
                                            "in place, element " + i + " of " + n + ", threshold " + threshold);
                                }
                            }
                        }
                    });
                }
            }
        } finally {
            FusedFloat64.tiledFrom = saved;
        }
    }
}
