package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlobalDimDataTest {

    private static long[] localSizes(AxisDistribution a) {
        return a.dims().stream().mapToLong(DimDistribution::localSize).toArray();
    }

    /** distarray-0.5.md §3, "verified local shapes" (one axis each). */
    static Stream<Arguments> verifiedShapes() {
        return Stream.of(
                Arguments.of("[{\"dist_type\": \"c\", \"size\": 42, \"proc_grid_size\": 2}]", new long[] {21, 21}),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, 20, 42]}]", new long[] {20, 22}),
                Arguments.of("[{\"dist_type\": \"n\", \"size\": 42}]", new long[] {42}),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, 2, 3, 4, 10]}]", new long[] {2, 1, 1, 6}),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, 3, 12, 21, 30]}]", new long[] {3, 9, 9, 9}),
                Arguments.of("[{\"dist_type\": \"u\", \"indices\": [[0, 3], [2, 1, 4]]}]", new long[] {2, 3}),
                Arguments.of("[{\"dist_type\": \"c\", \"size\": 7, \"proc_grid_size\": 2, \"block_size\": 2}]",
                        new long[] {4, 3}));
    }

    @ParameterizedTest
    @MethodSource("verifiedShapes")
    void localShapesMatchDistArray(String json, long[] sizes) {
        List<AxisDistribution> axes = GlobalDimData.fromJson(json);
        assertEquals(1, axes.size());
        assertArrayEquals(sizes, localSizes(axes.get(0)));
        assertEquals(axes, GlobalDimData.fromJson(GlobalDimData.toJson(axes)));
    }

    @Test
    void twoDimensionalBlockGrid() {
        List<AxisDistribution> axes = GlobalDimData.fromPyLiteral(
                "({'dist_type': 'b', 'bounds': (0, 5)}, {'dist_type': 'b', 'bounds': (0, 2, 6, 7, 9)},)");
        assertArrayEquals(new int[] {1, 4}, new int[] {axes.get(0).gridSize(), axes.get(1).gridSize()});
        assertArrayEquals(new long[] {5}, localSizes(axes.get(0)));
        assertArrayEquals(new long[] {2, 4, 1, 2}, localSizes(axes.get(1)));
    }

    @Test
    void paddingBecomesPerRankPadding() {
        AxisDistribution a = GlobalDimData.fromPyLiteral("[{'dist_type': 'b', 'bounds': [0, 2, 5], "
                + "'comm_padding': 2, 'boundary_padding': 1}]").get(0);
        Block r0 = (Block) a.dimFor(0);
        Block r1 = (Block) a.dimFor(1);
        assertArrayEquals(new long[] {1, 2, 2, 1}, new long[] {r0.padLeft(), r0.padRight(), r1.padLeft(), r1.padRight()});
        String json = GlobalDimData.toJson(List.of(a));
        assertEquals("[{\"dist_type\":\"b\",\"bounds\":[0,2,5],\"comm_padding\":2,\"boundary_padding\":1}]", json);
    }

    @Test
    void writesDefaultsOmitted() {
        List<AxisDistribution> axes = List.of(new BlockAxis(0, 3, 6), new CyclicAxis(10, 3, 1), new CyclicAxis(9, 2, 4),
                UnstructuredAxis.oneToOne(new long[][] {{1}, {0}}),
                new UnstructuredAxis(4, new long[][] {{0, 1}, {1, 2, 3}}, false), new UndistributedAxis(5),
                new BlockAxis(new long[] {0, 4, 8}, 1, 0, true));
        String json = GlobalDimData.toJson(axes);
        assertEquals("[{\"dist_type\":\"b\",\"bounds\":[0,3,6]},"
                + "{\"dist_type\":\"c\",\"size\":10,\"proc_grid_size\":3},"
                + "{\"dist_type\":\"c\",\"size\":9,\"proc_grid_size\":2,\"block_size\":4},"
                + "{\"dist_type\":\"u\",\"indices\":[[1],[0]]},"
                + "{\"dist_type\":\"u\",\"indices\":[[0,1],[1,2,3]],\"size\":4,\"one_to_one\":false},"
                + "{\"dist_type\":\"n\",\"size\":5},"
                + "{\"dist_type\":\"b\",\"bounds\":[0,4,8],\"comm_padding\":1,\"periodic\":true}]", json);
        assertEquals(axes, GlobalDimData.fromJson(json));
        assertEquals(axes, GlobalDimData.fromPyLiteral(json.replace("true", "True").replace("false", "False")));
    }

    static Stream<Arguments> badAxes() {
        return Stream.of(
                Arguments.of("[{\"bounds\": [0, 2]}]", 0, "dist_type"),
                Arguments.of("[{\"dist_type\": \"x\"}]", 0, "dist_type"),
                Arguments.of("[{\"dist_type\": \"b\"}]", 0, "bounds"),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, \"2\"]}]", 0, "bounds"),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, 2], \"comm_padding\": -1}]", 0, "comm_padding"),
                Arguments.of("[{\"dist_type\": \"b\", \"bounds\": [0, 2], \"size\": 3}]", 0, "size"),
                Arguments.of("[{\"dist_type\": \"n\", \"size\": 3}, {\"dist_type\": \"c\", \"size\": 4}]", 1, "proc_grid_size"),
                Arguments.of("[{\"dist_type\": \"c\", \"size\": 4, \"proc_grid_size\": 2, \"block_size\": 0}]", 0, "block_size"),
                Arguments.of("[{\"dist_type\": \"u\", \"indices\": [1, 2]}]", 0, "indices"),
                Arguments.of("[{\"dist_type\": \"u\", \"indices\": [[1], 2]}]", 0, "indices"),
                Arguments.of("[{\"dist_type\": \"n\", \"size\": 3, \"proc_grid_size\": 2}]", 0, "proc_grid_size"),
                Arguments.of("[{\"dist_type\": \"n\", \"size\": 3, \"bounds\": [0, 3]}]", 0, "bounds"),
                Arguments.of("[5]", 0, "global_dim_data"),
                Arguments.of("{\"dist_type\": \"n\", \"size\": 3}", -1, "global_dim_data"));
    }

    @ParameterizedTest
    @MethodSource("badAxes")
    void errorsNameAxisAndKey(String json, int axis, String key) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> GlobalDimData.fromJson(json));
        assertEquals(axis, e.violations().get(0).dimension(), e::getMessage);
        assertEquals(key, e.violations().get(0).key(), e::getMessage);
    }

    @Test
    void impossibleDistributionsNameTheAxis() {
        DistributionException e = assertThrows(DistributionException.class,
                () -> GlobalDimData.fromJson("[{\"dist_type\": \"n\", \"size\": 2}, {\"dist_type\": \"b\", \"bounds\": [0, 5, 3]}]"));
        assertTrue(e.getMessage().startsWith("global dim data, axis 1 ('b'): "), e.getMessage());
        assertThrows(DistributionException.class,
                () -> GlobalDimData.fromPyLiteral("[{'dist_type': 'u', 'indices': [[0, 1], [1]]}]"));
        assertThrows(ProtocolException.class, () -> GlobalDimData.fromPyLiteral("[{'dist_type': 'n', 'size': 2}"));
        assertThrows(ProtocolException.class, () -> GlobalDimData.fromJson("[{"));
    }
}
