package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Evaluator}'s small-call paths (every array laid out by the same {@link Distribution} object as {@code out=}:
 * {@code Np.apply} of two arrays or of a float64 array and a Python scalar, into {@code out=} or a new array, before any
 * expression is built, and an {@link Expr} of two arrays or of an array and a scalar) against the general path (the same layout through another, equal Distribution object, which takes it): the
 * same values for add, subtract, multiply of arrays and {@code x op s}, float64/float32/int64, in place; a closed
 * operand or output fails the same way on every path; on thread ranks 1, 2, 3, 4, 7 (uneven and empty blocks at 5
 * elements).
 */
class SameLayoutPathTest {
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void givesTheGeneralPathsValuesAndErrors(int ranks) {
        LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
            for (long n : new long[] {5, 4099}) {
                Distribution d = Distribution.builder(comm).shape(n).build();
                Distribution other = Distribution.builder(comm).shape(n).build(); // equal, another object
                for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
                    try (DistArray a = DistArrays.fromFunction(d, t, g -> g[0] % 13 - 6.5);
                            DistArray b = DistArrays.fromFunction(d, t, g -> 1.0 / (g[0] + 1) + g[0] % 3);
                            DistArray fast = DistArrays.zeros(d, t); DistArray general = DistArrays.zeros(other, t);
                            DistArray viaExpr = DistArrays.zeros(d, t)) {
                        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY}) {
                            Np.apply(op, a, b, UfuncOptions.out(fast));
                            Np.apply(op, a, b, UfuncOptions.out(general));
                            Np.expr(a).apply(op, Np.expr(b)).eval(UfuncOptions.out(viaExpr));
                            assertArrayEquals(general.toDoubleArray(0), fast.toDoubleArray(0), op + " " + t);
                            assertArrayEquals(general.toDoubleArray(0), viaExpr.toDoubleArray(0), "expr " + op + " " + t);
                        }
                        if (t == DType.FLOAT64) {
                            Np.expr(a).divide(0.3).eval(UfuncOptions.out(fast));
                            Np.expr(a).divide(0.3).eval(UfuncOptions.out(general));
                            assertArrayEquals(general.toDoubleArray(0), fast.toDoubleArray(0), "x / s");
                        }
                        try (DistArray aOther = a.redistribute(other)) { // a's values on the equal Distribution
                            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY,
                                    BinaryOp.TRUE_DIVIDE}) {
                                if (op != BinaryOp.TRUE_DIVIDE) { // new results of two arrays
                                    try (DistArray r = Np.apply(op, a, b, null);
                                            DistArray g = Np.apply(op, aOther, b, null)) {
                                        assertEquals(g.dtype(), r.dtype(), op + " " + t);
                                        assertEquals(d, r.distribution(), "the first operand's layout");
                                        assertArrayEquals(g.toDoubleArray(0), r.toDoubleArray(0), "new " + op + " " + t);
                                    }
                                }
                                // scalars: a Python float, a small and a huge Python int, on either side; new and
                                // out=; the reference is the Expr path without out= (the general path)
                                for (Object sc : new Object[] {2.5, -0.0, 3L, (1L << 60) + 1}) {
                                    Expr se = sc instanceof Double v ? Expr.scalar(v) : Expr.scalar((Long) sc);
                                    for (boolean first : new boolean[] {false, true}) {
                                        Expr ref = first ? se.apply(op, Np.expr(a)) : Np.expr(a).apply(op, se);
                                        try (DistArray r = first ? Np.apply(op, sc, a, null) : Np.apply(op, a, sc, null);
                                                DistArray g = ref.eval()) {
                                            String what = op + " " + t + " " + sc + (first ? " first" : "");
                                            assertEquals(g.dtype(), r.dtype(), what);
                                            assertArrayEquals(g.toDoubleArray(0), r.toDoubleArray(0), what);
                                            if (r.dtype() == t) { // into out=, by Np and by the Expr
                                                DistArray into = DistArrays.zeros(d, t);
                                                DistArray intoExpr = DistArrays.zeros(d, t);
                                                if (first) {
                                                    Np.apply(op, sc, a, UfuncOptions.out(into));
                                                } else {
                                                    Np.apply(op, a, sc, UfuncOptions.out(into));
                                                }
                                                ref.eval(UfuncOptions.out(intoExpr));
                                                double[] want = g.toDoubleArray(0);
                                                assertArrayEquals(want, into.toDoubleArray(0), "out= " + what);
                                                assertArrayEquals(want, intoExpr.toDoubleArray(0), "expr out= " + what);
                                                into.close();
                                                intoExpr.close();
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        Np.apply(BinaryOp.ADD, fast, b, UfuncOptions.out(fast)); // in place
                        Np.apply(BinaryOp.ADD, general, b, UfuncOptions.out(general));
                        assertArrayEquals(general.toDoubleArray(0), fast.toDoubleArray(0), "in place " + t);
                    }
                }
                for (int closed = 0; closed < 3; closed++) { // x, y, out= closed
                    DistArray x = DistArrays.ones(d, DType.FLOAT64);
                    DistArray y = DistArrays.ones(d, DType.FLOAT64);
                    DistArray z = DistArrays.zeros(d, DType.FLOAT64);
                    DistArray w = DistArrays.zeros(other, DType.FLOAT64);
                    DistArray yw = DistArrays.ones(other, DType.FLOAT64);
                    (closed == 0 ? x : closed == 1 ? y : z).close();
                    if (closed == 2) {
                        w.close();
                    }
                    DistArray yGeneral = closed == 1 ? y : yw;
                    RuntimeException onFast = assertThrows(RuntimeException.class,
                            () -> Np.apply(BinaryOp.ADD, x, y, UfuncOptions.out(z)));
                    RuntimeException onExpr = assertThrows(RuntimeException.class,
                            () -> Np.expr(x).add(Np.expr(y)).eval(UfuncOptions.out(z)));
                    if (closed < 2) { // a new result (against the Expr path without out=, the general one)
                        RuntimeException onNew = assertThrows(RuntimeException.class, () -> Np.add(x, y).close());
                        RuntimeException onNewGeneral = assertThrows(RuntimeException.class,
                                () -> Np.expr(x).add(Np.expr(y)).eval().close());
                        assertEquals(onNewGeneral.getClass(), onNew.getClass(), "new, closed " + closed);
                        assertEquals(onNewGeneral.getMessage(), onNew.getMessage(), "new, closed " + closed);
                    }
                    if (closed == 0) { // x * 2.5, new and into z
                        RuntimeException onScalar = assertThrows(RuntimeException.class,
                                () -> Np.multiply(x, 2.5).close());
                        RuntimeException onScalarGeneral = assertThrows(RuntimeException.class,
                                () -> Np.expr(x).multiply(2.5).eval().close());
                        assertEquals(onScalarGeneral.getMessage(), onScalar.getMessage(), "x * 2.5, closed x");
                        RuntimeException intoZ = assertThrows(RuntimeException.class,
                                () -> Np.apply(BinaryOp.MULTIPLY, x, 2.5, UfuncOptions.out(z)));
                        assertEquals(onScalarGeneral.getMessage(), intoZ.getMessage(), "x * 2.5 into z, closed x");
                    }
                    RuntimeException onGeneral = assertThrows(RuntimeException.class,
                            () -> Np.apply(BinaryOp.ADD, x, yGeneral, UfuncOptions.out(w)));
                    assertEquals(onGeneral.getClass(), onFast.getClass(), "closed " + closed);
                    assertEquals(onGeneral.getMessage(), onFast.getMessage(), "closed " + closed);
                    assertEquals(onGeneral.getClass(), onExpr.getClass(), "closed " + closed);
                    assertEquals(onGeneral.getMessage(), onExpr.getMessage(), "closed " + closed);
                    for (DistArray c : new DistArray[] {x, y, z, w, yw}) {
                        c.close();
                    }
                }
            }
        });
    }
    /** In checking mode (the suite's) a rank that passes another out= array makes every rank throw on each path. */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void inCheckingModeAMismatchedCallThrowsOnEveryRank(int ranks) {
        assertTrue(org.jdistarray.comm.CommContext.checkingByDefault(), "the suite runs with -Djdistarray.checks=true");
        LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
            Distribution d = Distribution.builder(comm).shape(10).build();
            try (DistArray a = DistArrays.ones(d, DType.FLOAT64); DistArray b = DistArrays.ones(d, DType.FLOAT64);
                    DistArray z0 = DistArrays.zeros(d, DType.FLOAT64);
                    DistArray z1 = DistArrays.zeros(d, DType.FLOAT64)) {
                DistArray mine = comm.rank() == 0 ? z0 : z1;
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.add(a, b, UfuncOptions.out(mine)));
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.expr(a).multiply(2.0).eval(UfuncOptions.out(mine)));
                Np.add(a, b, UfuncOptions.out(z0)); // the same on every rank: fine, and the values are right
                double[] all = z0.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, all);
                }
            }
        });
    }
}
