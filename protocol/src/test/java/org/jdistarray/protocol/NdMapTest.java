package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One rank's N-d map: composition, bounds checks, C-order offsets and the owned-element walk. */
class NdMapTest {

    /** Rank 1 of b (0,5) x b (0,2,6,7,9): local shape (5,4), global rows 0..4, columns 2..5. */
    private static final NdMap BLOCK_2D = new NdMap(List.of(new Block(5, 1, 0, 0, 5), new Block(9, 4, 1, 2, 6)));

    @Test
    void composesThePerAxisMaps() {
        assertArrayEquals(new long[] {5, 4}, BLOCK_2D.localShape());
        assertArrayEquals(new long[] {5, 9}, BLOCK_2D.globalShape());
        assertEquals(20, BLOCK_2D.localElementCount());
        assertEquals(20, BLOCK_2D.ownedElementCount());
        assertArrayEquals(new long[] {3, 2}, BLOCK_2D.localFromGlobal(3, 4));
        assertArrayEquals(new long[] {3, 4}, BLOCK_2D.globalFromLocal(3, 2));
        assertEquals(3 * 4 + 2, BLOCK_2D.localOffset(3, 2));
        assertEquals(14, BLOCK_2D.localOffsetOfGlobal(3, 4));
        assertTrue(BLOCK_2D.holds(0, 2));
        assertFalse(BLOCK_2D.holds(0, 1));
        assertFalse(BLOCK_2D.holds(-1, 2));
        assertFalse(BLOCK_2D.owns(4, 6));
        assertTrue(BLOCK_2D.owns(4, 5));
    }

    @Test
    void wrongNumberOfIndicesNamesBoth() {
        List<Executable> calls = List.of(
                () -> BLOCK_2D.localFromGlobal(1, 2, 3),
                () -> BLOCK_2D.globalFromLocal(1),
                () -> BLOCK_2D.holds(),
                () -> BLOCK_2D.owns(1, 2, 3),
                () -> BLOCK_2D.localOffset(1, 2, 3));
        for (Executable call : calls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("2 dimensions"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BLOCK_2D.localFromGlobal(1, 2, 3));
        assertTrue(e.getMessage().startsWith("3 global indices"), e.getMessage());
    }

    @Test
    void outOfRangeNamesIndexAxisAndRange() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> BLOCK_2D.localFromGlobal(1, 9));
        assertTrue(e.getMessage().contains("global index 9 on axis 1 is out of range [0, 9)"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BLOCK_2D.localFromGlobal(-1, 3));
        assertTrue(e.getMessage().contains("global index -1 on axis 0 is out of range [0, 5)"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BLOCK_2D.localFromGlobal(1, 7));
        assertTrue(e.getMessage().contains("global index 7 on axis 1 is not held by grid rank 1 of 4, which holds [2, 6)"),
                e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BLOCK_2D.globalFromLocal(0, -1));
        assertTrue(e.getMessage().contains("local index -1 on axis 1 out of range [0, 4)"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BLOCK_2D.localOffset(5, 0));
        assertTrue(e.getMessage().contains("local index 5 on axis 0 out of range [0, 5)"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class,
                () -> new NdMap(List.of(new Cyclic(10, 3, 1))).localFromGlobal(5));
        assertTrue(e.getMessage().contains("which holds the indices 1, 4, ... below 10"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class,
                () -> new NdMap(List.of(new BlockCyclic(7, 2, 1, 2))).localFromGlobal(4));
        assertTrue(e.getMessage().contains("the blocks of 2 starting at 2, 6, ..."), e.getMessage());
    }

    @Test
    void noNegativeIndexSlipsThrough() {
        // -2 is congruent to rank 1's residue mod 3; local -1 would be start - 1 in DistArray 0.5
        NdMap cyc = new NdMap(List.of(new Cyclic(10, 3, 1), new Block(10, 2, 1, 5, 10)));
        assertFalse(cyc.holds(-2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> cyc.localFromGlobal(-2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> cyc.globalFromLocal(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> cyc.localOffset(-1, 0));
    }

    @Test
    void zeroDimensionalMap() {
        NdMap scalar = new NdMap(List.of());
        assertEquals(0, scalar.ndim());
        assertArrayEquals(new long[0], scalar.localShape());
        assertEquals(1, scalar.localElementCount());
        assertEquals(0, scalar.localOffset());
        assertArrayEquals(new long[0], scalar.localFromGlobal());
        assertTrue(scalar.owns());
        List<Long> offsets = new ArrayList<>();
        scalar.forEachOwned((g, off) -> {
            assertEquals(0, g.length);
            offsets.add(off);
        });
        assertEquals(List.of(0L), offsets);
        assertThrows(IllegalArgumentException.class, () -> scalar.localFromGlobal(0));
    }

    @Test
    void emptyLocalBlock() {
        NdMap empty = new NdMap(List.of(new Undistributed(3), new Block(3, 4, 3, 3, 3)));
        assertArrayEquals(new long[] {3, 0}, empty.localShape());
        assertEquals(0, empty.localElementCount());
        assertFalse(empty.holds(0, 2));
        empty.forEachOwned((g, off) -> {
            throw new AssertionError("visited " + Arrays.toString(g));
        });
        assertThrows(IndexOutOfBoundsException.class, () -> empty.localOffset(0, 0));
    }

    @Test
    void forEachOwnedVisitsInCOrderWithMatchingOffsets() {
        NdMap m = new NdMap(List.of(new Cyclic(10, 3, 1), new BlockCyclic(7, 2, 1, 2), new Undistributed(2)));
        assertArrayEquals(new long[] {3, 3, 2}, m.localShape());
        List<long[]> seen = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        m.forEachOwned((g, off) -> {
            seen.add(g.clone());
            offsets.add(off);
            assertEquals(m.localOffset(m.localFromGlobal(g)), off);
        });
        assertEquals(18, seen.size());
        for (int i = 0; i < offsets.size(); i++) {
            assertEquals(i, offsets.get(i), "C order, no padding: offsets 0, 1, 2, ...");
        }
        assertArrayEquals(new long[] {1, 2, 0}, seen.get(0));
        assertArrayEquals(new long[] {1, 2, 1}, seen.get(1));
        assertArrayEquals(new long[] {1, 3, 0}, seen.get(2));
        assertArrayEquals(new long[] {7, 6, 1}, seen.get(17));
    }

    @Test
    void forEachOwnedSkipsCommunicationPadding() {
        // rank 1 of the spec's size-18 padded block: local row 0 mirrors global 8 of rank 0
        NdMap m = new NdMap(List.of(new Block(18, 2, 1, 8, 18, 1, 1, false), new Undistributed(2)));
        assertArrayEquals(new long[] {10, 2}, m.localShape());
        assertEquals(20, m.localElementCount());
        assertEquals(18, m.ownedElementCount());
        List<Long> offsets = new ArrayList<>();
        long[] first = new long[2];
        m.forEachOwned((g, off) -> {
            if (offsets.isEmpty()) {
                System.arraycopy(g, 0, first, 0, 2);
            }
            offsets.add(off);
        });
        assertEquals(18, offsets.size());
        assertEquals(2L, offsets.get(0), "row 0 is communication padding");
        assertEquals(19L, offsets.get(17), "the boundary cell at global 17 is owned");
        assertArrayEquals(new long[] {9, 0}, first);
        assertTrue(m.holds(8, 0));
        assertFalse(m.owns(8, 0));
        assertEquals(0, m.localOffsetOfGlobal(8, 0));
    }

    @Test
    void unstructuredAxisKeepsItsLocalOrder() {
        NdMap m = new NdMap(List.of(new Unstructured(5, 2, 0, new long[] {3, 0}, true), new Cyclic(4, 2, 1)));
        assertArrayEquals(new long[] {0, 0}, m.localFromGlobal(3, 1));
        assertArrayEquals(new long[] {1, 1}, m.localFromGlobal(0, 3));
        assertArrayEquals(new long[] {0, 3}, m.globalFromLocal(1, 1));
        List<String> order = new ArrayList<>();
        m.forEachOwned((g, off) -> order.add(Arrays.toString(g) + "@" + off));
        assertEquals(List.of("[3, 1]@0", "[3, 3]@1", "[0, 1]@2", "[0, 3]@3"), order);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.localFromGlobal(1, 1));
        assertTrue(e.getMessage().contains("2 listed indices"), e.getMessage());
    }

    @Test
    void dimsAreCopied() {
        List<DimDistribution> dims = new ArrayList<>(List.of(new Undistributed(3)));
        NdMap m = new NdMap(dims);
        dims.add(new Undistributed(4));
        assertEquals(1, m.ndim());
        assertThrows(UnsupportedOperationException.class, () -> m.dims().add(new Undistributed(1)));
        assertThrows(IllegalArgumentException.class, () -> new NdMap(null));
    }
}
