package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDistArray's ufuncs against Debian's numpy 1.24: the committed table {@code numpy-ufuncs.txt} (written by
 * {@code src/test/python/numpy_ufunc_fixture.py}) of result dtypes for every dtype and dtype pair, value-based scalar
 * typing, and results on edge values (NaN, ±inf, -0.0, integer minimum and maximum, shifts by at least the width).
 * Results of the transcendental functions may differ from glibc's by a few ulps; everything else is exact.
 */
class NumpyUfuncFixtureTest {
    static final String FIXTURE = "/org/jdistarray/ops/numpy-ufuncs.txt";
    /** Functions whose results come from libm-like approximations (Java's Math vs glibc/SIMD): compared to a few ulps. */
    static final Set<String> APPROXIMATE = Set.of("arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "cos",
            "cosh", "exp", "expm1", "log", "log10", "log1p", "sin", "sinh", "tan", "tanh", "exp2", "log2", "cbrt",
            "arctan2", "hypot", "power", "deg2rad", "rad2deg");

    private static ThreadCommunicator comm;
    private static final Map<DType, DistArray> ONES = new EnumMap<>(DType.class);

    @BeforeAll
    static void setUp() {
        comm = ThreadCommunicator.solo();
        for (DType t : DType.values()) {
            ONES.put(t, DistArrays.ones(Distribution.builder(comm).shape(2).build(), t));
        }
    }

    @AfterAll
    static void tearDown() {
        ONES.values().forEach(DistArray::close);
        comm.close();
    }

    static List<String[]> lines() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = NumpyUfuncFixtureTest.class.getResourceAsStream(FIXTURE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    out.add(line.split("\t"));
                }
            }
        }
        return out;
    }

    static Object scalar(String text) {
        if (text.equals("True") || text.equals("False")) {
            return Boolean.valueOf(text);
        }
        return text.contains(".") || text.contains("e") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
    }

    static Expr leaf(Object o) {
        if (o instanceof DistArray d) {
            return Expr.of(d);
        }
        if (o instanceof Double d) {
            return Expr.scalar(d);
        }
        if (o instanceof Long l) {
            return Expr.scalar(l);
        }
        return Expr.scalar((Boolean) o);
    }

    static String typeOf(String op, Object... operands) {
        try {
            Expr e = operands.length == 1 ? leaf(operands[0]).apply(UnaryOp.of(op))
                    : leaf(operands[0]).apply(binary(op), leaf(operands[1]));
            return e.dtype().numpyName();
        } catch (UfuncTypeException ex) {
            return "ERR:" + ex.getMessage();
        } catch (IllegalArgumentException ex) {
            return "ERR:" + ex.getMessage();
        }
    }

    static BinaryOp binary(String name) {
        for (BinaryOp b : BinaryOp.values()) {
            if (b.numpyName().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** NumPy's float16 results are float32 here (no float16); other NumPy errors are compared by class and text. */
    static String expectedType(String numpy) {
        if (!numpy.startsWith("ERR:")) {
            return numpy;
        }
        String rest = numpy.substring(4);
        return "ERR:" + rest.substring(rest.indexOf(':') + 1);
    }

    @Test
    void resultDtypesOfEveryDtypeAndPair() throws IOException {
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String[] f : lines()) {
            if (!f[0].equals("T")) {
                continue;
            }
            n++;
            boolean unary = f.length == 4;
            String want = unary ? f[3] : f[4];
            String got = unary ? typeOf(f[1], ONES.get(DType.parse(f[2])))
                    : typeOf(f[1], ONES.get(DType.parse(f[2])), ONES.get(DType.parse(f[3])));
            if (!got.equals(expectedType(want))) {
                bad.add(String.join(" ", f) + " -> got " + got);
            }
        }
        assertTrue(n > 3000, "fixture has " + n + " type lines");
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
    }

    @Test
    void valueBasedScalarTyping() throws IOException {
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String[] f : lines()) {
            if (!f[0].equals("S")) {
                continue;
            }
            n++;
            String got = typeOf(f[1], ONES.get(DType.parse(f[2])), scalar(f[3]));
            if (!got.equals(expectedType(f[4]))) {
                bad.add(String.join(" ", f) + " -> got " + got);
            }
        }
        assertTrue(n > 500, "fixture has " + n + " scalar lines");
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
    }

    @Test
    void valuesOnEdgeCases() throws IOException {
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String[] f : lines()) {
            if (!f[0].equals("V")) {
                continue;
            }
            n++;
            boolean unary = f.length == 6;
            String op = f[1];
            DType t1 = DType.parse(f[2]);
            DType t2 = unary ? null : DType.parse(f[3]);
            String[] a = f[unary ? 3 : 4].split(",");
            String[] b = unary ? null : f[5].split(",");
            DType rt = DType.parse(f[unary ? 4 : 6]);
            String[] want = f[unary ? 5 : 7].split(",");
            try (DistArray x = array(t1, a); DistArray y = unary ? null : array(t2, b);
                 DistArray r = unary ? Np.apply(UnaryOp.of(op), x, null) : Np.apply(binary(op), x, y, null)) {
                if (r.dtype() != rt) {
                    bad.add(String.join(" ", f) + " -> dtype " + r.dtype());
                    continue;
                }
                String[] got = values(r);
                for (int i = 0; i < want.length; i++) {
                    if (!same(op, rt, want[i], got[i])) {
                        bad.add(op + " " + t1 + (unary ? "" : " " + t2) + " (" + a[i] + (unary ? "" : ", " + b[i])
                                + "): numpy " + want[i] + ", got " + got[i]);
                    }
                }
            }
        }
        assertTrue(n > 400, "fixture has " + n + " value lines");
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(60, bad.size()))));
    }

    static DistArray array(DType t, String[] text) {
        Distribution d = Distribution.builder(comm).shape(text.length).build();
        if (t == DType.FLOAT32 || t == DType.FLOAT64) {
            double[] v = new double[text.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(text[i]);
            }
            return DistArrays.fromArray(d, t, v);
        }
        long[] v = new long[text.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseUnsignedLong(text[i].startsWith("-") ? text[i].substring(1) : text[i])
                    * (text[i].startsWith("-") ? -1 : 1);
        }
        return DistArrays.fromArray(d, t, v);
    }

    static String[] values(DistArray r) {
        String[] s = new String[(int) r.globalSize()];
        if (r.dtype() == DType.FLOAT32 || r.dtype() == DType.FLOAT64) {
            double[] v = r.toDoubleArray(0);
            for (int i = 0; i < s.length; i++) {
                s[i] = Double.toString(v[i]);
            }
        } else {
            long[] v = r.toLongArray(0);
            for (int i = 0; i < s.length; i++) {
                s[i] = r.dtype() == DType.UINT64 ? Long.toUnsignedString(v[i]) : Long.toString(v[i]);
            }
        }
        return s;
    }

    static boolean same(String op, DType t, String want, String got) {
        if (t != DType.FLOAT32 && t != DType.FLOAT64) {
            return want.equals(got);
        }
        double w = Double.parseDouble(want);
        double g = Double.parseDouble(got);
        if (Double.doubleToLongBits(w) == Double.doubleToLongBits(g)) {
            return true;
        }
        if (!APPROXIMATE.contains(op) || Double.isNaN(w) || Double.isNaN(g) || Double.isInfinite(w)) {
            return false;
        }
        double ulp = t == DType.FLOAT32 ? Math.ulp((float) w) : Math.ulp(w);
        return Math.abs(w - g) <= 4 * ulp;
    }

    @Test
    void fixtureIsDebiansNumpy() throws IOException {
        try (InputStream in = NumpyUfuncFixtureTest.class.getResourceAsStream(FIXTURE)) {
            String first = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            assertEquals("# numpy 1.24.2", first);
        }
    }
}
