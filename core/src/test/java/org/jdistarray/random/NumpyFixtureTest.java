package org.jdistarray.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random arrays against NumPy 1.24's {@code Generator(Philox(key=...))}, bit for bit, from the committed fixture of
 * {@code src/test/python/random_fixture.py}; on 1 and 3 thread ranks, over block, cyclic and block-cyclic layouts.
 * {@link #fixtureIsWhatNumpyGives} re-runs the script with Debian's numpy when it is installed.
 */
class NumpyFixtureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PYTHON = "/usr/bin/python3";

    private static NumpyFixture fixture() throws Exception {
        return new NumpyFixture(NumpyFixture.committed());
    }

    /** Makes an array on every rank of an n-rank cluster; rank 0's gather as doubles. */
    private static double[] onRanks(int ranks, Function<Communicator, DistArray> make) {
        List<double[]> r = LocalCluster.call(ranks, TIMEOUT, comm -> {
            try (DistArray a = make.apply(comm)) {
                return a.toDoubleArray(0);
            }
        });
        return r.get(0);
    }

    private static long[] onRanksLong(int ranks, Function<Communicator, DistArray> make) {
        List<long[]> r = LocalCluster.call(ranks, TIMEOUT, comm -> {
            try (DistArray a = make.apply(comm)) {
                return a.toLongArray(0);
            }
        });
        return r.get(0);
    }

    private static double[] prefix(double[] v, int n) {
        return Arrays.copyOf(v, n);
    }

    @Test
    void rawWordsEqualNumpyRandomRaw() throws Exception {
        NumpyFixture f = fixture();
        long[] a = f.longs("raw_1234_0");
        long[] b = f.longs("raw_max_7");
        long[] c = f.longs("raw_carry");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], new PhiloxCipher(1234, 0, 0, 0, 0, 0).word(i), "key 1234 word " + i);
        }
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], new PhiloxCipher(-1, 7, 0, 0, 0, 0).word(i), "key (2^64-1, 7) word " + i);
            assertEquals(c[i], new PhiloxCipher(5, 6, -1, -1, 0, 0).word(i), "carry word " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void uniformDoublesEqualNumpyForSeedsAndShapes(int ranks) throws Exception {
        NumpyFixture f = fixture();
        for (long seed : new long[] {0, 1, 1234, Long.MIN_VALUE + 5}) {
            double[] np = f.doubles("random_" + Long.toUnsignedString(seed));
            assertArrayEquals(np, onRanks(ranks, comm -> Generator.philox(seed).random(
                    Distribution.builder(comm).shape(1000).build())), "seed " + seed + " (1000,)");
            assertArrayEquals(np, onRanks(ranks, comm -> Generator.philox(seed).random(
                    Distribution.builder(comm).shape(10, 100).cyclic(0, 3).build())), "seed " + seed + " (10, 100)");
            assertArrayEquals(np, onRanks(ranks, comm -> Generator.philox(seed).random(
                    Distribution.builder(comm).shape(5, 8, 25).block(0).cyclic(2).build())), "seed " + seed);
            for (int n : new int[] {0, 1, 5, 37}) {
                assertArrayEquals(prefix(np, n), onRanks(ranks, comm -> Generator.philox(seed).random(
                        Distribution.builder(comm).shape(n).cyclic(0).build())), "seed " + seed + " n " + n);
            }
            assertArrayEquals(prefix(np, 1), onRanks(ranks, comm -> RandomArrays.rand(
                    Distribution.builder(comm).shape().build(), seed)), "0-d, seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void otherDistributionsEqualNumpy(int ranks) throws Exception {
        NumpyFixture f = fixture();
        assertArrayEquals(f.doubles("random32_7"), onRanks(ranks, comm -> Generator.philox(7).random(
                Distribution.builder(comm).shape(37).cyclic(0, 2).build(), DType.FLOAT32)));
        assertArrayEquals(f.doubles("uniform_11"), onRanks(ranks, comm -> Generator.philox(11).uniform(
                Distribution.builder(comm).shape(5, 10).build(), -3.0, 5.5)));
        assertArrayEquals(f.longs("int_3_0_10"), onRanksLong(ranks, comm -> Generator.philox(3).integers(
                Distribution.builder(comm).shape(100).cyclic(0).build(), 0, 10)));
        assertArrayEquals(f.longs("int32_4_m1000_1000"), onRanksLong(ranks, comm -> Generator.philox(4).integers(
                Distribution.builder(comm).shape(10, 10).build(), -1000, 1000, DType.INT32)));
        assertArrayEquals(f.longs("int_5_0_2p40"), onRanksLong(ranks, comm -> Generator.philox(5).integers(
                Distribution.builder(comm).shape(50).build(), 0, 1L << 40)));
        assertArrayEquals(f.longs("int_6_m2p62_2p62"), onRanksLong(ranks, comm -> Generator.philox(6).integers(
                Distribution.builder(comm).shape(20).build(), -(1L << 62), 1L << 62)));
        assertArrayEquals(f.longs("int_7_5_6"), onRanksLong(ranks, comm -> Generator.philox(7).integers(
                Distribution.builder(comm).shape(10).build(), 5, 6)));
        assertArrayEquals(f.longs("int_8_0_2p32"), onRanksLong(ranks, comm -> Generator.philox(8).integers(
                Distribution.builder(comm).shape(21).cyclic(0).build(), 0, 1L << 32)));
        assertArrayEquals(f.doubles("jumped_5_2"), onRanks(ranks, comm -> Generator.philox(5).jumped(2).random(
                Distribution.builder(comm).shape(10).build())));
    }

    @Test
    void exponentialByInversionIsNumpysToTheLastBit() throws Exception {
        double[] np = fixture().doubles("exp_inv_9");
        double[] got = onRanks(2, comm -> Generator.philox(9).standardExponential(
                Distribution.builder(comm).shape(np.length).build()));
        int exact = 0;
        for (int i = 0; i < np.length; i++) {
            assertTrue(Math.abs(np[i] - got[i]) <= Math.ulp(np[i]), "element " + i + ": " + got[i] + " vs " + np[i]);
            exact += np[i] == got[i] ? 1 : 0;
        }
        assertTrue(exact >= 90, exact + " of 100 bit-exact");
    }

    /** Successive calls continue the stream as NumPy's, including the kept high half after odd float32 draws. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void successiveCallsContinueTheStreamAsNumpy(int ranks) throws Exception {
        double[] np = fixture().doubles("seq_21");
        double[] got = LocalCluster.call(ranks, TIMEOUT, comm -> {
            Generator g = Generator.philox(21);
            double[] out = new double[0];
            int[] sizes = {3, 2, 3, 5, 3, 1};
            for (int k = 0; k < sizes.length; k++) {
                Distribution d = Distribution.builder(comm).shape(sizes[k]).cyclic(0).build();
                try (DistArray a = switch (k) {
                    case 0, 2, 5 -> g.random(d, DType.FLOAT32);
                    case 4 -> g.integers(d, 0, 100);
                    default -> g.random(d);
                }) {
                    double[] v = a.toDoubleArray(0);
                    if (v != null) {
                        out = concat(out, v);
                    }
                }
            }
            return out;
        }).get(0);
        assertArrayEquals(np, got);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void fixtureIsWhatNumpyGives() throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute(), PYTHON + " is not installed");
        Process probe = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "numpy is not importable by " + PYTHON);
        Path script = Path.of("src/test/python/random_fixture.py");
        Assumptions.assumeTrue(Files.exists(script), "the script is not at " + script.toAbsolutePath());
        Process p = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(NumpyFixture.committed(), out, "numpy's draws changed: regenerate the fixture");
    }
}
