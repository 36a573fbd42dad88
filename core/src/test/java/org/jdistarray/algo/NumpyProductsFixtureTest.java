package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code matmul}, {@code dot}, {@code partition} and {@code argpartition} against Debian's numpy: the committed
 * table {@code numpy-products.txt} (written by {@code src/test/python/products_fixture.py}), each case on two
 * layouts (matmul: block x block and block-cyclic on the near-square grid; partition: cyclic and block-cyclic along
 * axis 0), on 1, 3 and 4 thread ranks. Products must match to 1e-12 (the summation order differs); partitions must
 * have NumPy's values at every kth position and the partition property.
 */
class NumpyProductsFixtureTest {
    static final String FIXTURE = "/org/jdistarray/algo/numpy-products.txt";

    static List<String[]> lines() throws IOException {
        return NumpyAlgoFixtureTest.lines(FIXTURE);
    }

    static long[] shape(String s) {
        if (s.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static Distribution layout(Communicator comm, long[] shape, int kind, boolean grid) {
        DistributionBuilder b = Distribution.builder(comm).shape(shape);
        if (grid && shape.length == 2) {
            if (kind == 0) {
                return b.build();
            }
            return b.cyclic(0, 2).cyclic(1, 3).grid(Summa.squareGrid(comm.size())).build();
        }
        if (kind == 0) {
            b.cyclic(0);
        } else {
            b.cyclic(0, 2);
        }
        for (int i = 1; i < shape.length; i++) {
            b.undistributed(i);
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3, 4})
    void everyFixtureLine(int ranks) throws Exception {
        List<String[]> table = lines();
        assertTrue(table.size() > 500, "fixture has " + table.size() + " lines");
        LocalCluster.run(ranks, Duration.ofSeconds(180), comm -> {
            int checked = 0;
            for (String[] f : table) {
                for (int kind = 0; kind < 2; kind++) {
                    if (f[0].equals("matmul") || f[0].equals("dot")) {
                        product(comm, f, kind);
                    } else {
                        partition(comm, f, kind);
                    }
                    checked++;
                }
            }
            assertEquals(2 * table.size(), checked);
        });
    }

    private static void product(Communicator comm, String[] f, int kind) {
        long[] sa = shape(f[1]);
        long[] sb = shape(f[2]);
        String what = String.join(" ", f[0], f[1], "@", f[2], "layout", "" + kind);
        try (DistArray a = DistArrays.fromArray(layout(comm, sa, kind, true), DType.FLOAT64,
                NumpyAlgoFixtureTest.values(f[3]));
             DistArray b = DistArrays.fromArray(layout(comm, sb, kind, true), DType.FLOAT64,
                     NumpyAlgoFixtureTest.values(f[4]));
             DistArray r = f[0].equals("dot") ? Products.dot(a, b) : Products.matmul(a, b)) {
            assertEquals(Arrays.toString(shape(f[5])), Arrays.toString(r.shape()), what);
            double[] want = NumpyAlgoFixtureTest.values(f[6]);
            double[] got = r.toDoubleArray(0);
            if (comm.rank() == 0) {
                assertEquals(want.length, got.length, what);
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Math.abs(got[i] - want[i]) <= 1e-12 * (1 + Math.abs(want[i])),
                            what + ": element " + i + " is " + got[i] + ", numpy " + want[i]);
                }
            }
        }
    }

    private static void partition(Communicator comm, String[] f, int kind) {
        DType t = DType.parse(f[1]);
        long[] s = shape(f[2]);
        int axis = Integer.parseInt(f[3]);
        long[] kth = Arrays.stream(f[4].split(",")).mapToLong(Long::parseLong).toArray();
        double[] in = NumpyAlgoFixtureTest.values(f[5]);
        double[] want = NumpyAlgoFixtureTest.values(f[6]);
        boolean indices = f[0].equals("argpartition");
        String what = String.join(" ", f[0], f[1], f[2], "axis", f[3], "kth", f[4], "layout", "" + kind);
        try (DistArray a = DistArrays.fromArray(layout(comm, s, kind, false), t, in);
             DistArray r = indices ? Partitioning.argpartition(a, kth, axis, AlgoOptions.defaults())
                     : Partitioning.partition(a, kth, axis, AlgoOptions.defaults())) {
            assertEquals(indices ? DType.INT64 : t, r.dtype(), what);
            PartitionContract.checkPartition(comm, what, r, in, s, axis, kth, indices);
            double[] got = r.toDoubleArray(0);
            if (comm.rank() == 0) {
                double[] vals = got;
                int k = axis < 0 ? axis + s.length : axis;
                if (indices) {
                    long[] gi = Arrays.stream(got).mapToLong(x -> (long) x).toArray();
                    vals = SerialAlgo.take(in, s, k, gi);
                }
                int[] l = SerialAlgo.lanes(s, k);
                for (int o = 0; o < l[0]; o++) {
                    for (int q = 0; q < l[2]; q++) {
                        for (long kk : kth) {
                            int kp = (int) (kk < 0 ? kk + l[1] : kk);
                            int at = (o * l[1] + kp) * l[2] + q;
                            assertEquals(0, SerialAlgo.compare(want[at], vals[at]), what + ": lane " + o + "," + q
                                    + " kth " + kp + " is " + vals[at] + ", numpy " + want[at]);
                        }
                    }
                }
            }
        }
    }
}
