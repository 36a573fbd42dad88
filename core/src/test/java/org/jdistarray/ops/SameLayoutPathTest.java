package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Evaluator}'s small-call path (every array laid out by the same {@link Distribution} object as {@code out=})
 * against the general path (the same layout through another, equal Distribution object, which takes it): the same
 * values for add, subtract, multiply of arrays and {@code x op s}, float64/float32/int64, in place; a closed operand
 * fails the same way on both paths; on thread ranks 1, 2, 3, 4, 7 (uneven and empty blocks at 5 elements).
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
                            DistArray fast = DistArrays.zeros(d, t); DistArray general = DistArrays.zeros(other, t)) {
                        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY}) {
                            Np.apply(op, a, b, UfuncOptions.out(fast));
                            Np.apply(op, a, b, UfuncOptions.out(general));
                            assertArrayEquals(general.toDoubleArray(0), fast.toDoubleArray(0), op + " " + t);
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
                DistArray a = DistArrays.ones(d, DType.FLOAT64);
                DistArray z = DistArrays.zeros(d, DType.FLOAT64);
                DistArray w = DistArrays.zeros(other, DType.FLOAT64);
                a.close();
                RuntimeException onFast = assertThrows(RuntimeException.class,
                        () -> Np.apply(BinaryOp.ADD, a, a, UfuncOptions.out(z)));
                RuntimeException onGeneral = assertThrows(RuntimeException.class,
                        () -> Np.apply(BinaryOp.ADD, a, a, UfuncOptions.out(w)));
                assertEquals(onGeneral.getClass(), onFast.getClass());
                assertEquals(onGeneral.getMessage(), onFast.getMessage());
                z.close();
                w.close();
            }
        });
    }
}
