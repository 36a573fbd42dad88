package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Scans.cumsum(a, axis, out)} on 1, 2, 3, 4 and 7 thread ranks: into an {@code out} in the result's layout
 * (written directly), in another layout (redistributed into it), into the input itself, with a widened accumulator;
 * every element against the plain {@code cumsum}'s result, and the refusals (shape, dtype, view) on every rank.
 */
class ScansOutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads {
        @Parameter
        int ranks;

        @Test
        void intoOutInEveryWay() {
            LocalCluster.run(ranks, TIMEOUT, comm -> {
                Distribution d = Distribution.builder(comm).shape(5, 23).cyclic(1).build();
                Distribution cyc = Distribution.builder(comm).shape(5, 23).cyclic(0).build();
                for (int axis : new int[] {0, 1, -1}) {
                    try (DistArray a = AlgoContract.make(d, DType.FLOAT64);
                         DistArray want = Scans.cumsum(a, axis)) {
                        double[] w = want.toDoubleArray(0);
                        try (DistArray out = DistArrays.empty(want.distribution(), DType.FLOAT64)) {
                            assertSame(out, Scans.cumsum(a, axis, out));
                            assertArrayEquals(w, out.toDoubleArray(0), "out in the block layout, axis " + axis);
                        }
                        try (DistArray out = DistArrays.full(cyc, DType.FLOAT64, 7L)) {
                            assertSame(out, Scans.cumsum(a, axis, out));
                            assertArrayEquals(w, out.toDoubleArray(0), "out cyclic, axis " + axis);
                        }
                        try (DistArray b = a.copy()) { // out = the input itself (np.cumsum(b, out=b))
                            assertSame(b, Scans.cumsum(b, axis, b));
                            assertArrayEquals(w, b.toDoubleArray(0), "in place, axis " + axis);
                        }
                    }
                }
                Distribution line = Distribution.builder(comm).shape(41).build();
                try (DistArray a = AlgoContract.make(line, DType.INT32);
                     DistArray want = Scans.cumsum(a, 0);
                     DistArray out = DistArrays.empty(want.distribution(), DType.INT64)) {
                    assertEquals(DType.INT64, want.dtype());
                    Scans.cumsum(a, 0, out);
                    assertArrayEquals(want.toLongArray(0), out.toLongArray(0), "int32 into int64");
                    try (DistArray b = AlgoContract.make(line, DType.INT64);
                         DistArray wb = Scans.cumsum(b, 0)) {
                        Scans.cumsum(b, 0, b);
                        assertArrayEquals(wb.toLongArray(0), b.toLongArray(0), "int64 in place");
                    }
                    try (DistArray f = DistArrays.empty(want.distribution(), DType.FLOAT64)) {
                        assertEquals("cumsum: out must have dtype int64 (the accumulator of int32), got float64",
                                assertThrows(IllegalArgumentException.class, () -> Scans.cumsum(a, 0, f)).getMessage());
                    }
                    try (DistArray s = DistArrays.empty(Distribution.builder(comm).shape(40).build(), DType.INT64)) {
                        assertEquals("cumsum: out has shape [40], the input [41]",
                                assertThrows(IllegalArgumentException.class, () -> Scans.cumsum(a, 0, s)).getMessage());
                    }
                    try (DistArray big = DistArrays.empty(Distribution.builder(comm).shape(82).build(), DType.INT64);
                         DistArray v = big.get("::2")) {
                        if (v.isView()) {
                            assertEquals("cumsum: out must not be a slicing view",
                                    assertThrows(IllegalArgumentException.class, () -> Scans.cumsum(a, 0, v)).getMessage());
                        }
                    }
                }
            });
        }
    }
}
