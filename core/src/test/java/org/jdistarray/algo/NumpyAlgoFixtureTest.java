package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * The algorithms against Debian's numpy: the committed table {@code numpy-algo.txt} (written by
 * {@code src/test/python/algo_fixture.py}: sort/argsort with {@code kind='stable'}, the four scans and diff, nine
 * dtypes, 1-d to 3-d, NaNs, duplicates, -0.0, an empty array) on 3 thread ranks, each case on a cyclic and on a
 * block-cyclic layout. Result dtypes and values must match exactly (sort compares -0.0 equal to 0.0).
 */
class NumpyAlgoFixtureTest {
    static final String FIXTURE = "/org/jdistarray/algo/numpy-algo.txt";

    static List<String[]> lines() throws IOException {
        return lines(FIXTURE);
    }

    /** The tab-separated lines of a committed fixture {@code resource}, without its {@code #} comment lines. */
    static List<String[]> lines(String resource) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = NumpyAlgoFixtureTest.class.getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    out.add(line.split("\t", -1));
                }
            }
        }
        return out;
    }

    static double[] values(String text) {
        if (text.isEmpty()) {
            return new double[0];
        }
        String[] f = text.split(" ");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Cases.pyFloat(f[i]);
        }
        return v;
    }

    static DistArray run(String func, DistArray a, int axis) {
        return switch (func) {
            case "sort" -> Sorting.sort(a, axis);
            case "argsort" -> Sorting.argsort(a, axis);
            case "cumsum" -> Scans.cumsum(a, axis);
            case "cumprod" -> Scans.cumprod(a, axis);
            case "nancumsum" -> Scans.nancumsum(a, axis);
            case "nancumprod" -> Scans.nancumprod(a, axis);
            case "diff" -> Differences.diff(a, axis, AlgoOptions.defaults());
            default -> throw new IllegalArgumentException(func);
        };
    }

    @Test
    void everyFixtureLineOnThreeRanks() throws Exception {
        List<String[]> table = lines();
        assertTrue(table.size() > 800, "fixture has " + table.size() + " lines");
        LocalCluster.run(3, Duration.ofSeconds(180), comm -> {
            int checked = 0;
            for (String[] f : table) {
                String[] sh = f[2].split(",");
                long[] shape = new long[sh.length];
                for (int i = 0; i < sh.length; i++) {
                    shape[i] = Long.parseLong(sh[i]);
                }
                DType t = DType.parse(f[1]);
                int axis = Integer.parseInt(f[3]);
                double[] in = values(f[4]);
                double[] want = values(f[6]);
                for (int layout = 0; layout < 2; layout++) {
                    Distribution d = layout(comm, shape, layout);
                    String what = String.join(" ", f[0], f[1], f[2], "axis", f[3], "layout", "" + layout);
                    try (DistArray a = DistArrays.fromArray(d, t, in); DistArray r = run(f[0], a, axis)) {
                        assertEquals(f[5], r.dtype().numpyName(), what);
                        double[] got = r.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            assertEquals(want.length, got.length, what);
                            for (int i = 0; i < want.length; i++) {
                                boolean same = Double.isNaN(want[i]) ? Double.isNaN(got[i])
                                        : f[0].equals("sort") ? want[i] == got[i]
                                        : Double.compare(want[i], got[i]) == 0;
                                assertTrue(same, what + ": element " + i + " is " + got[i] + ", numpy " + want[i]);
                            }
                        }
                    }
                    checked++;
                }
            }
            assertEquals(2 * table.size(), checked);
        });
    }

    private static Distribution layout(Communicator comm, long[] shape, int kind) {
        DistributionBuilder b = Distribution.builder(comm).shape(shape);
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
}
