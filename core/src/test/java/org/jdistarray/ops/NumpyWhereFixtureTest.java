package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of {@code ops/numpy_where.txt} (written by the committed {@code numpy_where.py} with Debian's NumPy 1.24):
 * the reductions with {@code where=} (full, broadcast and all-false masks) and {@code initial=} (ints, floats, cast
 * to the dtype): result dtype, shape and values, or NumPy's error message; on thread ranks, block and cyclic layouts,
 * the mask in the array's layout or replicated.
 */
class NumpyWhereFixtureTest {
    record Row(String line, ReduceKind kind, DType dtype, long[] shape, String[] values, Integer axis, long[] maskShape,
            long[] mask, Number initial, boolean ok, String resultDtype, long[] resultShape, String[] result,
            String error) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NumpyWhereFixtureTest.class.getResourceAsStream("/ops/numpy_where.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                ReduceKind k = Arrays.stream(ReduceKind.values()).filter(x -> x.numpyName.equals(f[0])).findFirst()
                        .orElseThrow();
                boolean ok = f[8].equals("OK");
                Number init = f[7].equals("None") ? null : f[7].contains(".") ? (Number) Double.parseDouble(f[7])
                        : (Number) Long.parseLong(f[7]);
                rows.add(new Row(line, k, DType.parse(f[1]), longs(f[2]), f[3].split(","),
                        f[4].equals("None") ? null : Integer.parseInt(f[4]), f[5].equals("-") ? null : longs(f[5]),
                        f[6].equals("-") ? null : longs(f[6]), init, ok, ok ? f[9] : null, ok ? longs(f[10]) : null,
                        ok ? (f[11].isEmpty() ? new String[0] : f[11].split(",")) : null, ok ? null : f[9]));
            }
        }
        return rows;
    }

    private static long[] longs(String s) {
        return s.isEmpty() ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void asNumpy(int ranks) throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 1000);
        LocalCluster.run(ranks, Duration.ofSeconds(300), comm -> {
            for (Row row : rows) {
                for (boolean cyclic : new boolean[] {false, true}) {
                    var b = Distribution.builder(comm).shape(row.shape());
                    if (cyclic) {
                        b.cyclic(0);
                    }
                    Distribution d = b.build();
                    try (DistArray a = DistArrays.fromFunction(d, row.dtype(), g -> Cases.pyFloat(row.values()[(int) Cases.flat(row.shape(), g)]));
                            DistArray m = mask(comm, row, d, cyclic)) {
                        ReduceOptions o = (row.axis() == null ? ReduceOptions.defaults() : ReduceOptions.axis(row.axis()))
                                .where(m);
                        if (row.initial() instanceof Double v) {
                            o = o.initial(v);
                        } else if (row.initial() instanceof Long v) {
                            o = o.initial(v);
                        }
                        ReduceOptions opts = o;
                        if (!row.ok()) {
                            assertEquals(row.error(), assertThrows(RuntimeException.class,
                                    () -> Reducer.run(row.kind(), a, opts), row.line()).getMessage(), row.line());
                            continue;
                        }
                        try (DistArray r = Reducer.run(row.kind(), a, opts)) {
                            check(row, r, comm.rank());
                        }
                    }
                }
            }
        });
    }

    /** The row's mask: in the array's layout when it has its shape (block rows), else replicated; null for none. */
    private static DistArray mask(Communicator comm, Row row, Distribution d, boolean cyclic) {
        if (row.mask() == null) {
            return null;
        }
        boolean same = Arrays.equals(row.maskShape(), row.shape()) && !cyclic;
        Distribution md = same ? d : replicated(comm, row.maskShape());
        return DistArrays.fromFunction(md, DType.BOOL, g -> row.mask()[(int) Cases.flat(row.maskShape(), g)]);
    }

    private static Distribution replicated(Communicator comm, long[] shape) {
        var b = Distribution.builder(comm).shape(shape);
        for (int i = 0; i < shape.length; i++) {
            b.undistributed(i);
        }
        return b.build();
    }

    private static void check(Row row, DistArray r, int rank) {
        assertEquals(row.resultDtype(), r.dtype().numpyName(), row.line());
        assertArrayEquals(row.resultShape(), r.shape(), row.line());
        double[] got = r.toDoubleArray(0);
        if (rank != 0) {
            return;
        }
        for (int i = 0; i < row.result().length; i++) {
            double w = Cases.pyFloat(row.result()[i]);
            if (Double.isNaN(w)) {
                assertTrue(Double.isNaN(got[i]), row.line() + " cell " + i + " got " + got[i]);
            } else {
                double tol = Math.abs(w) * (r.dtype() == DType.FLOAT32 ? 1e-6 : 1e-13);
                assertEquals(w, got[i], tol, row.line() + " cell " + i);
            }
        }
    }
}
