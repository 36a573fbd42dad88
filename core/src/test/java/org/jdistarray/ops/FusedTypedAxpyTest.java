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
 * The float32 and int64 forms of the fused {@code a*x + y} and {@code x + y}, {@code x - y}, {@code x * y} loops give
 * NumPy's element results: float32 rounds the product and the sum to float (the Python float cast to float32 once),
 * int64 wraps on overflow; new results and {@code out=} an operand; NaN, ±inf, -0.0 and int64 extremes among the
 * values; a block and a cyclic layout; thread ranks 1 to 7 (empty blocks at 5 elements). The result dtype is the
 * operands'.
 */
class FusedTypedAxpyTest {
    private static float f(long i, int salt) {
        return switch ((int) ((i + salt) % 9)) {
            case 0 -> Float.NaN;
            case 1 -> Float.NEGATIVE_INFINITY;
            case 2 -> -0.0f;
            case 3 -> Float.MAX_VALUE;
            default -> (float) (0.1 * i - 7.3 * salt);
        };
    }

    private static long l(long i, int salt) {
        return switch ((int) ((i + salt) % 7)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            default -> 1234567 * i - 99 * salt;
        };
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void float32AndInt64FusedFormsGiveNumpysElements(int ranks) {
        for (int n : new int[] {5, 1000}) {
            for (boolean cyclic : new boolean[] {false, true}) {
                LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
                    org.jdistarray.dist.DistributionBuilder b = Distribution.builder(comm).shape(n);
                    Distribution d = cyclic ? b.cyclic(0).build() : b.build();
                    try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT32, g -> f(g[0], 0));
                            DistArray y = DistArrays.fromFunction(d, DType.FLOAT32, g -> f(g[0], 4));
                            DistArray fa = Np.expr(x).multiply(0.3).add(y).eval();
                            DistArray fs = Np.subtract(x, y); DistArray fm = Np.multiply(y, x);
                            DistArray i = DistArrays.fromLongFunction(d, DType.INT64, g -> l(g[0], 0));
                            DistArray j = DistArrays.fromLongFunction(d, DType.INT64, g -> l(g[0], 3))) {
                        try (DistArray ia = Np.expr(i).multiply(Expr.scalar(3L)).add(j).eval();
                                DistArray ib = Expr.scalar(-5L).multiply(i).add(j).eval();
                                DistArray is = Np.subtract(i, j); DistArray im = Np.multiply(i, j)) {
                            assertEquals(DType.FLOAT32, fa.dtype());
                            assertEquals(DType.INT64, ia.dtype());
                            double[] gfa = fa.toDoubleArray(0);
                            double[] gfs = fs.toDoubleArray(0);
                            double[] gfm = fm.toDoubleArray(0);
                            long[] gia = ia.toLongArray(0);
                            long[] gib = ib.toLongArray(0);
                            long[] gis = is.toLongArray(0);
                            long[] gim = im.toLongArray(0);
                            // alphas around the native loop's 32-bit forms (|alpha| < 2^32 takes two products)
                            long[] alphas = {0, 1, -1, 0xFFFFFFFFL, 1L << 32, -0xFFFFFFFFL, -(1L << 32),
                                (1L << 32) + 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
                            long[][] byAlpha = new long[alphas.length][];
                            for (int q = 0; q < alphas.length; q++) {
                                try (DistArray r = Expr.scalar(alphas[q]).multiply(i).add(j).eval()) {
                                    byAlpha[q] = r.toLongArray(0);
                                }
                            }
                            Np.expr(x).multiply(0.3).add(y).eval(UfuncOptions.out(y)); // in place: y = 0.3*x + y
                            Np.add(i, j, UfuncOptions.out(j));
                            double[] gy = y.toDoubleArray(0);
                            long[] gj = j.toLongArray(0);
                            if (comm.rank() == 0) {
                                for (int k = 0; k < n; k++) {
                                    float xk = f(k, 0);
                                    float yk = f(k, 4);
                                    String at = "element " + k + " of " + n + (cyclic ? " cyclic" : " block");
                                    float want = 0.3f * xk + yk;
                                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits((float) gfa[k]), at);
                                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits((float) gy[k]), at);
                                    assertEquals(Float.floatToRawIntBits(xk - yk), Float.floatToRawIntBits((float) gfs[k]), at);
                                    assertEquals(Float.floatToRawIntBits(yk * xk), Float.floatToRawIntBits((float) gfm[k]), at);
                                    long ik = l(k, 0);
                                    long jk = l(k, 3);
                                    assertEquals(3 * ik + jk, gia[k], at);
                                    assertEquals(-5 * ik + jk, gib[k], at);
                                    assertEquals(ik - jk, gis[k], at);
                                    assertEquals(ik * jk, gim[k], at);
                                    assertEquals(ik + jk, gj[k], at);
                                    for (int q = 0; q < alphas.length; q++) {
                                        assertEquals(alphas[q] * ik + jk, byAlpha[q][k], at + ", alpha " + alphas[q]);
                                    }
                                }
                            }
                        }
                    }
                });
            }
        }
    }
}
