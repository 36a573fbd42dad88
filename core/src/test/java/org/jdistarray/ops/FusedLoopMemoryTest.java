package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused float64 loops (a binary ufunc or {@code a*x + y} of same-layout arrays, and compiled expressions) read
 * their operands and write their result through internal buffers that are not handed out: closing a result or an
 * operand frees its memory at once instead of quarantining it (which, many small arrays later, would make every
 * rank hint the collector). Values are checked against the element-wise formula; thread ranks 1 to 7, with uneven
 * and empty blocks (5 elements on 7 ranks).
 */
class FusedLoopMemoryTest {
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void closingFusedResultsAndOperandsFreesAtOnce(int ranks) {
        int before = NativeMemory.quarantinedCount();
        for (long n : new long[] {5, 4096}) {
            LocalCluster.run(ranks, Duration.ofSeconds(60), comm -> {
                Distribution d = Distribution.builder(comm).shape(n).build();
                for (int k = 0; k < 50; k++) {
                    try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] + 1.0);
                            DistArray y = DistArrays.fromFunction(d, DType.FLOAT64, g -> 2.0 * g[0])) {
                        try (DistArray sum = Np.add(x, y);
                                DistArray axpy = Np.expr(x).multiply(0.5).add(y).eval();
                                DistArray expr = Np.expr(x).multiply(y).add(x).sqrt().eval()) {
                            double[] s = sum.toDoubleArray(0);
                            double[] a = axpy.toDoubleArray(0);
                            double[] e = expr.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                double[] ws = new double[(int) n];
                                double[] wa = new double[(int) n];
                                double[] we = new double[(int) n];
                                for (int i = 0; i < n; i++) {
                                    ws[i] = (i + 1.0) + 2.0 * i;
                                    wa[i] = 0.5 * (i + 1.0) + 2.0 * i;
                                    we[i] = Math.sqrt((i + 1.0) * (2.0 * i) + (i + 1.0));
                                }
                                assertArrayEquals(ws, s);
                                assertArrayEquals(wa, a);
                                assertArrayEquals(we, e);
                            }
                        }
                        Np.add(x, y, UfuncOptions.out(y));
                    }
                }
            });
        }
        assertEquals(before, NativeMemory.quarantinedCount(), "blocks quarantined by fused loops");
    }
}
