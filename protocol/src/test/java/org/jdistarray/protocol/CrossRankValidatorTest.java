package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules 9 and 10 and the neighbour rules, on whole sets of exports. */
class CrossRankValidatorTest {

    private static List<JsonNode> exports(List<List<DimDistribution>> perRank) {
        List<JsonNode> out = new ArrayList<>();
        for (List<DimDistribution> dims : perRank) {
            out.add(Exports.export(dims.toArray(new DimDistribution[0])));
        }
        return out;
    }

    /** Every rank of a grid built from axes, in C order. */
    private static List<List<DimDistribution>> grid(AxisDistribution... axes) {
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = axes[i].gridSize();
        }
        ProcessGrid g = new ProcessGrid(shape);
        List<List<DimDistribution>> out = new ArrayList<>();
        for (int rank = 0; rank < g.size(); rank++) {
            int[] c = g.coordsOf(rank);
            List<DimDistribution> dims = new ArrayList<>();
            for (int i = 0; i < axes.length; i++) {
                dims.add(axes[i].dimFor(c[i]));
            }
            out.add(dims);
        }
        return out;
    }

    static Stream<List<List<DimDistribution>>> validSets() {
        return Stream.of(
                grid(new BlockAxis(0, 2, 4, 6, 7)),
                grid(new BlockAxis(0, 5), new BlockAxis(0, 2, 6, 7, 9)),
                grid(new BlockAxis(new long[] {0, 9, 18}, 1, 1, false)),
                grid(new BlockAxis(new long[] {0, 2, 5}, 2, 1, false)),
                grid(new CyclicAxis(7, 2, 2), new CyclicAxis(10, 3, 1)),
                grid(new UnstructuredAxis(5, new long[][] {{4, 0}, {2, 3, 1}}, true), new UndistributedAxis(3)),
                grid(new UnstructuredAxis(3, new long[][] {{0, 1}, {1, 2}}, false)),
                grid(),
                // the padding-tuple example of protocol.md §6: (4,1) (1,2) (2,3) (3,0)
                List.of(List.of(new Block(24, 4, 0, 0, 7, 4, 1, false)), List.of(new Block(24, 4, 1, 5, 14, 1, 2, false)),
                        List.of(new Block(24, 4, 2, 10, 21, 2, 3, false)), List.of(new Block(24, 4, 3, 15, 24, 3, 0, false))),
                // same proc_grid_rank along axis 1, different padding on an edge process: allowed
                List.of(List.of(new Block(4, 2, 0, 0, 2), new Block(3, 1, 0, 0, 3)),
                        List.of(new Block(4, 2, 1, 2, 4), new Block(3, 1, 0, 0, 3, 1, 1, false))));
    }

    @ParameterizedTest
    @MethodSource("validSets")
    void validSetsHaveNoViolations(List<List<DimDistribution>> perRank) {
        List<JsonNode> exports = exports(perRank);
        assertEquals(List.of(), ProtocolValidator.validateAcrossRanks(exports));
        List<JsonNode> reversed = new ArrayList<>(exports);
        java.util.Collections.reverse(reversed);
        assertEquals(List.of(), ProtocolValidator.validateAcrossRanks(reversed));
    }

    private static Arguments bad(String rule, List<List<DimDistribution>> perRank, int dimension, String key) {
        return Arguments.of(rule, perRank, dimension, key);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                bad("9 product of grid sizes != exports", List.of(List.of(new Block(4, 2, 0, 0, 2))), -1, "proc_grid_size"),
                bad("9 coordinates twice", List.of(List.of(new Block(4, 2, 0, 0, 2)), List.of(new Block(4, 2, 0, 0, 2))),
                        -1, "proc_grid_rank"),
                bad("sizes differ", List.of(List.of(new Block(4, 2, 0, 0, 2)), List.of(new Block(5, 2, 1, 2, 5))),
                        0, "size"),
                bad("grid sizes differ", List.of(List.of(new Block(4, 2, 0, 0, 2)), List.of(new Block(4, 3, 1, 2, 4))),
                        0, "proc_grid_size"),
                bad("dist types differ", List.of(List.of(new Block(4, 2, 0, 0, 2)), List.of(new Cyclic(4, 2, 1))),
                        0, "dist_type"),
                bad("10 same rank, different block", List.of(
                        List.of(new Block(4, 2, 0, 0, 2), new Block(2, 2, 0, 0, 1)),
                        List.of(new Block(4, 2, 0, 0, 3), new Block(2, 2, 1, 1, 2)),
                        List.of(new Block(4, 2, 1, 2, 4), new Block(2, 2, 0, 0, 1)),
                        List.of(new Block(4, 2, 1, 2, 4), new Block(2, 2, 1, 1, 2))), 0, "stop"),
                bad("10 same rank, different indices", List.of(
                        List.of(new Unstructured(2, 1, 0, new long[] {0, 1}, false), new Block(2, 2, 0, 0, 1)),
                        List.of(new Unstructured(2, 1, 0, new long[] {1, 0}, false), new Block(2, 2, 1, 1, 2))),
                        0, "indices"),
                bad("blocks not adjacent", List.of(List.of(new Block(6, 2, 0, 0, 2)), List.of(new Block(6, 2, 1, 3, 6))),
                        0, "start"),
                bad("blocks overlap without padding", List.of(List.of(new Block(6, 2, 0, 0, 4)),
                        List.of(new Block(6, 2, 1, 3, 6))), 0, "start"),
                bad("last block short of size", List.of(List.of(new Block(6, 2, 0, 0, 2)), List.of(new Block(6, 2, 1, 2, 5))),
                        0, "stop"),
                bad("comm padding counterparts differ", List.of(List.of(new Block(18, 2, 0, 0, 10, 1, 1, false)),
                        List.of(new Block(18, 2, 1, 7, 18, 2, 1, false))), 0, "padding"),
                bad("comm padding wider than neighbour's block", List.of(
                        List.of(new Block(9, 3, 0, 0, 6, 0, 2, false)), List.of(new Block(9, 3, 1, 2, 5, 2, 0, false)),
                        List.of(new Block(9, 3, 2, 5, 9))), 0, "padding"),
                bad("cyclic block sizes differ", List.of(List.of(new BlockCyclic(8, 2, 0, 2)),
                        List.of(new BlockCyclic(8, 2, 1, 1))), 0, "block_size"),
                bad("one_to_one differs", List.of(List.of(new Unstructured(3, 2, 0, new long[] {0}, true)),
                        List.of(new Unstructured(3, 2, 1, new long[] {1, 2}, false))), 0, "one_to_one"),
                bad("one_to_one overlap", List.of(List.of(new Unstructured(3, 2, 0, new long[] {0, 1}, true)),
                        List.of(new Unstructured(3, 2, 1, new long[] {1, 2}, true))), 0, "indices"),
                bad("one_to_one gap", List.of(List.of(new Unstructured(3, 2, 0, new long[] {0}, true)),
                        List.of(new Unstructured(3, 2, 1, new long[] {2}, true))), 0, "indices"),
                bad("one_to_one out of range", List.of(List.of(new Unstructured(2, 2, 0, new long[] {0}, true)),
                        List.of(new Unstructured(2, 2, 1, new long[] {-1}, true))), 0, "indices"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachCrossRankRuleGivesItsViolation(String rule, List<List<DimDistribution>> perRank, int dimension,
            String key) {
        List<Violation> v = ProtocolValidator.validateAcrossRanks(exports(perRank));
        assertEquals(1, v.size(), () -> rule + ": " + v);
        assertEquals(dimension, v.get(0).dimension(), v::toString);
        assertEquals(key, v.get(0).key(), v::toString);
    }

    @Test
    void individualViolationsNameTheExport() {
        List<JsonNode> exports = exports(grid(new BlockAxis(0, 2, 4)));
        exports.set(1, Exports.tree(Exports.raw("[2]", "{\"dist_type\": \"b\", \"size\": 4, \"proc_grid_size\": 2,"
                + " \"proc_grid_rank\": 1, \"start\": 2, \"stop\": 5}")));
        List<Violation> v = ProtocolValidator.validateAcrossRanks(exports);
        assertEquals(2, v.size(), v::toString);
        assertTrue(v.stream().allMatch(x -> x.message().startsWith("export 1: ") && x.key().equals("stop")), v::toString);
    }

    @Test
    void garbageSetsGiveViolations() {
        assertEquals("exports", ProtocolValidator.validateAcrossRanks(null).get(0).key());
        assertEquals("exports", ProtocolValidator.validateAcrossRanks(List.of()).get(0).key());
        List<JsonNode> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("export", ProtocolValidator.validateAcrossRanks(withNull).get(0).key());
    }

    @Test
    void dimensionCountsMustAgree() {
        List<JsonNode> exports = List.of(Exports.export(new Block(2, 2, 0, 0, 1)),
                Exports.export(new Block(2, 2, 1, 1, 2), new Block(1, 1, 0, 0, 1)));
        assertEquals(new Violation(-1, "dim_data", "export 1 has 2 dimensions, export 0 has 1"),
                ProtocolValidator.validateAcrossRanks(exports).get(0));
    }
}
