package org.jdistarray.ops;

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

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of {@code ops/numpy_ufunc_dtype.txt} (written by the committed {@code numpy_ufunc_dtype.py} with
 * Debian's NumPy 1.24): ufuncs with {@code dtype=} and {@code casting=} on arrays of six dtypes and Python scalars:
 * the result dtype and values, or NumPy's error message; on thread ranks 1 and 2, block and cyclic layouts.
 */
class NumpyUfuncDtypeFixtureTest {
    private static final double[] VALUES = {1, 2, 3, 4};
    private static final double[] BOOLS = {1, 0, 1, 1};

    record Row(String line, String op, String a, String b, DType dtype, Casting casting, boolean ok, String result,
            String[] values, String error) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NumpyUfuncDtypeFixtureTest.class.getResourceAsStream("/ops/numpy_ufunc_dtype.txt"),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                boolean ok = f[5].equals("OK");
                rows.add(new Row(line, f[0], f[1], f[2], DType.parse(f[3]), Casting.parse(f[4]), ok, ok ? f[6] : null,
                        ok ? f[7].split(",") : null, ok ? null : f[6]));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void asNumpy(int ranks) throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 5000);
        LocalCluster.run(ranks, Duration.ofSeconds(300), comm -> {
            for (boolean cyclic : new boolean[] {false, true}) {
                var b = Distribution.builder(comm).shape(4);
                if (cyclic) {
                    b.cyclic(0);
                }
                Distribution d = b.build();
                for (Row row : rows) {
                    List<DistArray> arrays = new ArrayList<>();
                    try {
                        Object x = operand(row.a(), d, arrays);
                        Object y = row.b().equals("-") ? null : operand(row.b(), d, arrays);
                        UfuncOptions o = UfuncOptions.none().casting(row.casting()).dtype(row.dtype());
                        if (!row.ok()) {
                            assertEquals(row.error(), assertThrows(RuntimeException.class, () -> call(row, x, y, o),
                                    row.line()).getMessage(), row.line());
                            continue;
                        }
                        try (DistArray r = call(row, x, y, o)) {
                            check(row, r, comm);
                        }
                    } finally {
                        arrays.forEach(DistArray::close);
                    }
                }
            }
        });
    }

    private static DistArray call(Row row, Object x, Object y, UfuncOptions o) {
        if (y == null) {
            UnaryOp u = Arrays.stream(UnaryOp.values()).filter(v -> v.numpyName().equals(row.op())).findFirst()
                    .orElseThrow();
            return Np.apply(u, (DistArray) x, o);
        }
        BinaryOp op = Arrays.stream(BinaryOp.values()).filter(v -> v.numpyName().equals(row.op())).findFirst()
                .orElseThrow();
        return Np.apply(op, x, y, o);
    }

    private static Object operand(String s, Distribution d, List<DistArray> arrays) {
        if (s.startsWith("int:")) {
            return Long.parseLong(s.substring(4));
        }
        if (s.startsWith("float:")) {
            return Double.parseDouble(s.substring(6));
        }
        DType t = DType.parse(s);
        double[] v = t == DType.BOOL ? BOOLS : VALUES;
        DistArray a = DistArrays.fromFunction(d, t, g -> v[(int) g[0]]);
        arrays.add(a);
        return a;
    }

    private static void check(Row row, DistArray r, Communicator comm) {
        assertEquals(row.result(), r.dtype().numpyName(), row.line());
        double[] got = r.toDoubleArray(0);
        if (comm.rank() != 0) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            String v = row.values()[i];
            double w = v.equals("nan") ? Double.NaN : v.equals("inf") ? Double.POSITIVE_INFINITY
                    : v.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
            if (Double.isNaN(w)) {
                assertTrue(Double.isNaN(got[i]), row.line());
                continue;
            }
            double tol = Math.abs(w) * (r.dtype() == DType.FLOAT32 ? 1e-6 : 1e-14);
            assertEquals(w, got[i], tol, row.line() + " [" + i + "]");
        }
    }
}
