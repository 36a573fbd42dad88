package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Basic indexing against Debian's numpy 1.24: the committed table {@code numpy-indexing.txt} (written by
 * {@code src/test/python/numpy_indexing_fixture.py}), which holds every slicing case of distarray-0.5.md §6 and more:
 * result shapes and values of {@code get}, of slice assignment (DistArray and Java array right-hand sides), and
 * NumPy's error messages. Each case runs on a block and a cyclic layout, on 1, 2, 3 and 7 thread ranks.
 */
class NumpyIndexingFixtureTest {
    static final String FIXTURE = "/org/jdistarray/array/numpy-indexing.txt";

    static List<String[]> lines() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = NumpyIndexingFixtureTest.class.getResourceAsStream(FIXTURE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    static long[] shape(String s) {
        return s.isEmpty() ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static double[] values(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    static Distribution layout(Communicator comm, long[] shape, DistKind kind) {
        return Distribution.fromShape(comm, shape, Collections.nCopies(shape.length, kind));
    }

    static DistArray arange(Distribution d, double plus) {
        long[] s = d.shape();
        return DistArrays.fromFunction(d, DType.FLOAT64, g -> {
            long f = 0;
            for (int i = 0; i < g.length; i++) {
                f = f * s[i] + g[i];
            }
            return f + plus;
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void matchesNumpy(int ranks) throws Exception {
        List<String[]> table = lines();
        assertEquals(43, table.size(), "fixture lines");
        LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
            for (String[] t : table) {
                for (DistKind kind : List.of(DistKind.BLOCK, DistKind.CYCLIC)) {
                    try {
                        check(comm, t, kind);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(String.join(" | ", t).substring(0, Math.min(120,
                                String.join(" | ", t).length())) + " " + kind + " rank " + comm.rank() + ": " + e, e);
                    }
                }
            }
        });
    }

    private static void check(Communicator comm, String[] t, DistKind kind) {
        long[] shape = shape(t[1]);
        String ix = t[2];
        boolean error = t[4].equals("error");
        try (DistArray a = arange(layout(comm, shape, kind), 0)) {
            if (t[0].equals("get")) {
                if (error) {
                    assertEquals(t[5], assertThrows(IndexOutOfBoundsException.class, () -> a.get(ix)).getMessage());
                    return;
                }
                try (DistArray v = a.get(ix)) {
                    assertArrayEquals(shape(t[4]), v.shape());
                    double[] got = v.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(values(t[5]), got);
                    }
                }
                return;
            }
            long[] vs = shape(t[3]);
            long n = Arrays.stream(vs).reduce(1, (x, y) -> x * y);
            double[] java = new double[(int) n];
            for (int i = 0; i < n; i++) {
                java[i] = 1000 + i;
            }
            try (DistArray val = arange(layout(comm, vs, DistKind.BLOCK), 1000)) {
                if (error) {
                    assertEquals(t[5], assertThrows(IllegalArgumentException.class, () -> a.set(ix, val)).getMessage());
                    assertEquals(t[5], assertThrows(IllegalArgumentException.class,
                            () -> a.set(Index.parse(ix), java, vs)).getMessage());
                    return;
                }
                a.set(ix, val);
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(values(t[5]), got, "DistArray right-hand side");
                }
            }
            try (DistArray b = arange(layout(comm, shape, kind), 0)) {
                b.set(Index.parse(ix), java, vs);
                double[] got = b.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(values(t[5]), got, "Java array right-hand side");
                }
            }
        }
    }
}
