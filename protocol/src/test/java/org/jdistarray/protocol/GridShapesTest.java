package org.jdistarray.protocol;

import static org.jdistarray.protocol.DistKind.BLOCK;
import static org.jdistarray.protocol.DistKind.CYCLIC;
import static org.jdistarray.protocol.DistKind.UNDISTRIBUTED;
import static org.jdistarray.protocol.DistKind.UNSTRUCTURED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DistArray's make_grid_shape / normalize_grid_shape (distarray-0.5.md §3). Expected grids are DistArray's
 * examples or computed by hand; the comments show the ratio arithmetic.
 */
class GridShapesTest {

    @ParameterizedTest(name = "{0} into {1}")
    @MethodSource
    void multiplicativePartitions(int n, int k, int[][] expected) {
        List<int[]> actual = GridShapes.multiplicativePartitions(n, k);
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual.toArray(new int[0][])));
    }

    static Stream<Arguments> multiplicativePartitions() {
        return Stream.of(
                Arguments.of(12, 2, new int[][] {{1, 12}, {2, 6}, {3, 4}}),
                Arguments.of(12, 3, new int[][] {{1, 1, 12}, {1, 2, 6}, {1, 3, 4}, {2, 2, 3}}),
                Arguments.of(16, 4, new int[][] {{1, 1, 1, 16}, {1, 1, 2, 8}, {1, 1, 4, 4}, {1, 2, 2, 4}, {2, 2, 2, 2}}),
                Arguments.of(52, 3, new int[][] {{1, 1, 52}, {1, 2, 26}, {1, 4, 13}, {2, 2, 13}}),
                Arguments.of(7, 2, new int[][] {{1, 7}}),
                Arguments.of(1, 3, new int[][] {{1, 1, 1}}),
                Arguments.of(6, 1, new int[][] {{6}}));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @MethodSource
    void defaultGridShape(long[] shape, List<DistKind> kinds, int comm, int[] expected) {
        assertArrayEquals(expected, GridShapes.defaultGridShape(shape, kinds, comm),
                Arrays.toString(shape) + " " + kinds + " on " + comm);
    }

    static Stream<Arguments> defaultGridShape() {
        List<DistKind> bb = List.of(BLOCK, BLOCK);
        List<DistKind> bbb = List.of(BLOCK, BLOCK, BLOCK);
        List<DistKind> bn = List.of(BLOCK, UNDISTRIBUTED);
        return Stream.of(
                // (1,4): ratio .25 vs 1; (2,2): ratio 1 -> (2,2)
                Arguments.of(new long[] {4, 4}, bb, 4, new int[] {2, 2}),
                Arguments.of(new long[] {16, 16}, bb, 4, new int[] {2, 2}),
                // sizes 64 > 16: smallest factor to axis 1; (4,1) ratio 4 == 64/16
                Arguments.of(new long[] {64, 16}, bb, 4, new int[] {4, 1}),
                Arguments.of(new long[] {16, 64}, bb, 4, new int[] {1, 4}),
                // (6,1): 6 vs 10 -> 4; (3,2): 1.5 -> 8.5
                Arguments.of(new long[] {100, 10}, bb, 6, new int[] {6, 1}),
                // (6,1): 6 vs 1.5; (3,2): 1.5 vs 1.5
                Arguments.of(new long[] {12, 8}, bb, 6, new int[] {3, 2}),
                // only (1,2); equal sizes keep axis order, so axis 0 gets the 1
                Arguments.of(new long[] {4, 4}, bb, 2, new int[] {1, 2}),
                Arguments.of(new long[] {100, 100}, List.of(BLOCK, CYCLIC), 7, new int[] {1, 7}),
                // DistArray's from_shape examples (default dist: block, then undistributed)
                Arguments.of(new long[] {4, 4}, bn, 4, new int[] {4, 1}),
                Arguments.of(new long[] {8, 2}, bn, 4, new int[] {4, 1}),
                Arguments.of(new long[] {16, 16}, bn, 4, new int[] {4, 1}),
                Arguments.of(new long[] {7}, List.of(BLOCK), 4, new int[] {4}),
                // one distributed axis: min(commSize, size), as DistArray
                Arguments.of(new long[] {3}, List.of(BLOCK), 4, new int[] {3}),
                Arguments.of(new long[] {3}, List.of(CYCLIC), 4, new int[] {3}),
                Arguments.of(new long[] {3, 5}, List.of(UNDISTRIBUTED, BLOCK), 8, new int[] {1, 5}),
                // our choice for a zero-length axis: all ranks (DistArray fails)
                Arguments.of(new long[] {0}, List.of(BLOCK), 4, new int[] {4}),
                // 'bcn'
                Arguments.of(new long[] {10, 10, 10}, List.of(BLOCK, CYCLIC, UNDISTRIBUTED), 4, new int[] {2, 2, 1}),
                // (1,8): .125 -> .875; (2,4): .5 -> .5
                Arguments.of(new long[] {10, 10, 10}, List.of(BLOCK, CYCLIC, UNDISTRIBUTED), 8, new int[] {2, 4, 1}),
                Arguments.of(new long[] {10, 10, 10}, bbb, 8, new int[] {2, 2, 2}),
                // ref ratios (.5, .333, .667); squared distances (1,1,12) .653, (1,2,6) .139, (1,3,4) .042, (2,2,3) .361
                Arguments.of(new long[] {10, 20, 30}, bbb, 12, new int[] {1, 3, 4}),
                // mirrored: (4,3,1) 2.03, (6,2,1) 11.25, (3,2,2) 3.25, (12,1,1) larger
                Arguments.of(new long[] {30, 20, 10}, bbb, 12, new int[] {4, 3, 1}),
                // ref (1,.5,.5): (1,1,4) -> .125, (1,2,2) -> .5
                Arguments.of(new long[] {5, 5, 10}, bbb, 4, new int[] {1, 1, 4}),
                // ties keep axis order: axis 1 before axis 2; (4,1,1) -> 8, (2,1,2) -> 1.25
                Arguments.of(new long[] {10, 5, 5}, bbb, 4, new int[] {2, 1, 2}),
                Arguments.of(new long[] {8, 8, 8, 8}, List.of(BLOCK, BLOCK, BLOCK, BLOCK), 16, new int[] {2, 2, 2, 2}),
                // unstructured counts as distributed
                Arguments.of(new long[] {10, 10}, List.of(UNSTRUCTURED, BLOCK), 4, new int[] {2, 2}),
                Arguments.of(new long[] {10, 10}, bb, 1, new int[] {1, 1}),
                Arguments.of(new long[] {5, 5}, List.of(UNDISTRIBUTED, UNDISTRIBUTED), 4, new int[] {1, 1}),
                Arguments.of(new long[0], List.of(), 4, new int[0]),
                // zero lengths count as 1 for ratios: (0,5) like (1,5) -> (1,4); (0,0) like (1,1) -> (2,2)
                Arguments.of(new long[] {0, 5}, bb, 4, new int[] {1, 4}),
                Arguments.of(new long[] {0, 0}, bb, 4, new int[] {2, 2}));
    }

    @Test
    void defaultGridShapePreconditions() {
        assertMessage(() -> GridShapes.defaultGridShape(new long[] {4}, List.of(BLOCK), 0), ">= 1, got 0");
        assertMessage(() -> GridShapes.defaultGridShape(new long[] {4, 4}, List.of(BLOCK), 2), "2 axes but 1");
        assertMessage(() -> GridShapes.defaultGridShape(new long[] {4, -1}, List.of(BLOCK, BLOCK), 2), "axis 1");
        assertMessage(() -> GridShapes.defaultGridShape(new long[] {4}, Arrays.asList((DistKind) null), 2), "null");
    }

    @Test
    void defaultGridShapePostconditionGridLargerThanAxis() {
        // (2,2) on 8: (1,8) -> .875, (2,4) -> .5; 4 processes for 2 elements fails DistArray's postcondition
        assertMessage(() -> GridShapes.defaultGridShape(new long[] {2, 2}, List.of(BLOCK, BLOCK), 8),
                "axis 1 has 4 processes but only 2 elements");
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @MethodSource
    void allRanksGridShape(long[] shape, List<DistKind> kinds, int comm, int[] expected) {
        int[] grid = GridShapes.allRanksGridShape(shape, kinds, comm);
        assertArrayEquals(expected, grid);
        assertEquals(comm, GridShapes.product(grid));
    }

    static Stream<Arguments> allRanksGridShape() {
        return Stream.of(
                Arguments.of(new long[] {3}, List.of(BLOCK), 4, new int[] {4}),
                Arguments.of(new long[] {0}, List.of(CYCLIC), 3, new int[] {3}),
                Arguments.of(new long[] {2, 2}, List.of(BLOCK, BLOCK), 8, new int[] {2, 4}),
                Arguments.of(new long[] {3, 5}, List.of(UNDISTRIBUTED, BLOCK), 8, new int[] {1, 8}),
                Arguments.of(new long[] {5, 5}, List.of(UNDISTRIBUTED, UNDISTRIBUTED), 1, new int[] {1, 1}),
                Arguments.of(new long[0], List.of(), 1, new int[0]));
    }

    /** Where DistArray's grid uses every rank, the all-ranks grid is the same grid. */
    @ParameterizedTest(name = "{0} {1} on {2}")
    @MethodSource("defaultGridShape")
    void allRanksAgreesWithDistArrayWhereItUsesEveryRank(long[] shape, List<DistKind> kinds, int comm, int[] expected) {
        if (GridShapes.product(expected) == comm) {
            assertArrayEquals(expected, GridShapes.allRanksGridShape(shape, kinds, comm));
        }
    }

    @Test
    void allRanksGridShapeWithoutADistributedAxisIsReplicated() {
        assertArrayEquals(new int[] {1, 1},
                GridShapes.allRanksGridShape(new long[] {5, 5}, List.of(UNDISTRIBUTED, UNDISTRIBUTED), 4));
        assertArrayEquals(new int[0], GridShapes.allRanksGridShape(new long[0], List.of(), 2));
    }

    @Test
    void normalizeGridShapePadsWithOnes() {
        List<DistKind> bb = List.of(BLOCK, BLOCK);
        assertArrayEquals(new int[] {2, 1}, GridShapes.normalizeGridShape(new int[] {2}, new long[] {4, 4}, bb, 2));
        assertArrayEquals(new int[] {2, 1, 1}, GridShapes.normalizeGridShape(new int[] {2},
                new long[] {4, 4, 4}, List.of(BLOCK, BLOCK, CYCLIC), 4), "a product below commSize is allowed here");
        assertArrayEquals(new int[] {4}, GridShapes.normalizeGridShape(new int[] {4}, new long[] {2},
                List.of(BLOCK), 4), "more processes than elements is allowed");
        assertArrayEquals(new int[] {1, 1}, GridShapes.normalizeGridShape(new int[0], new long[] {4, 4}, bb, 1));
        assertArrayEquals(new int[] {1, 3}, GridShapes.normalizeGridShape(new int[] {1, 3}, new long[] {4, 4},
                List.of(UNDISTRIBUTED, BLOCK), 3));
    }

    @Test
    void normalizeGridShapeRejects() {
        List<DistKind> bb = List.of(BLOCK, BLOCK);
        long[] shape = {4, 4};
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {4, 2}, shape, bb, 4), "needs 8 processes");
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {-1}, shape, bb, 4), "axis 0 has -1");
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {2, 0}, shape, bb, 4), "axis 1 has 0");
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {1, 1, 1}, shape, bb, 4), "more than the 2 axes");
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {2, 2}, shape, List.of(BLOCK, UNDISTRIBUTED), 4),
                "axis 1 is undistributed");
        assertMessage(() -> GridShapes.normalizeGridShape(null, shape, bb, 4), "null");
        assertMessage(() -> GridShapes.normalizeGridShape(new int[] {2}, shape, bb, 0), ">= 1, got 0");
    }

    static void assertMessage(Runnable r, String expectedFragment) {
        DistributionException e = assertThrows(DistributionException.class, r::run);
        assertTrue(e.getMessage().contains(expectedFragment), "message '" + e.getMessage()
                + "' should contain '" + expectedFragment + "'");
    }
}
