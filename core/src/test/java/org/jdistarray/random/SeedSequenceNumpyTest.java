package org.jdistarray.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link SeedSequence} and {@link Generator#seeded} against Debian's numpy, run live: {@code generate_state} in 32
 * and 64 bits for one-integer and sequence entropy (small, 0, above 2^32, above 2^63 is out of a long's range), the
 * key of {@code Philox(seed)}, and {@code Generator(Philox(seed)).random(n)} bit for bit on 1 and 3 thread ranks
 * (block and cyclic). Skipped with the reason when {@code /usr/bin/python3} cannot import numpy.
 */
class SeedSequenceNumpyTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long[][] ENTROPY = {{0}, {1}, {1234}, {20261201}, {(1L << 40) + 3}, {Long.MAX_VALUE},
            {1, 1L << 33}, {7, 0, 9, 4, 5, 6}};
    private static final int N = 23;

    private static List<String> numpy() throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute(), PYTHON + " is not installed");
        StringBuilder py = new StringBuilder("import numpy as np\nfrom numpy.random import SeedSequence, Philox,"
                + " Generator\nfor e in [");
        for (long[] e : ENTROPY) {
            py.append('[');
            for (long v : e) {
                py.append(v).append(',');
            }
            py.append("],");
        }
        py.append("]:\n    s = SeedSequence(e[0] if len(e) == 1 else e)\n"
                + "    print(' '.join(str(v) for v in s.generate_state(9)))\n"
                + "    print(' '.join(str(v) for v in s.generate_state(3, np.uint64)))\n"
                + "    if len(e) == 1:\n"
                + "        print(' '.join(str(v) for v in Philox(e[0]).state['state']['key']))\n"
                + "        print(' '.join(str(v) for v in Generator(Philox(e[0])).random(" + N
                + ").view(np.uint64)))\n");
        Process p = new ProcessBuilder(PYTHON, "-c", py.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                "numpy is not importable by " + PYTHON);
        return List.of(out.strip().split("\n"));
    }

    private static long[] words(String line) {
        String[] f = line.trim().split(" ");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseUnsignedLong(f[i]);
        }
        return v;
    }

    private static double[] randomOn(int ranks, long seed, boolean cyclic) {
        List<double[]> got = new ArrayList<>();
        LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
            Distribution d = cyclic ? Distribution.builder(comm).shape(N).cyclic(0).build()
                    : Distribution.builder(comm).shape(N).build();
            try (DistArray a = Generator.seeded(seed).random(d)) {
                double[] all = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    synchronized (got) {
                        got.add(all);
                    }
                }
            }
        });
        return got.get(0);
    }

    @Test
    void generateStateSeededKeysAndDrawsEqualNumpy() throws Exception {
        List<String> lines = numpy();
        int k = 0;
        for (long[] e : ENTROPY) {
            SeedSequence s = new SeedSequence(e);
            long[] want32 = words(lines.get(k++));
            int[] got32 = s.generateState(9);
            for (int i = 0; i < 9; i++) {
                assertEquals(want32[i], got32[i] & 0xFFFFFFFFL, s + " word " + i);
            }
            assertArrayEquals(words(lines.get(k++)), s.generateState64(3), s + " 64-bit words");
            if (e.length == 1) {
                long[] key = words(lines.get(k++));
                Generator g = Generator.seeded(e[0]);
                assertArrayEquals(key, s.generateState64(2), "Philox(" + e[0] + ") key");
                long[] bits = words(lines.get(k++));
                double[] want = new double[N];
                for (int i = 0; i < N; i++) {
                    want[i] = Double.longBitsToDouble(bits[i]);
                }
                for (int ranks : new int[] {1, 3}) {
                    for (boolean cyclic : new boolean[] {false, true}) {
                        assertArrayEquals(want, randomOn(ranks, e[0], cyclic), "Generator(Philox(" + e[0]
                                + ")).random on " + ranks + " ranks" + (cyclic ? ", cyclic" : ""));
                    }
                }
                assertEquals(0, g.position());
            }
        }
        assertEquals(lines.size(), k, "every numpy line checked");
        assertThrows(IllegalArgumentException.class, () -> new SeedSequence(-1));
        assertThrows(IllegalArgumentException.class, () -> Generator.seeded(-5));
    }
}
