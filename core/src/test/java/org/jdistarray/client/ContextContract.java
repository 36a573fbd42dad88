package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client-engine runtime's contract, run embedded (thread engines) and under mpirun (one context for the run):
 * creation from recipes, the generic call against a serial reference, gathers, errors that leave the engines
 * consistent, user functions with DistArray's result rules. After every test the engines hold no object.
 */
public abstract class ContextContract {
    /** The context under test (open). */
    protected abstract Context ctx();

    /** Called after each test, after the leak check (the embedded form closes its context here). */
    protected void release() {
    }

    @AfterEach
    void nothingLeftOnTheEngines() {
        try {
            int[] counts = ctx().sync();
            for (int c : counts) {
                assertEquals(0, c, "objects left on the engines: " + Arrays.toString(counts));
            }
            assertEquals(0, ctx().leaks(), "proxies freed by the leak net instead of close()");
        } finally {
            release();
        }
    }

    static double[] iota(int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * scale - 3;
        }
        return a;
    }

    static Recipe cyclic(long n, long block) {
        return Recipe.of("Distribution", "builder", Recipe.ENGINE_COMM).then("shape", n).then("cyclic", 0, block).then("build");
    }

    @Test
    void addOnARecipeDistributionEqualsSerial() {
        int n = 11;
        double[] x = iota(n, 0.5);
        double[] y = iota(n, -2);
        for (Recipe dist : List.of(Recipe.distribution(n), cyclic(n, 2))) {
            try (RemoteArray a = ctx().fromArray(dist, DType.FLOAT64, x);
                    RemoteArray b = ctx().fromArray(dist, DType.FLOAT64, y);
                    RemoteArray c = ctx().callArray("Np", "add", a, b)) {
                assertArrayEquals(new long[] {n}, c.shape());
                assertEquals(DType.FLOAT64, c.dtype());
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = x[i] + y[i];
                }
                assertArrayEquals(expected, c.toDoubleArray(), 0.0, dist.toString());
            }
        }
    }

    @Test
    void createsWithFactoriesAndScalarOverloads() {
        try (RemoteArray z = ctx().callArray("DistArrays", "zeros", Recipe.distribution(3, 4), DType.INT64);
                RemoteArray p = ctx().callArray("Np", "add", z, 7); // int -> the long overload, as Java picks
                RemoteArray q = ctx().callArray("array", "multiply", p, 2.5)) {
            assertArrayEquals(new long[] {3, 4}, z.shape());
            assertEquals(DType.INT64, p.dtype());
            long[] seven = new long[12];
            Arrays.fill(seven, 7);
            assertArrayEquals(seven, p.toLongArray());
            assertEquals(DType.FLOAT64, q.dtype());
            double[] exp = new double[12];
            Arrays.fill(exp, 17.5);
            assertArrayEquals(exp, q.toDoubleArray(), 0.0);
        }
    }

    @Test
    void fromArrayRoundTripsLongsAndEmptyAndLarge() {
        long[] v = {5, -1, 9, 3, 0, 2, 8};
        try (RemoteArray a = ctx().fromArray(Recipe.distribution(7), DType.INT64, v);
                RemoteArray e = ctx().fromArray(new double[0], 0)) {
            assertArrayEquals(v, a.toLongArray());
            assertEquals(0, e.toDoubleArray().length);
        }
        double[] big = iota(20_000, 0.25); // over the command and reply slots: the two-step paths
        try (RemoteArray b = ctx().fromArray(big, 100, 200)) {
            assertArrayEquals(new long[] {100, 200}, b.shape());
            assertArrayEquals(big, b.toDoubleArray(), 0.0);
        }
    }

    @Test
    void valuesComeBackFromEngineZero() {
        try (RemoteArray a = ctx().fromArray(iota(10, 1), 10)) {
            assertEquals(4.0, ctx().callValue("array", "getDouble", Double.class, a, new long[] {7}), 0.0);
            assertEquals(4.0, ctx().callValue("array", "getDouble", double.class, a, 7L), 0.0); // varargs packing
            ctx().callVoid("array", "setDouble", a, 100.0, new long[] {2});
            assertEquals(100.0, ctx().callValue("array", "getDouble", double.class, a, 2L), 0.0);
            assertEquals(10L, ctx().callValue("array", "globalSize", Long.class, a));
            assertEquals(DType.FLOAT64, ctx().callValue("array", "dtype", DType.class, a));
            ClassCastException cce = assertThrows(ClassCastException.class,
                    () -> ctx().callValue("array", "globalSize", String.class, a));
            assertTrue(cce.getMessage().contains("Long"), cce.getMessage());
        }
    }

    @Test
    void unknownMethodAndWrongTypesAreClearAndTheEnginesGoOn() {
        try (RemoteArray a = ctx().fromArray(iota(6, 1), 6)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> ctx().callArray("Np", "noSuchUfunc", a));
            assertTrue(unknown.getMessage().contains("noSuchUfunc"), unknown.getMessage());
            assertTrue(unknown.getCause() instanceof EngineException, "cause: " + unknown.getCause());
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                    () -> ctx().callArray("Np", "add", a, "three"));
            assertTrue(wrong.getMessage().contains("add(DistArray, DistArray)"), wrong.getMessage());
            IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                    () -> ctx().callArray("Nope", "add", a, a));
            assertTrue(target.getMessage().contains("unknown target Nope"), target.getMessage());
            IllegalArgumentException notArray = assertThrows(IllegalArgumentException.class,
                    () -> ctx().callArray("array", "globalSize", a));
            assertTrue(notArray.getMessage().contains("not a DistArray"), notArray.getMessage());
            // the engines are consistent: the next command works
            try (RemoteArray b = ctx().callArray("Np", "add", a, a)) {
                assertArrayEquals(new double[] {-6, -4, -2, 0, 2, 4}, b.toDoubleArray(), 0.0);
            }
        }
    }

    @Test
    void engineSideLibraryErrorsComeBackWithTheirType() {
        try (RemoteArray a = ctx().fromArray(iota(6, 1), 6); RemoteArray b = ctx().fromArray(iota(4, 1), 4)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ctx().callArray("Np", "add", a, b));
            EngineException ee = e instanceof EngineException x ? x : (EngineException) e.getCause();
            assertEquals(ctx().engines(), ee.engines().length, ee.getMessage());
            assertTrue(ee.getMessage().contains("Np.add failed on engine"), ee.getMessage());
            assertTrue(ee.remoteStackTrace().contains("at org.jdistarray"), ee.remoteStackTrace());
            try (RemoteArray c = ctx().callArray("Np", "add", b, b)) {
                assertEquals(4, c.size());
            }
        }
    }

    @Test
    void closedProxiesAndBadValuesAreRefusedOnTheClient() {
        RemoteArray a = ctx().fromArray(iota(3, 1), 3);
        a.close();
        a.close(); // idempotent
        assertTrue(a.isClosed());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> ctx().callArray("Np", "add", a, a));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> ctx().callValue("Np", "sum", Object.class, new Object()));
        assertTrue(value.getMessage().contains("cannot travel"), value.getMessage());
        assertEquals(0, ctx().leaks());
    }

    @Test
    void recipesBuildOptionsAndObjectsStayOnTheEngines() {
        double[] v = iota(12, 1);
        try (RemoteArray a = ctx().fromArray(v, 3, 4);
                RemoteArray s = ctx().callArray("Np", "sum", a, Recipe.of("ReduceOptions", "axis", 1).then("keepdims", true));
                RemoteObject dist = ctx().callObject("array", "distribution", a);
                RemoteArray z = ctx().callArray("DistArrays", "zeros", dist, DType.FLOAT64)) {
            assertArrayEquals(new long[] {3, 1}, s.shape());
            double[] exp = new double[3];
            for (int i = 0; i < 12; i++) {
                exp[i / 4] += v[i];
            }
            assertArrayEquals(exp, s.toDoubleArray(), 1e-12);
            assertTrue(dist.className().endsWith("Distribution"), dist.className());
            assertArrayEquals(new long[] {3, 4}, z.shape());
        }
    }

    @Test
    void nestedRecipesMakeOneCommandAndTheirTemporariesAreClosed() {
        double[] x = iota(9, 1);
        double[] y = iota(9, 0.5);
        try (RemoteArray xa = ctx().fromArray(x, 9); RemoteArray ya = ctx().fromArray(y, 9);
                RemoteArray z = ctx().callArray("Np", "add", Recipe.of("Np", "multiply", xa, 2.0), ya)) {
            double[] exp = new double[9];
            double total = 0;
            for (int i = 0; i < 9; i++) {
                exp[i] = 2 * x[i] + y[i];
                total += x[i];
            }
            assertArrayEquals(exp, z.toDoubleArray(), 0.0);
            assertEquals(total, ctx().callValue("array", "item", double.class, Recipe.of("Np", "sum", xa)), 1e-12);
            int[] counts = ctx().sync();
            for (int c : counts) {
                assertEquals(3, c, "only the three proxies' arrays stay: " + Arrays.toString(counts));
            }
        }
    }

    /** The array's elements as bits (doubles) or values (integer and bool dtypes): compared exactly. */
    private static long[] exactly(RemoteArray a) {
        if (a.dtype() == DType.FLOAT64 || a.dtype() == DType.FLOAT32) {
            return Arrays.stream(a.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        return a.toLongArray();
    }

    private interface Call {
        RemoteArray make();
    }

    /** The result of {@code fused} and {@code eager} (or the exceptions they throw) are the same. */
    private static void sameResult(String what, Call fused, Call eager) {
        RemoteArray f = null;
        RemoteArray e = null;
        RuntimeException fe = null;
        RuntimeException ee = null;
        try {
            try {
                f = fused.make();
            } catch (RuntimeException x) {
                fe = x;
            }
            try {
                e = eager.make();
            } catch (RuntimeException x) {
                ee = x;
            }
            if (fe != null || ee != null) {
                assertTrue(fe != null && ee != null && fe.getClass() == ee.getClass(), what + ": fused " + fe
                        + ", eager " + ee);
                return;
            }
            assertEquals(e.dtype(), f.dtype(), what);
            assertArrayEquals(exactly(e), exactly(f), what);
        } finally {
            if (f != null) {
                f.close();
            }
            if (e != null) {
                e.close();
            }
        }
    }

    /**
     * Nested recipes of element-wise ufuncs are evaluated fused on the engines (one pass, no temporaries): every
     * binary ufunc over {@code 1.5 * x} and {@code y}, and every unary one over {@code x + y}, equal the same calls
     * made one command at a time (bits, dtype, or the same exception type), as does a four-level tree; nothing is
     * left on the engines.
     */
    @Test
    void nestedElementwiseRecipesFuseAndEqualTheEagerCalls() {
        int n = 37;
        double[] x = iota(n, 0.75); // a zero at 4: divisions by zero, logs of 0 and negatives
        double[] y = iota(n, -1.25);
        long before = org.jdistarray.client.internal.Fusion.fusedCount();
        try (RemoteArray xa = ctx().fromArray(x, n); RemoteArray ya = ctx().fromArray(y, n)) {
            java.util.List<java.util.Set<String>> fused = org.jdistarray.client.internal.Fusion.names();
            assertTrue(fused.get(0).size() >= 20 && fused.get(1).size() >= 20, fused.toString());
            for (String m : fused.get(0)) {
                sameResult(m, () -> ctx().callArray("Np", m, Recipe.of("Np", "multiply", xa, 1.5), ya), () -> {
                    try (RemoteArray t = ctx().callArray("Np", "multiply", xa, 1.5)) {
                        return ctx().callArray("Np", m, t, ya);
                    }
                });
                sameResult(m + " (scalar first)", () -> ctx().callArray("Np", m, 2.0, Recipe.of("Np", "add", xa, ya)),
                        () -> {
                            try (RemoteArray t = ctx().callArray("Np", "add", xa, ya)) {
                                return ctx().callArray("Np", m, 2.0, t);
                            }
                        });
            }
            for (String m : fused.get(1)) {
                sameResult(m, () -> ctx().callArray("Np", m, Recipe.of("Np", "add", xa, ya)), () -> {
                    try (RemoteArray t = ctx().callArray("Np", "add", xa, ya)) {
                        return ctx().callArray("Np", m, t);
                    }
                });
            }
            // sqrt(x*x + y*y) * 3 - y, and its sum through a non-element-wise call (evaluated first, then summed)
            Recipe tree = Recipe.of("Np", "multiply", Recipe.of("Np", "sqrt", Recipe.of("Np", "add",
                    Recipe.of("Np", "multiply", xa, xa), Recipe.of("Np", "multiply", ya, ya))), 3L);
            sameResult("sqrt(x*x + y*y) * 3 - y", () -> ctx().callArray("Np", "subtract", tree, ya), () -> {
                try (RemoteArray xx = ctx().callArray("Np", "multiply", xa, xa);
                        RemoteArray yy = ctx().callArray("Np", "multiply", ya, ya);
                        RemoteArray s = ctx().callArray("Np", "add", xx, yy);
                        RemoteArray r = ctx().callArray("Np", "sqrt", s);
                        RemoteArray t = ctx().callArray("Np", "multiply", r, 3L)) {
                    return ctx().callArray("Np", "subtract", t, ya);
                }
            });
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += Math.sqrt(x[i] * x[i] + y[i] * y[i]) * 3;
            }
            assertEquals(expected, ctx().callValue("array", "item", double.class, Recipe.of("Np", "sum", tree)),
                    1e-9 * Math.abs(expected));
            if (ctx().isEmbedded()) { // the engines are threads of this JVM: the fused path was taken
                long made = org.jdistarray.client.internal.Fusion.fusedCount() - before;
                assertTrue(made >= (long) ctx().engines() * (fused.get(0).size() + fused.get(1).size()),
                        made + " fused evaluations");
            }
        }
    }

    @Test
    void arrayResultsEachGetAProxy() {
        double[] v = {0, 3, 0, 0, 5, 1, 0, 2};
        try (RemoteArray a = ctx().fromArray(v, 2, 4)) {
            RemoteArray[] nz = ctx().callArrays("Np", "nonzero", a);
            assertEquals(2, nz.length);
            assertArrayEquals(new long[] {0, 1, 1, 1}, nz[0].toLongArray());
            assertArrayEquals(new long[] {1, 0, 1, 3}, nz[1].toLongArray());
            assertTrue(nz[0].id() != nz[1].id());
            try (RemoteArray next = ctx().fromArray(v, 8)) {
                assertTrue(next.id() > nz[1].id(), "ids move past the arrays");
            }
            for (RemoteArray r : nz) {
                r.close();
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ctx().callArrays("Np", "add", a, a));
            assertTrue(e.getMessage().contains("not a DistArray[]"), e.getMessage());
        }
    }

    @Test
    void arraysOfProxiesTravelAsDistArrays() {
        try (RemoteArray a = ctx().fromArray(new double[] {1, 2}, 2); RemoteArray b = ctx().fromArray(new double[] {3}, 1);
                RemoteArray c = ctx().callArray("Np", "concatenate", new RemoteArray[] {a, b}, 0)) {
            assertArrayEquals(new double[] {1, 2, 3}, c.toDoubleArray(), 0.0);
        }
    }

    // ---- user functions (DistArray 0.5 §9)

    /** Adds its scalar to a copy of the array. */
    public static final class Shift implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) {
            return Np_add((DistArray) args[0], (Double) args[1]);
        }
    }

    static DistArray Np_add(DistArray a, double s) {
        return org.jdistarray.ops.Np.add(a, s);
    }

    /** The engine's rank: one value per engine. */
    public static final EngineFunction RANK = (scope, args) -> scope.rank();
    /** The engine count, only on engine 0. */
    public static final EngineFunction ONLY_ZERO = (scope, args) -> scope.rank() == 0 ? scope.size() : null;
    /** Nothing. */
    public static final EngineFunction NOTHING = (scope, args) -> null;
    /** The local element count summed over the engines (engines talk directly). */
    public static final EngineFunction GLOBAL_COUNT = (scope, args) ->
            org.jdistarray.comm.Collectives.sum(scope.comm(), ((DistArray) args[0]).distribution().localElementCount());
    /** Fails on the last engine only, without any collective. */
    public static final EngineFunction FAIL_ON_LAST = (scope, args) -> {
        if (scope.rank() == scope.size() - 1) {
            throw new IllegalStateException("boom on the last engine");
        }
        return DistArrays.zeros(((DistArray) args[0]).distribution(), DType.FLOAT64);
    };

    @Test
    void registeredFunctionsFollowDistArraysResultRules() {
        ctx().register("shift", Shift.class);
        ctx().register("rank", RANK);
        ctx().register("onlyZero", ONLY_ZERO);
        ctx().register("nothing", NOTHING);
        ctx().register("count", GLOBAL_COUNT);
        try (RemoteArray a = ctx().fromArray(iota(5, 1), 5)) {
            Object shifted = ctx().call("shift", a, 10.0);
            try (RemoteArray s = (RemoteArray) shifted) {
                assertArrayEquals(new double[] {7, 8, 9, 10, 11}, s.toDoubleArray(), 0.0);
            }
            Object ranks = ctx().call("rank", a);
            if (ctx().engines() == 1) {
                assertEquals(0, ranks);
            } else {
                List<Integer> expected = new java.util.ArrayList<>();
                for (int e = 0; e < ctx().engines(); e++) {
                    expected.add(e);
                }
                assertEquals(expected, ranks);
            }
            assertEquals(ctx().engines(), ctx().call("onlyZero", a));
            assertNull(ctx().call("nothing", a));
            Object count = ctx().call("count", a);
            assertEquals(ctx().engines() == 1 ? 5L : java.util.Collections.nCopies(ctx().engines(), 5L), count);
            IllegalArgumentException noArray = assertThrows(IllegalArgumentException.class, () -> ctx().call("rank", 3));
            assertTrue(noArray.getMessage().contains("Cannot determine a Distribution"), noArray.getMessage());
            try (RemoteArray b = ctx().fromArray(iota(4, 1), 4)) {
                IllegalArgumentException incompatible = assertThrows(IllegalArgumentException.class,
                        () -> ctx().call("rank", a, b));
                assertTrue(incompatible.getMessage().contains("incompatible distributions"), incompatible.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> ctx().call("unregistered", a));
        }
    }

    @Test
    void applyRunsWithoutArraysAndRefusesUnfindableLambdas() {
        assertEquals(ctx().engines(), ctx().apply(ONLY_ZERO));
        assertEquals(ctx().engines() == 1 ? 5 : java.util.Collections.nCopies(ctx().engines(), 5),
                ctx().apply(new Constant()));
        EngineFunction local = (scope, args) -> 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctx().apply(local));
        assertTrue(e.getMessage().contains("static field"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ctx().register("_hidden", RANK));
    }

    /** Always 5. */
    public static final class Constant implements EngineFunction {
        @Override
        public Object apply(EngineScope scope, Object[] args) {
            return 5;
        }
    }

    @Test
    void anErrorOnOneEngineNamesItAndLeavesNothingBehind() {
        try (RemoteArray a = ctx().fromArray(iota(8, 1), 8)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ctx().apply(FAIL_ON_LAST, a));
            EngineException ee = e instanceof EngineException x ? x : (EngineException) e.getCause();
            assertArrayEquals(new int[] {ctx().engines() - 1}, ee.engines());
            assertTrue(ee.getMessage().contains("boom on the last engine"), ee.getMessage());
            assertTrue(e instanceof IllegalStateException, "a java.lang type travels as itself: " + e);
            // the other engines' half-made result is freed with the next command (checked by the @AfterEach)
            try (RemoteArray b = ctx().callArray("Np", "multiply", a, a)) {
                assertEquals(49.0 - 0, b.toDoubleArray()[0] - 0 + 40.0, 0.0);
            }
        }
    }

    /**
     * Closes its array argument on every engine (the proxy stays open): a later command on it fails on every engine
     * before any collective, so the engines stay consistent (a failure on some engines only, while the others wait in
     * a collective, breaks the context: {@code anEngineFailingWhileTheOthersWaitInACollectiveIsReportedNotAHang}).
     */
    public static final EngineFunction CLOSE_ON_ENGINES = (scope, args) -> {
        ((DistArray) args[0]).close();
        return null;
    };

    @Test
    void deferredElementwiseCommandsGiveTheEagerResultsInOrder() {
        assertTrue(Context.deferredMethodKeys().containsAll(List.of("array.multiply/D", "array.add/A", "Np.add/A",
                "Np.maximum/A", "array.addInPlace/A", "array.divideInPlace/D")), Context.deferredMethodKeys().toString());
        for (DType t : List.of(DType.FLOAT64, DType.FLOAT32)) {
            int n = 11;
            double[] x = iota(n, 0.75);
            double[] y = iota(n, -1.25);
            try (RemoteArray a = ctx().fromArray(Recipe.distribution(n), t, x);
                    RemoteArray b = ctx().fromArray(Recipe.distribution(n), t, y)) {
                double[] want = new double[n];
                for (int i = 0; i < n; i++) {
                    want[i] = round(t, round(t, x[i]) * 2.5);
                }
                RemoteArray acc = a.multiply(2.5);
                // 3 * MAX_DEFERRED commands: more than the client keeps in flight
                for (int k = 0; k < 3 * Context.MAX_DEFERRED; k++) {
                    RemoteArray next = switch (k % 4) {
                        case 0 -> acc.add(b);
                        case 1 -> ctx().callArray("Np", "subtract", acc, 0.375);
                        case 2 -> ctx().callArray("Np", "maximum", acc, b);
                        default -> acc.divide(1.5);
                    };
                    assertEquals(t, next.dtype(), "the predicted dtype");
                    assertArrayEquals(new long[] {n}, next.shape());
                    acc.close();
                    acc = next;
                    for (int i = 0; i < n; i++) {
                        double yb = round(t, y[i]);
                        want[i] = round(t, switch (k % 4) {
                            case 0 -> want[i] + yb;
                            case 1 -> want[i] - 0.375;
                            case 2 -> Math.max(want[i], yb);
                            default -> want[i] / 1.5;
                        });
                    }
                }
                a.multiplyInPlace(b);
                a.addInPlace(acc);
                for (int i = 0; i < n; i++) {
                    want[i] = round(t, round(t, round(t, x[i]) * round(t, y[i])) + want[i]);
                }
                acc.close();
                assertArrayEquals(want, a.toDoubleArray(), 0.0, t + ": the deferred commands ran in order");
            }
        }
    }

    private static double round(DType t, double v) {
        return t == DType.FLOAT32 ? (float) v : v;
    }

    @Test
    void aDeferredCommandsFailureIsThrownAtTheNextCommandAndTheEnginesAgree() {
        ctx().register("closeOnEngines", CLOSE_ON_ENGINES);
        try (RemoteArray a = ctx().fromArray(iota(9, 1), 9); RemoteArray b = ctx().fromArray(iota(9, 2), 9)) {
            ctx().call("closeOnEngines", a);
            RemoteArray doomed = a.multiply(2.0); // deferred: returns before the engines fail
            RemoteArray later = doomed.add(b); // runs after it, on an array the engines do not have
            RuntimeException e = assertThrows(RuntimeException.class, () -> ctx().sync());
            String m = e.getMessage();
            assertTrue(m.contains("array.multiply") && m.contains("read later") && m.contains("closed"), m);
            assertEquals(1, e.getSuppressed().length, "the dependent command's failure rides along");
            assertTrue(e.getSuppressed()[0].getMessage().contains("array.add"), e.getSuppressed()[0].getMessage());
            assertTrue(doomed.isClosed() && later.isClosed(), "failed commands' proxies are closed");
            assertTrue(doomed.toString().contains("failed"), doomed.toString());
            IllegalStateException use = assertThrows(IllegalStateException.class, () -> doomed.add(1.0));
            assertTrue(use.getMessage().contains("was never made") && use.getMessage().contains("array.multiply"),
                    use.getMessage());
            doomed.close();
            // the engines agree again: the next commands work and nothing of the failed ones is left (the @AfterEach)
            try (RemoteArray c = b.multiply(3.0); RemoteArray d = c.add(b)) {
                assertArrayEquals(new double[] {-12, -4, 4, 12, 20, 28, 36, 44, 52}, d.toDoubleArray(), 0.0);
            }
        }
    }
}
