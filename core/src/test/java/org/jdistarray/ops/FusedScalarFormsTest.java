package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float64 fused loops of {@code x op s} and {@code s op x} (add, subtract, multiply, divide and true_divide with a
 * Python float, a small Python int, and an int beyond 2^53, which takes the general evaluator) give the IEEE results
 * of the operation in that operand order, bit for bit: NaN, ±inf, -0.0 and zeros (division by zero) among the values,
 * new results and {@code out=} the operand, block and cyclic layouts, thread ranks 1 to 7 (empty blocks at 5).
 */
class FusedScalarFormsTest {
    private static double v(long i) {
        return switch ((int) (i % 8)) {
            case 0 -> Double.NaN;
            case 1 -> Double.NEGATIVE_INFINITY;
            case 2 -> -0.0;
            case 3 -> 0.0;
            case 4 -> Double.MAX_VALUE;
            default -> 0.37 * i - 11.1;
        };
    }

    private static double op(String name, double a, double b) {
        return switch (name) {
            case "add" -> a + b;
            case "subtract" -> a - b;
            case "multiply" -> a * b;
            default -> a / b;
        };
    }

    private static DistArray call(String name, Object a, Object b) {
        return NpUnary.apply(opOf(name), a, b, null);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void scalarFormsGiveTheIeeeResultInOperandOrder(int ranks) {
        String[] ops = {"add", "subtract", "multiply", "divide", "true_divide"};
        Object[] scalars = {2.5, -0.0, Double.NaN, 3L, -(1L << 53), (1L << 53) + 1};
        for (int n : new int[] {5, 1000}) {
            for (boolean cyclic : new boolean[] {false, true}) {
                LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
                    org.jdistarray.dist.DistributionBuilder b = Distribution.builder(comm).shape(n);
                    Distribution d = cyclic ? b.cyclic(0).build() : b.build();
                    try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> v(g[0]))) {
                        for (String name : ops) {
                            for (Object s : scalars) {
                                double sv = s instanceof Double dv ? dv : (double) (Long) s;
                                for (boolean first : new boolean[] {false, true}) {
                                    double[] got;
                                    try (DistArray r = first ? call(name, s, x) : call(name, x, s)) {
                                        assertEquals(DType.FLOAT64, r.dtype());
                                        got = r.toDoubleArray(0);
                                    }
                                    double[] inPlace;
                                    try (DistArray c = x.copy()) { // out= the array operand itself
                                        Expr e = first ? Expr.scalar(sv).apply(opOf(name), Expr.of(c))
                                                : Expr.of(c).apply(opOf(name), Expr.scalar(sv));
                                        if (s instanceof Long l) {
                                            e = first ? Expr.scalar(l).apply(opOf(name), Expr.of(c))
                                                    : Expr.of(c).apply(opOf(name), Expr.scalar(l));
                                        }
                                        e.eval(UfuncOptions.out(c));
                                        inPlace = c.toDoubleArray(0);
                                    }
                                    if (comm.rank() == 0) {
                                        for (int k = 0; k < n; k++) {
                                            double want = first ? op(name, sv, v(k)) : op(name, v(k), sv);
                                            String at = name + (first ? "(s, x)" : "(x, s)") + " s=" + s + " element "
                                                    + k + " of " + n + (cyclic ? " cyclic" : " block");
                                            assertEquals(Double.doubleToRawLongBits(want),
                                                    Double.doubleToRawLongBits(got[k]), at);
                                            assertEquals(Double.doubleToRawLongBits(want),
                                                    Double.doubleToRawLongBits(inPlace[k]), at + " (out=)");
                                        }
                                    }
                                }
                            }
                        }
                    }
                });
            }
        }
    }

    private static BinaryOp opOf(String name) {
        return switch (name) {
            case "add" -> BinaryOp.ADD;
            case "subtract" -> BinaryOp.SUBTRACT;
            case "multiply" -> BinaryOp.MULTIPLY;
            case "divide" -> BinaryOp.DIVIDE;
            default -> BinaryOp.TRUE_DIVIDE;
        };
    }
}
