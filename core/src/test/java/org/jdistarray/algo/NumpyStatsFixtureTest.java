package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Selection (median/quantile/percentile), bincount and histogram against Debian's numpy: the committed table
 * {@code numpy-stats.txt} (written by {@code src/test/python/algo_stats_fixture.py}) on 1, 3 and 4 thread ranks,
 * cyclic along axis 0; values exact (histogram edges of float32 input to 1e-6, NumPy computes them in float32).
 */
class NumpyStatsFixtureTest {
    static List<String[]> lines() throws IOException {
        return NumpyAlgoFixtureTest.lines("/org/jdistarray/algo/numpy-stats.txt");
    }

    @Test
    void everyFixtureLine() throws Exception {
        List<String[]> table = lines();
        assertTrue(table.size() > 200, "fixture has " + table.size() + " lines");
        for (int ranks : new int[] {1, 3, 4}) {
            LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
                for (String[] f : table) {
                    String[] sh = f[2].split(",");
                    long[] shape = new long[sh.length];
                    for (int i = 0; i < sh.length; i++) {
                        shape[i] = Long.parseLong(sh[i]);
                    }
                    DType t = DType.parse(f[1]);
                    DistributionBuilder b = Distribution.builder(comm).shape(shape).cyclic(0);
                    for (int i = 1; i < shape.length; i++) {
                        b.undistributed(i);
                    }
                    String what = String.join(" ", f[0], f[1], f[2], f[4], "ranks " + comm.size());
                    try (DistArray a = DistArrays.fromArray(b.build(), t, NumpyAlgoFixtureTest.values(f[3]))) {
                        switch (f[0]) {
                            case "quantile" -> same(what, f[5], Selection.quantile(a, Double.parseDouble(f[4])));
                            case "median" -> same(what, f[5], Selection.median(a));
                            case "percentile" -> same(what, f[5], Selection.percentile(a, Double.parseDouble(f[4])));
                            case "bincount" -> {
                                try (DistArray c = Counting.bincount(a, Integer.parseInt(f[4]))) {
                                    all(what, NumpyAlgoFixtureTest.values(f[5]), c.toDoubleArray(0), 0, comm.rank());
                                }
                            }
                            case "histogram" -> {
                                String[] p = f[4].split(":");
                                double[] range = p.length == 1 ? null
                                        : new double[] {Double.parseDouble(p[1]), Double.parseDouble(p[2])};
                                Counting.Histogram h = Counting.histogram(a, Integer.parseInt(p[0]), range);
                                String[] w = f[5].split("\\|");
                                try (DistArray c = h.hist()) {
                                    all(what, NumpyAlgoFixtureTest.values(w[0]), c.toDoubleArray(0), 0, comm.rank());
                                }
                                all(what + " edges", NumpyAlgoFixtureTest.values(w[1]), h.edges(),
                                        t == DType.FLOAT32 ? 1e-6 : 0, 0);
                            }
                            default -> throw new IllegalArgumentException(f[0]);
                        }
                    }
                }
            });
        }
    }

    @Test
    void badInputOnEveryRank() throws Exception {
        LocalCluster.run(3, Duration.ofSeconds(60), comm -> {
            Distribution d = Distribution.builder(comm).shape(5).build();
            try (DistArray a = DistArrays.fromArray(d, DType.INT64, new long[] {1, -2, 3, 0, 1});
                 DistArray f = DistArrays.zeros(d, DType.FLOAT64)) {
                assertEquals("'list' argument must have no negative elements",
                        assertThrows(IllegalArgumentException.class, () -> Counting.bincount(a, 0)).getMessage());
                assertEquals("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule"
                        + " 'safe'", assertThrows(IllegalArgumentException.class, () -> Counting.bincount(f, 0))
                        .getMessage());
                assertEquals("Quantiles must be in the range [0, 1]",
                        assertThrows(IllegalArgumentException.class, () -> Selection.quantile(f, 1.5)).getMessage());
                f.setDouble(Double.NaN, 3);
                assertEquals("autodetected range of [nan, nan] is not finite",
                        assertThrows(IllegalArgumentException.class, () -> Counting.histogram(f, 3, null))
                        .getMessage());
            }
        });
    }

    private static void same(String what, String want, double got) {
        double w = NumpyAlgoFixtureTest.values(want)[0];
        assertTrue(Double.isNaN(w) ? Double.isNaN(got) : w == got, what + ": " + got + ", numpy " + want);
    }

    private static void all(String what, double[] want, double[] got, double tol, int rank) {
        if (rank != 0) {
            return;
        }
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tol * Math.max(1, Math.abs(want[i])),
                    what + ": element " + i + " is " + got[i] + ", numpy " + want[i]);
        }
    }
}
