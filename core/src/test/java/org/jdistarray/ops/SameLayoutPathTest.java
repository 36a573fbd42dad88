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
 * {@code Np.apply} of two arrays before any expression is built, and an {@link Expr} of two arrays or of an array and a
 * scalar) against the general path (the same layout through another, equal Distribution object, which takes it): the
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
