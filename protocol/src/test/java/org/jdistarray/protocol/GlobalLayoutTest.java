package org.jdistarray.protocol;

import static org.jdistarray.protocol.DistKind.BLOCK;
import static org.jdistarray.protocol.DistKind.CYCLIC;
import static org.jdistarray.protocol.DistKind.UNDISTRIBUTED;
import static org.jdistarray.protocol.DistKind.UNSTRUCTURED;
import static org.jdistarray.protocol.GridShapesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The global view: construction from shapes and from per-rank dim data, owners, compatibility. */
class GlobalLayoutTest {

    @ParameterizedTest(name = "{0} {1} grid {2} on {3}")
    @MethodSource
    void fromShapeLocalShapes(long[] shape, List<DistKind> kinds, int[] grid, int comm, long[][] expected) {
        GlobalLayout layout = GlobalLayout.fromShape(shape, kinds, grid, null, comm);
        assertEquals(comm, layout.rankCount());
        long[][] actual = new long[comm][];
        for (int r = 0; r < comm; r++) {
            actual[r] = layout.localShapeOf(r);
        }
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual));
    }

    static Stream<Arguments> fromShapeLocalShapes() {
        List<DistKind> bn = List.of(BLOCK, UNDISTRIBUTED);
        return Stream.of(
                // DistArray's engine-side from_shape examples (balanced and ceil-chunk agree here)
                Arguments.of(new long[] {7}, List.of(BLOCK), new int[] {4}, 4, new long[][] {{2}, {2}, {2}, {1}}),
                Arguments.of(new long[] {10}, List.of(CYCLIC), null, 4, new long[][] {{3}, {3}, {2}, {2}}),
                Arguments.of(new long[] {16, 16}, bn, new int[] {4, 1}, 4, new long[][] {{4, 16}, {4, 16}, {4, 16}, {4, 16}}),
                Arguments.of(new long[] {4, 4}, bn, null, 4, new long[][] {{1, 4}, {1, 4}, {1, 4}, {1, 4}}),
                Arguments.of(new long[] {8, 2}, bn, null, 4, new long[][] {{2, 2}, {2, 2}, {2, 2}, {2, 2}}),
                Arguments.of(new long[] {42}, List.of(CYCLIC), null, 2, new long[][] {{21}, {21}}),
                Arguments.of(new long[] {42}, List.of(UNDISTRIBUTED), null, 1, new long[][] {{42}}),
                // our balanced default: 10 over 4 is 3,3,2,2 (DistArray 3,3,3,1)
                Arguments.of(new long[] {10}, List.of(BLOCK), null, 4, new long[][] {{3}, {3}, {2}, {2}}),
                // more ranks than elements: all ranks are used, trailing blocks empty
                Arguments.of(new long[] {3}, List.of(BLOCK), null, 4, new long[][] {{1}, {1}, {1}, {0}}),
                Arguments.of(new long[] {0}, List.of(BLOCK), null, 3, new long[][] {{0}, {0}, {0}}),
                Arguments.of(new long[] {2, 2}, List.of(BLOCK, CYCLIC), null, 8,
                        new long[][] {{1, 1}, {1, 1}, {1, 0}, {1, 0}, {1, 1}, {1, 1}, {1, 0}, {1, 0}}),
                Arguments.of(new long[] {10, 10}, List.of(BLOCK, BLOCK), null, 4, new long[][] {{5, 5}, {5, 5}, {5, 5}, {5, 5}}),
                Arguments.of(new long[0], List.of(), null, 1, new long[][] {{}}));
    }

    @Test
    void fromShapeBlockSizes() {
        GlobalLayout bc = GlobalLayout.fromShape(new long[] {11, 3}, List.of(CYCLIC, BLOCK), new int[] {3}, new long[] {2, 1}, 3);
        assertEquals(new CyclicAxis(11, 3, 2), bc.axes().get(0));
        assertEquals(List.of(new BlockCyclic(11, 3, 2, 2), new Block(3, 1, 0, 0, 3)), bc.dimDataFor(2));
        assertArrayEquals(new long[] {3, 3}, bc.localShapeOf(2)); // {4, 5, 10}
        assertArrayEquals(new long[] {4, 3}, bc.localShapeOf(0));
    }

    @Test
    void fromShapeRejects() {
        assertMessage(() -> GlobalLayout.fromShape(new long[] {4}, List.of(UNSTRUCTURED), null, null, 2),
                "axis 0 is unstructured");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(BLOCK), new int[] {2}, null, 4),
                "has 2 processes but the layout must span all 4 ranks");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(BLOCK), null, new long[] {2}, 2),
                "block sizes apply to CYCLIC axes only");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(CYCLIC), null, new long[] {0}, 2),
                "block size of axis 0 must be >= 1");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(CYCLIC), null, new long[] {1, 1}, 2),
                "2 block sizes");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(CYCLIC, BLOCK), null, null, 2),
                "1 axes but 2");
        assertMessage(() -> GlobalLayout.fromShape(new long[] {8}, List.of(BLOCK), new int[] {8}, null, 4),
                "needs 8 processes");
    }

    @Test
    void ownerOfUsesTheCOrderGrid() {
        GlobalLayout cube = GlobalLayout.fromShape(new long[] {2, 2, 2}, List.of(BLOCK, BLOCK, BLOCK), null, null, 8);
        assertArrayEquals(new int[] {2, 2, 2}, cube.grid().shape());
        assertEquals(5, cube.ownerOf(1, 0, 1));
        assertEquals(6, cube.ownerOf(1, 1, 0));
        assertEquals(List.of(new Block(2, 2, 1, 1, 2), new Block(2, 2, 1, 1, 2), new Block(2, 2, 0, 0, 1)),
                cube.dimDataFor(6));

        GlobalLayout l = GlobalLayout.fromShape(new long[] {10, 7}, List.of(CYCLIC, BLOCK), new int[] {3, 2}, null, 6);
        assertEquals(1 * 2 + 1, l.ownerOf(4, 4)); // cyclic row 4 -> grid row 1; block [4,7) -> column 1
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> l.ownerOf(-1, 0));
        assertTrue(e.getMessage().contains("global index -1 on axis 0 out of range [0, 10)"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> l.ownerOf(0, 7));
        assertTrue(e.getMessage().contains("axis 1"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> l.ownerOf(1, 2, 3));
        assertTrue(a.getMessage().contains("3 global indices") && a.getMessage().contains("2 dimensions"), a.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> l.dimDataFor(6));
        assertThrows(IndexOutOfBoundsException.class, () -> l.mapFor(-1));
    }

    @Test
    void ownerOfOnUnstructuredAxes() {
        GlobalLayout oneToOne = GlobalLayout.fromAxes(List.of(UnstructuredAxis.oneToOne(new long[][] {{3, 0}, {4, 1, 2}})));
        assertEquals(0, oneToOne.ownerOf(3));
        assertEquals(1, oneToOne.ownerOf(2));
        GlobalLayout shared = GlobalLayout.fromAxes(List.of(new UnstructuredAxis(5, new long[][] {{0, 1, 2}, {2, 3}}, false)));
        DistributionException e = assertThrows(DistributionException.class, () -> shared.ownerOf(2));
        assertTrue(e.getMessage().startsWith("axis 0:"), e.getMessage());
        IndexOutOfBoundsException none = assertThrows(IndexOutOfBoundsException.class, () -> shared.ownerOf(4));
        assertTrue(none.getMessage().contains("axis 0") && none.getMessage().contains("no rank"), none.getMessage());
    }

    // ---- properties over a corpus of layouts ----

    static Stream<Arguments> layouts() {
        return Stream.of(
                GlobalLayout.fromShape(new long[] {10}, List.of(BLOCK), null, null, 4),
                GlobalLayout.fromShape(new long[] {3}, List.of(BLOCK), null, null, 5),
                GlobalLayout.fromShape(new long[] {0, 4}, List.of(BLOCK, CYCLIC), null, null, 4),
                GlobalLayout.fromShape(new long[] {7, 9}, List.of(CYCLIC, BLOCK), new int[] {2, 3}, new long[] {2, 1}, 6),
                GlobalLayout.fromShape(new long[] {9, 11}, List.of(CYCLIC, CYCLIC), new int[] {4, 3}, new long[] {5, 2}, 12),
                GlobalLayout.fromShape(new long[] {10, 10, 10}, List.of(BLOCK, CYCLIC, UNDISTRIBUTED), null, null, 4),
                GlobalLayout.fromShape(new long[] {2, 3}, List.of(BLOCK, BLOCK), null, null, 8),
                GlobalLayout.fromShape(new long[0], List.of(), null, null, 1),
                GlobalLayout.fromAxes(List.of(new BlockAxis(0, 2, 6, 7, 9), new BlockAxis(0, 5))),
                GlobalLayout.fromAxes(List.of(new BlockAxis(new long[] {0, 9, 18}, 1, 1, false), new UndistributedAxis(3))),
                GlobalLayout.fromAxes(List.of(new BlockAxis(new long[] {0, 2, 5}, 2, 1, false))),
                GlobalLayout.fromAxes(List.of(new BlockAxis(new long[] {0, 3, 6, 9}, 1, 0, true), new CyclicAxis(5, 2, 1))),
                GlobalLayout.fromAxes(List.of(new BlockAxis(new long[] {0, 10}, 0, 2, true))),
                GlobalLayout.fromAxes(List.of(UnstructuredAxis.oneToOne(new long[][] {{3, 0}, {4, 1, 2}}), new BlockAxis(0, 2, 4))),
                GlobalLayout.fromAxes(List.of(new UnstructuredAxis(5, new long[][] {{}, {4, 3, 2, 1, 0}}, true))))
                .map(Arguments::of);
    }

    /** Every global index is owned by exactly one rank, the one ownerOf names, and maps there and back. */
    @ParameterizedTest
    @MethodSource("layouts")
    void everyIndexOwnedOnceByItsOwner(GlobalLayout layout) {
        long[] shape = layout.shape();
        long total = 1;
        for (long s : shape) {
            total *= s;
        }
        int[] ownerCount = new int[(int) total];
        long ownedSum = 0;
        for (int r = 0; r < layout.rankCount(); r++) {
            NdMap map = layout.mapFor(r);
            assertArrayEquals(map.localShape(), layout.localShapeOf(r));
            final int rank = r;
            long[] visited = {0};
            map.forEachOwned((g, off) -> {
                ownerCount[(int) linear(g, shape)]++;
                assertEquals(rank, layout.ownerOf(g), () -> "owner of " + Arrays.toString(g));
                assertTrue(map.owns(g));
                assertArrayEquals(g, map.globalFromLocal(map.localFromGlobal(g)));
                assertEquals(off, map.localOffset(map.localFromGlobal(g)));
                visited[0]++;
            });
            assertEquals(map.ownedElementCount(), visited[0]);
            ownedSum += visited[0];
        }
        assertEquals(total, ownedSum);
        for (int i = 0; i < ownerCount.length; i++) {
            assertEquals(1, ownerCount[i], "element " + i + " owned " + ownerCount[i] + " times");
        }
    }

    /** Every local cell (padding included) maps to a held global index and back; nothing outside is held. */
    @ParameterizedTest
    @MethodSource("layouts")
    void localIndicesRoundTripAndBoundsHold(GlobalLayout layout) {
        for (int r = 0; r < layout.rankCount(); r++) {
            for (DimDistribution d : layout.dimDataFor(r)) {
                long held = 0;
                for (long l = 0; l < d.localSize(); l++) {
                    long g = d.globalFromLocal(l);
                    assertTrue(d.holds(g));
                    assertEquals(l, d.localFromGlobal(g));
                }
                for (long g = -3; g < d.size() + 3; g++) {
                    if (d.holds(g)) {
                        held++;
                        assertTrue(g >= 0 && g < d.size(), d + " holds " + g);
                    } else {
                        final long gg = g;
                        assertThrows(IndexOutOfBoundsException.class, () -> d.localFromGlobal(gg), d + " global " + g);
                    }
                }
                assertEquals(d.localSize(), held, d.toString());
                assertThrows(IndexOutOfBoundsException.class, () -> d.globalFromLocal(-1));
                assertThrows(IndexOutOfBoundsException.class, () -> d.globalFromLocal(d.localSize()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void rebuildsFromDimDataPerRank(GlobalLayout layout) {
        GlobalLayout rebuilt = GlobalLayout.fromDimDataPerRank(layout.dimDataPerRank());
        assertEquals(layout, rebuilt);
        assertEquals(layout.hashCode(), rebuilt.hashCode());
        assertTrue(layout.isCompatible(rebuilt));
        for (AxisDistribution axis : layout.axes()) {
            assertEquals(axis, AxisDistribution.fromDims(axis.dims()));
            List<DimDistribution> reversed = new ArrayList<>(axis.dims());
            Collections.reverse(reversed);
            assertEquals(axis, AxisDistribution.fromDims(reversed), "any order");
        }
    }

    @Test
    void fromDimDataPerRankRejects() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {4, 6}, List.of(BLOCK, CYCLIC), new int[] {2, 2}, null, 4);
        List<List<DimDistribution>> ddpr = new ArrayList<>(l.dimDataPerRank());

        List<List<DimDistribution>> swapped = new ArrayList<>(ddpr);
        Collections.swap(swapped, 1, 2);
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(swapped), "rank 1 has proc_grid_rank 1 on axis 0");

        assertMessage(() -> GlobalLayout.fromDimDataPerRank(ddpr.subList(0, 2)),
                "the dim data describe a process grid [2, 2] of 4 ranks, but they come from 2 ranks");
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(ddpr.subList(0, 3)),
                "the dim data describe a process grid [2, 2] of 4 ranks, but they come from 3 ranks");

        List<List<DimDistribution>> extra = new ArrayList<>(ddpr);
        extra.add(ddpr.get(3));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(extra), "the dim data describe a process grid [2, 2] of 4 ranks, but they come from 5 ranks");

        List<List<DimDistribution>> ragged = new ArrayList<>(ddpr);
        ragged.set(2, List.of(ddpr.get(2).get(0)));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(ragged), "rank 2 has 1 dimensions, rank 0 has 2");

        List<List<DimDistribution>> resized = new ArrayList<>(ddpr);
        resized.set(3, List.of(ddpr.get(3).get(0), new Cyclic(7, 2, 1)));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(resized), "the ranks disagree on the global shape: ranks 0, 1, 2 [4, 6]; rank 3 [4, 7]");

        List<List<DimDistribution>> gap = new ArrayList<>(ddpr);
        gap.set(1, List.of(new Block(4, 2, 0, 0, 1), ddpr.get(1).get(1)));
        assertMessage(() -> GlobalLayout.fromDimDataPerRank(gap), "axis 0");

        assertMessage(() -> GlobalLayout.fromDimDataPerRank(List.of()), "at least one rank");
    }

    @Test
    void zeroDimensionalLayoutLivesOnOneRank() {
        GlobalLayout scalar = GlobalLayout.fromDimDataPerRank(List.of(List.of()));
        assertEquals(0, scalar.ndim());
        assertEquals(1, scalar.rankCount());
        assertEquals(0, scalar.ownerOf());
        assertEquals(1, scalar.mapFor(0).localElementCount());
    }

    // ---- compatibility (DistArray's is_compatible examples) ----

    @Test
    void compatibility() {
        GlobalLayout bcn1 = GlobalLayout.fromShape(new long[] {10, 10, 10}, List.of(BLOCK, CYCLIC, UNDISTRIBUTED), null, null, 1);
        GlobalLayout nnn1 = GlobalLayout.fromShape(new long[] {10, 10, 10},
                List.of(UNDISTRIBUTED, UNDISTRIBUTED, UNDISTRIBUTED), null, null, 1);
        assertTrue(bcn1.isCompatible(nnn1), "degenerate: every axis on one process");
        assertTrue(nnn1.isCompatible(bcn1));
        assertNotEquals(bcn1, nnn1);

        GlobalLayout b10 = GlobalLayout.fromShape(new long[] {10}, List.of(BLOCK), null, null, 2);
        assertTrue(b10.isCompatible(GlobalLayout.fromShape(new long[] {10}, List.of(BLOCK), null, null, 2)));
        assertFalse(b10.isCompatible(GlobalLayout.fromShape(new long[] {9}, List.of(BLOCK), null, null, 2)), "shape");
        assertFalse(b10.isCompatible(GlobalLayout.fromShape(new long[] {10}, List.of(BLOCK), null, null, 1)), "grid");
        assertFalse(b10.isCompatible(GlobalLayout.fromShape(new long[] {10}, List.of(CYCLIC), null, null, 2)), "type");
        assertFalse(b10.isCompatible(GlobalLayout.fromAxes(List.of(new BlockAxis(0, 4, 10)))), "bounds");
        assertFalse(b10.isCompatible(null));

        GlobalLayout u1 = GlobalLayout.fromAxes(List.of(UnstructuredAxis.oneToOne(new long[][] {{3, 2, 1, 0}})));
        GlobalLayout b1 = GlobalLayout.fromShape(new long[] {4}, List.of(BLOCK), null, null, 1);
        assertFalse(u1.isCompatible(b1), "unstructured vs block");
        assertFalse(b1.isCompatible(u1));
        assertTrue(u1.isCompatible(u1));
        GlobalLayout padded1 = GlobalLayout.fromAxes(List.of(new BlockAxis(new long[] {0, 4}, 0, 1, true)));
        assertTrue(b1.isCompatible(padded1), "one process: boundary padding changes neither buffer nor ownership");
    }

    @Test
    void equalityAndAccessors() {
        GlobalLayout a = GlobalLayout.fromShape(new long[] {6, 4}, List.of(BLOCK, CYCLIC), new int[] {2, 2}, null, 4);
        GlobalLayout b = GlobalLayout.fromAxes(List.of(new BlockAxis(0, 3, 6), new CyclicAxis(4, 2, 1)));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(new ProcessGrid(2, 2), a.grid());
        long[] shape = a.shape();
        shape[0] = 99;
        assertArrayEquals(new long[] {6, 4}, a.shape(), "shape() is a copy");
        assertThrows(UnsupportedOperationException.class, () -> a.axes().clear());
        assertTrue(a.toString().contains("grid=[2, 2]"), a.toString());
        assertThrows(IllegalArgumentException.class, () -> GlobalLayout.fromAxes(null));
    }

    private static long linear(long[] g, long[] shape) {
        long k = 0;
        for (int i = 0; i < g.length; i++) {
            k = k * shape[i] + g[i];
        }
        return k;
    }
}
