package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of {@code ops/numpy_reductions.txt} (written by the committed {@code numpy_reductions.py} with Debian's
 * NumPy 1.24): result dtype, shape and values, or NumPy's error message, for every reduction and dtype, axes, keepdims,
 * ddof, empty arrays and NaN; on thread ranks, block and cyclic layouts.
 */
class NumpyFixtureTest {
    record Row(String line, ReduceKind kind, DType dtype, long[] shape, String[] values, int[] axis, boolean keepdims,
            int ddof, boolean ok, String resultDtype, long[] resultShape, String[] result, String error) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NumpyFixtureTest.class.getResourceAsStream("/ops/numpy_reductions.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                ReduceKind k = Arrays.stream(ReduceKind.values()).filter(x -> x.numpyName.equals(f[0])).findFirst()
                        .orElseThrow();
                boolean ok = f[7].equals("OK");
                rows.add(new Row(line, k, DType.parse(f[1]), longs(f[2]), split(f[3]),
                        f[4].equals("None") ? null : Arrays.stream(f[4].split(",")).mapToInt(Integer::parseInt).toArray(),
                        Boolean.parseBoolean(f[5]), Integer.parseInt(f[6]), ok, ok ? f[8] : null,
                        ok ? longs(f[9]) : null, ok ? split(f[10]) : null, ok ? null : f[8]));
            }
        }
        return rows;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(",");
    }

    private static long[] longs(String s) {
        return Arrays.stream(split(s)).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void asNumpy(int ranks) throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 1000);
        LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
            for (Row row : rows) {
                for (boolean cyclic : new boolean[] {false, true}) {
                    var b = Distribution.builder(comm).shape(row.shape());
                    if (cyclic) {
                        b.cyclic(0);
                    }
                    Distribution d = b.build();
                    boolean isFloat = ReduceKind.isFloat(row.dtype());
                    try (DistArray a = isFloat
                            ? DistArrays.fromFunction(d, row.dtype(), g -> Cases.pyFloat(row.values()[(int) Cases.flat(row.shape(), g)]))
                            : DistArrays.fromLongFunction(d, row.dtype(), g -> new BigInteger(row.values()[(int) Cases.flat(row.shape(), g)]).longValue())) {
                        ReduceOptions o = (row.axis() == null ? ReduceOptions.defaults() : ReduceOptions.axis(row.axis()))
                                .keepdims(row.keepdims()).ddof(row.ddof());
                        if (!row.ok()) {
                            assertEquals(row.error(), assertThrows(IllegalArgumentException.class,
                                    () -> Reducer.run(row.kind(), a, o), row.line()).getMessage(), row.line());
                            continue;
                        }
                        try (DistArray r = Reducer.run(row.kind(), a, o)) {
                            check(row, r, comm.rank());
                        }
                    }
                }
            }
        });
    }

    private static void check(Row row, DistArray r, int rank) {
        assertEquals(row.resultDtype(), r.dtype().numpyName(), row.line());
        assertArrayEquals(row.resultShape(), r.shape(), row.line());
        boolean isFloat = ReduceKind.isFloat(r.dtype());
        double[] gd = isFloat ? r.toDoubleArray(0) : null;
        long[] gl = isFloat ? null : r.toLongArray(0);
        if (rank != 0) {
            return;
        }
        for (int i = 0; i < row.result().length; i++) {
            String want = row.result()[i];
            if (isFloat) {
                double w = Cases.pyFloat(want);
                if (Double.isNaN(w)) {
                    assertTrue(Double.isNaN(gd[i]), row.line() + " cell " + i + " got " + gd[i]);
                } else {
                    double tol = row.kind().isAverage() ? Math.abs(w) * (r.dtype() == DType.FLOAT32 ? 1e-6 : 1e-13) : 0;
                    assertEquals(w, gd[i], tol, row.line() + " cell " + i);
                }
            } else {
                assertEquals(new BigInteger(want).longValue(), gl[i], row.line() + " cell " + i);
            }
        }
    }
}
