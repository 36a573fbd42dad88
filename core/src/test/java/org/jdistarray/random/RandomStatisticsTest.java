package org.jdistarray.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Basic statistics of 10^6 draws per distribution (fixed seeds, 2 thread ranks, a cyclic layout): mean and variance
 * within 5 standard errors, and a chi-square goodness-of-fit over equiprobable bins below its 10^-6 critical value.
 */
class RandomStatisticsTest {
    private static final int N = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static double[] draw(Function<Distribution, DistArray> make) {
        return LocalCluster.call(2, TIMEOUT, comm -> {
            try (DistArray a = make.apply(Distribution.builder(comm).shape(N).cyclic(0, 1000).build())) {
                return a.toDoubleArray(0);
            }
        }).get(0);
    }

    private static void moments(double[] x, double mean, double var, String what) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        double ss = 0;
        double s4 = 0;
        for (double v : x) {
            double d = v - m;
            ss += d * d;
            s4 += d * d * d * d;
        }
        double v = ss / (x.length - 1);
        assertEquals(mean, m, 5 * Math.sqrt(var / x.length), what + " mean");
        double varOfVar = (s4 / x.length - v * v) / x.length;
        assertEquals(var, v, 5 * Math.sqrt(varOfVar), what + " variance");
    }

    /** Chi-square over {@code bins} equiprobable bins of the CDF {@code cdf}; critical values for p = 1e-6. */
    private static void chiSquare(double[] x, DoubleUnaryOperator cdf, int bins, double critical, String what) {
        long[] count = new long[bins];
        for (double v : x) {
            int b = (int) Math.min(bins - 1, Math.floor(cdf.applyAsDouble(v) * bins));
            count[b]++;
        }
        double expected = (double) x.length / bins;
        double chi = 0;
        for (long c : count) {
            chi += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi < critical, what + ": chi-square " + chi + " >= " + critical + " (" + (bins - 1) + " dof)");
        assertTrue(chi > 0, what);
    }

    /** Standard normal CDF by the Abramowitz–Stegun 7.1.26 erf (error < 1.5e-7: fine for binning). */
    private static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    // chi-square critical values at p = 1e-6: 99 dof 181.1, 9 dof 46.5
    private static final double CRIT_99 = 181.1;
    private static final double CRIT_9 = 46.5;

    @Test
    void uniform() {
        double[] x = draw(d -> Generator.philox(101).random(d));
        moments(x, 0.5, 1.0 / 12, "random");
        chiSquare(x, v -> v, 100, CRIT_99, "random");
        double[] f = draw(d -> Generator.philox(102).random(d, DType.FLOAT32));
        moments(f, 0.5, 1.0 / 12, "random float32");
        chiSquare(f, v -> v, 100, CRIT_99, "random float32");
        double[] u = draw(d -> Generator.philox(103).uniform(d, -4, 6));
        moments(u, 1, 100.0 / 12, "uniform");
        chiSquare(u, v -> (v + 4) / 10, 100, CRIT_99, "uniform");
    }

    @Test
    void normal() {
        double[] x = draw(d -> Generator.philox(201).normal(d, 3, 2));
        moments(x, 3, 4, "normal");
        chiSquare(x, v -> phi((v - 3) / 2), 100, CRIT_99, "normal");
        double[] f = draw(d -> Generator.philox(202).standardNormal(d, DType.FLOAT32));
        moments(f, 0, 1, "normal float32");
        chiSquare(f, RandomStatisticsTest::phi, 100, CRIT_99, "normal float32");
    }

    @Test
    void exponential() {
        double[] x = draw(d -> Generator.philox(301).exponential(d, 2.5));
        moments(x, 2.5, 6.25, "exponential");
        chiSquare(x, v -> 1 - Math.exp(-v / 2.5), 100, CRIT_99, "exponential");
    }

    @Test
    void integers() {
        double[] x = draw(d -> Generator.philox(401).integers(d, -3, 7, DType.INT32));
        moments(x, 1.5, (100 - 1) / 12.0, "integers [-3, 7)");
        chiSquare(x, v -> (v + 3) / 10 + 0.05, 10, CRIT_9, "integers [-3, 7)");
        double[] w = draw(d -> Generator.philox(402).integers(d, 0, 10L << 40));
        long[] count = new long[10];
        for (double v : w) {
            count[(int) (v / (1L << 40))]++;
        }
        double chi = 0;
        for (long c : count) {
            chi += (c - N / 10.0) * (c - N / 10.0) / (N / 10.0);
        }
        assertTrue(chi < CRIT_9, "integers [0, 10 * 2^40): chi-square " + chi);
        // 2^31 + 1 values: about half the first draws are rejected and redrawn from the side stream
        double[] r = draw(d -> Generator.philox(403).integers(d, 0, (1L << 31) + 1));
        chiSquare(r, v -> v / ((1L << 31) + 1), 10, CRIT_9, "integers [0, 2^31 + 1)");
        moments(r, (1L << 31) / 2.0, Math.pow((1L << 31) + 1, 2) / 12, "integers [0, 2^31 + 1)");
    }

    /**
     * Each of the 6 permutations of 3 about equally often over 60000 successive calls (the sampler of call {@code k},
     * as {@code permutation} makes it at stream position {@code k}; the distributed path is in the layout contract);
     * chi-square, 5 dof.
     */
    @Test
    void permutationsOfThreeAreUniform() {
        long[] count = new long[9];
        PhiloxCipher cipher = new PhiloxCipher(501, 0, 0, 0, 0, 0);
        long[] p = new long[3];
        for (int k = 0; k < 60000; k++) {
            new Sampler.Permutation(new Draws(cipher, k, -1), 3).longs(0, 3, p);
            count[(int) (p[0] * 3 + p[1])]++;
        }
        double chi = 0;
        int kinds = 0;
        for (long c : count) {
            if (c > 0) {
                kinds++;
                chi += (c - 10000.0) * (c - 10000.0) / 10000.0;
            }
        }
        assertEquals(6, kinds);
        assertTrue(chi < 35.9, "chi-square " + chi + " (5 dof, p = 1e-6: 35.9)");
    }
}
