package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.Index;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NumPy's advanced indexing (several integer arrays broadcast together, integers beside them, slices, new axes, an
 * ellipsis, local boolean arrays) through {@link DistArray#get(Index...)} and {@code set}, and distributed masks of
 * fewer dimensions than the array ({@code getMask}, {@code setMask}): a table computed by Debian's numpy
 * ({@code /usr/bin/python3}, script {@code advanced_indexing_cases.py}; distributed int64 and int32 index arrays
 * included) and by JDistArray on 1, 2, 3, 4 and 7 thread
 * ranks, in four layouts of the (2, 3, 4) source (cyclic and block-cyclic, block rows with empty blocks, 3-D block,
 * undistributed); every line must be equal. Skipped when numpy is not installed.
 */
class AdvancedIndexingNumpyTest {
    private static Map<String, String> numpy() throws Exception {
        return IndexingNumpyTest.numpy("advanced_indexing_cases");
    }

    private static String render(DistArray x) {
        return IndexingNumpyTest.render(x);
    }

    private static String error(Supplier<Object> f) {
        try {
            Object r = f.get();
            if (r instanceof DistArray d) {
                d.close();
            }
            return "error|none";
        } catch (RuntimeException e) {
            // a failure seen by one rank only reaches the others naming that rank ("rank 0 failed: ...")
            return "error|" + e.getMessage().replaceFirst("^rank \\d+ failed: ", "");
        }
    }

    private static double value(long f) {
        return (f * 37) % 101 - 50;
    }

    private static final long[] SHAPE = {2, 3, 4};

    private static double[] seq(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    static Map<String, String> jdistarray(Communicator comm, Function<Communicator, Distribution> layout) {
        Distribution d = layout.apply(comm);
        Map<String, String> t = new LinkedHashMap<>();
        Index all = Index.all();
        Index.Bools m1 = (Index.Bools) Index.mask(true, false, true, true);
        boolean[] m2v = {true, false, true, true, false, true};
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> value((g[0] * 3 + g[1]) * 4 + g[2]));
                DistArray dm2 = DistArrays.fromLongFunction(Distribution.builder(comm).shape(2, 3).cyclic(1).build(),
                        DType.BOOL, g -> m2v[(int) (g[0] * 3 + g[1])] ? 1 : 0);
                DistArray dm1 = DistArrays.fromLongFunction(Distribution.builder(comm).shape(2).build(), DType.BOOL,
                        g -> g[0])) {
            t.put("two_arrays", render(a.get(Index.ints(0, 1, 1), Index.ints(2, 0, -1))));
            t.put("three_arrays", render(a.get(Index.ints(0, 1, 1), Index.ints(2, 0, 1), Index.ints(3, 3, -4))));
            t.put("broadcast", render(a.get(Index.ints(new long[] {0, 1}, new long[] {2, 1}), all,
                    Index.ints(0, 1, 2))));
            t.put("adjacent", render(a.get(all, Index.ints(0, 2), Index.ints(1, 3))));
            t.put("nonadjacent", render(a.get(Index.ints(0, 1), all, Index.ints(1, 3))));
            t.put("int_front", render(a.get(Index.at(1), all, Index.ints(0, -1))));
            t.put("int_adjacent", render(a.get(all, Index.at(1), Index.ints(0, 1))));
            t.put("newaxis", render(a.get(Index.ints(0, 1), Index.newAxis(), Index.ints(1, 2))));
            t.put("ellipsis", render(a.get(Index.ellipsis(), Index.ints(3, 0))));
            t.put("negative_step", render(a.get(Index.slice(null, null, -1L), Index.ints(2, 0),
                    Index.slice(1L, 4L, 2L))));
            t.put("two_d_ints", render(a.get(Index.ints(new long[] {1, 0, 0, 1}, new long[] {2, 2}))));
            t.put("local_mask2", render(a.get(Index.mask(m2v, new long[] {2, 3}))));
            t.put("local_mask_axis2", render(a.get(all, all, m1)));
            boolean[] big = new boolean[24];
            for (int f = 0; f < 24; f++) {
                big[f] = value(f) > 10;
            }
            t.put("local_mask_full", render(a.get(Index.mask(big, SHAPE))));
            t.put("mask_and_ints", render(a.get(Index.mask(true, false), all, Index.ints(1, 2))));
            t.put("empty_ints", render(a.get(Index.ints(), all, Index.at(1))));
            t.put("set_scalar", setting(a, c -> c.set(new Index[] {Index.ints(0, 1), Index.ints(2, 0)}, 7)));
            t.put("set_duplicates", setting(a, c -> c.set(new Index[] {Index.ints(0, 1, 0), Index.ints(1, 1, 1),
                Index.ints(3, 3, 3)}, new double[] {1, 2, 3}, 3)));
            t.put("set_values", setting(a, c -> {
                try (DistArray v = DistArrays.fromFunction(Distribution.builder(comm).shape(2, 2, 4).cyclic(2).build(),
                        DType.FLOAT64, g -> (g[0] * 2 + g[1]) * 4 + g[2])) {
                    c.set(new Index[] {all, Index.ints(0, 2)}, v);
                }
            }));
            t.put("set_mask_local", setting(a, c -> c.set(new Index[] {all, all, m1}, -2)));
            t.put("dmask_get", render(a.getMask(dm2)));
            t.put("dmask_get1", render(a.getMask(dm1)));
            t.put("dmask_set_scalar", setting(a, c -> c.setMask(dm2, 5)));
            t.put("dmask_set_row", setting(a, c -> c.setMask(dm2, seq(4))));
            t.put("dmask_set_all", setting(a, c -> {
                try (DistArray v = DistArrays.fromArray(Distribution.builder(comm).shape(16).cyclic(0).build(),
                        DType.FLOAT64, seq(16))) {
                    c.setMask(dm2, v);
                }
            }));
            try (DistArray di = DistArrays.fromArray(Distribution.builder(comm).shape(2, 3).cyclic(1).build(),
                    DType.INT64, new long[] {1, 0, 1, 0, 0, 1});
                    DistArray di1 = DistArrays.fromArray(Distribution.builder(comm).shape(3).build(), DType.INT64,
                            new long[] {2, 1, 2});
                    DistArray di2 = DistArrays.fromArray(Distribution.builder(comm).shape(3).cyclic(0).build(),
                            DType.INT32, new long[] {0, 0, 1});
                    DistArray bad = DistArrays.fromArray(Distribution.builder(comm).shape(2).build(), DType.INT64,
                            new long[] {0, 3})) {
                t.put("dist_ints", render(a.get(Index.ints(di), all, Index.ints(3, 0, -1))));
                t.put("take_dist_2d", render(Np.take(a, di, 1)));
                t.put("dist_ints_adjacent", render(a.get(all, Index.ints(di1), Index.at(2))));
                t.put("dist_set", setting(a, c -> c.set(new Index[] {Index.ints(di2), Index.ints(2, 1, 0),
                    Index.ints(3, 3, 0)}, new double[] {9, 8, 7}, 3)));
                t.put("err_dist_bounds", error(() -> a.get(all, Index.ints(bad))));
            }
            t.put("parsed_broadcast", render(a.get("[[0], [1]], :, [0, 1, 2]")));
            t.put("parsed_mask", render(a.get(":, [True, False, True], 1:")));
            t.put("parsed_pair", render(a.get("[[1, 0], 2]")));
            t.put("err_broadcast", error(() -> a.get(Index.ints(0, 1), Index.ints(0, 1, 2))));
            t.put("err_broadcast2", error(() -> a.get(Index.ints(new long[] {0, 1}, new long[] {1, 2}),
                    Index.ints(new long[] {0, 1, 2}, new long[] {3, 1}),
                    Index.ints(new long[] {0, 1, 1, 1}, new long[] {2, 2}))));
            t.put("err_bounds", error(() -> a.get(Index.ints(0), Index.ints(3))));
            t.put("err_bounds_neg", error(() -> a.get(all, all, Index.ints(-5))));
            t.put("err_mask_shape", error(() -> a.get(all, Index.mask(false, false, false, false))));
            t.put("err_too_many", error(() -> a.get(Index.ints(0, 1), Index.ints(0, 1), Index.ints(0, 1),
                    Index.ints(0))));
            t.put("err_set_shape", error(() -> {
                a.set(new Index[] {Index.ints(0, 1), Index.ints(2, 0)}, new double[] {1, 2, 3}, 3);
                return null;
            }));
            try (DistArray m3 = DistArrays.ones(Distribution.builder(comm).shape(3).build(), DType.BOOL)) {
                t.put("err_dmask_shape", error(() -> a.getMask(m3)));
            }
            t.put("err_dmask_set", error(() -> {
                a.setMask(dm2, seq(5));
                return null;
            }));
        }
        return t;
    }

    /** The whole of a copy of {@code a} after {@code change}. */
    private static String setting(DistArray a, java.util.function.Consumer<DistArray> change) {
        try (DistArray c = a.copy()) {
            change.accept(c);
            return render(c.copy());
        }
    }

    static List<Function<Communicator, Distribution>> layouts() {
        return List.of(
                comm -> Distribution.builder(comm).shape(SHAPE).cyclic(0).cyclic(1, 2).build(),
                comm -> Distribution.builder(comm).shape(SHAPE).block(0).undistributed(1).undistributed(2).build(),
                comm -> Distribution.fromShape(comm, SHAPE, java.util.Collections.nCopies(3,
                        org.jdistarray.protocol.DistKind.BLOCK)),
                comm -> Distribution.builder(comm).shape(SHAPE).undistributed(0).undistributed(1).undistributed(2)
                        .build());
    }

    @org.junit.jupiter.api.Test
    void parsedListsAreArrayEntriesAndBadOnesAreNamed() {
        assertEquals(List.of(Index.ints(new long[] {0, 1}, new long[] {2, 1}), Index.all(), Index.ints(0, 1, 2)),
                List.of(Index.parse("[[0], [1]], :, [0, 1, 2]")));
        assertEquals(List.of(Index.at(1), Index.at(2)), List.of(Index.parse("[1, 2]")));
        assertEquals(List.of(Index.ints(1, 2)), List.of(Index.parse("[[1, 2]]")));
        assertEquals(List.of(Index.mask(true, false), Index.ints()), List.of(Index.parse("[True, False], []")));
        for (String bad : List.of("[[0], [1, 2]], 0", "[[0, True]]", "[[0, None]]", "[0, 1", "0]")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Index.parse(bad));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void everyCaseEqualsNumpy(int ranks) throws Exception {
        Map<String, String> expected = numpy();
        for (int l = 0; l < layouts().size(); l++) {
            Function<Communicator, Distribution> layout = layouts().get(l);
            List<Map<String, String>> got = LocalCluster.call(ranks, Duration.ofSeconds(60),
                    comm -> jdistarray(comm, layout));
            for (Map<String, String> g : got) {
                assertEquals(expected.keySet(), g.keySet());
                for (String k : expected.keySet()) {
                    assertEquals(expected.get(k), g.get(k), "layout " + l + ": " + k);
                }
            }
        }
    }
}
