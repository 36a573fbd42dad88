package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The 1-D maps against the worked examples of protocol.md §5-6 and distarray-0.5.md §3-4. */
class DimDistributionTest {

    // ---- block ----

    @Test
    void blockMapsBothWaysAndRejectsEverythingOutside() {
        Block b = new Block(10, 2, 1, 5, 10);
        assertEquals(5, b.localSize());
        assertEquals(2, b.localFromGlobal(7));
        assertEquals(7, b.globalFromLocal(2));
        assertFalse(b.holds(4));
        assertFalse(b.holds(10));
        for (long g : new long[] {-1, 4, 10, 11}) {
            assertThrows(IndexOutOfBoundsException.class, () -> b.localFromGlobal(g), "global " + g);
        }
        // DistArray 0.5 maps local -1 to start - 1 = 4; we reject it
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> b.globalFromLocal(-1));
        assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("[0, 5)"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> b.globalFromLocal(5));
    }

    @Test
    void emptyBlockHoldsNothing() {
        Block b = new Block(10, 4, 3, 10, 10);
        assertEquals(0, b.localSize());
        assertEquals(0, b.ownedCount());
        assertEquals(0, b.ownedGlobalIndices().count());
        assertFalse(b.holds(9));
        assertThrows(IndexOutOfBoundsException.class, () -> b.globalFromLocal(0));
        assertThrows(IndexOutOfBoundsException.class, () -> b.localFromGlobal(10));
    }

    @Test
    void blockConstructorRejectsBadRanges() {
        assertThrows(DistributionException.class, () -> new Block(10, 2, 0, -1, 5));
        assertThrows(DistributionException.class, () -> new Block(10, 2, 0, 6, 5));
        assertThrows(DistributionException.class, () -> new Block(10, 2, 0, 0, 11));
        assertThrows(DistributionException.class, () -> new Block(10, 2, 0, 0, 5, -1, 0, false));
        assertThrows(DistributionException.class, () -> new Block(10, 2, 0, 0, 5, 3, 3, false));
        assertThrows(DistributionException.class, () -> new Block(-1, 1, 0, 0, 0));
        assertThrows(DistributionException.class, () -> new Block(10, 0, 0, 0, 10));
        assertThrows(DistributionException.class, () -> new Block(10, 2, 2, 0, 5));
        assertThrows(DistributionException.class, () -> new Block(10, 2, -1, 0, 5));
    }

    // ---- padding (protocol.md §6) ----

    @Test
    void specPaddedBlockExampleSize18() {
        Block r0 = new Block(18, 2, 0, 0, 10, 1, 1, false);
        Block r1 = new Block(18, 2, 1, 8, 18, 1, 1, false);
        assertEquals(10, r0.localSize());
        assertEquals(10, r1.localSize());
        assertArrayEquals(range(0, 9), r0.ownedGlobalIndices().toArray()); // B at global 0 counts
        assertArrayEquals(range(9, 18), r1.ownedGlobalIndices().toArray()); // B at global 17 counts
        assertEquals(18, r0.ownedCount() + r1.ownedCount());
        // rank 0's comm cell at l = 9 mirrors global 9 of rank 1
        assertTrue(r0.holds(9));
        assertFalse(r0.owns(9));
        assertEquals(9, r0.localFromGlobal(9));
        assertEquals(9, r0.globalFromLocal(9));
        // rank 1's comm cell at l = 0 mirrors global 8 of rank 0; l -> l + 8
        assertTrue(r1.holds(8));
        assertFalse(r1.owns(8));
        assertEquals(0, r1.localFromGlobal(8));
        assertEquals(17, r1.globalFromLocal(9));
        assertTrue(r0.owns(0) && r1.owns(17));
        assertEquals(new BlockAxis(new long[] {0, 9, 18}, 1, 1, false), AxisDistribution.fromDims(List.of(r0, r1)));
    }

    /** Padding tuples (4,1), (1,2), (2,3), (3,0) with owned ranges [0,8), [8,12), [12,16), [16,20). */
    @Test
    void specPaddingTupleExample() {
        List<Block> blocks = List.of(
                new Block(20, 4, 0, 0, 9, 4, 1, false),
                new Block(20, 4, 1, 7, 14, 1, 2, false),
                new Block(20, 4, 2, 10, 19, 2, 3, false),
                new Block(20, 4, 3, 13, 20, 3, 0, false));
        long[] owned = {8, 4, 4, 4};
        long total = 0;
        boolean[] seen = new boolean[20];
        for (int r = 0; r < 4; r++) {
            Block b = blocks.get(r);
            assertEquals(owned[r], b.ownedCount(), "rank " + r);
            total += b.ownedCount();
            b.ownedGlobalIndices().forEach(g -> {
                assertFalse(seen[(int) g], "global " + g + " owned twice");
                seen[(int) g] = true;
            });
        }
        assertEquals(20, total);
        // boundary padding of rank 0 is owned, communication padding is not
        assertTrue(blocks.get(0).owns(0));
        assertFalse(blocks.get(1).owns(7));
        assertFalse(blocks.get(2).owns(18));
        assertTrue(blocks.get(3).owns(19));
        // a BlockAxis has one boundary width and one communication width: this padding cannot be rebuilt as one
        DistributionException e = assertThrows(DistributionException.class, () -> AxisDistribution.fromDims(blocks));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void distArrayClientPaddingEmission() {
        // bounds [0,2,5], boundary 1, comm 2 -> rank 0 padding [1,2], rank 1 [2,1] (verified in DistArray 0.5)
        BlockAxis axis = new BlockAxis(new long[] {0, 2, 5}, 2, 1, false);
        Block r0 = axis.dimFor(0);
        Block r1 = axis.dimFor(1);
        assertEquals(List.of(1L, 2L), List.of(r0.padLeft(), r0.padRight()));
        assertEquals(List.of(2L, 1L), List.of(r1.padLeft(), r1.padRight()));
        assertEquals(5, r0.ownedCount() + r1.ownedCount());
    }

    @Test
    void onePeriodicProcessWithPadding() {
        BlockAxis axis = new BlockAxis(new long[] {0, 10}, 3, 2, true);
        assertEquals(0, axis.commPadding(), "no neighbour, so no communication padding");
        Block b = axis.dimFor(0);
        assertEquals(new Block(10, 1, 0, 0, 10, 2, 2, true), b);
        assertEquals(10, b.ownedCount());
        assertEquals(axis, AxisDistribution.fromDims(List.of(b)));
        assertThrows(DistributionException.class, () -> new BlockAxis(new long[] {0, 3}, 0, 2, false));
    }

    // ---- undistributed ----

    @Test
    void undistributedIsTheIdentity() {
        Undistributed n = new Undistributed(20);
        for (long i = 0; i < 20; i++) {
            assertEquals(i, n.localFromGlobal(i));
            assertEquals(i, n.globalFromLocal(i));
        }
        for (long bad : new long[] {-1, 20}) {
            assertThrows(IndexOutOfBoundsException.class, () -> n.localFromGlobal(bad));
            assertThrows(IndexOutOfBoundsException.class, () -> n.globalFromLocal(bad));
        }
        assertEquals(new Block(20, 1, 0, 0, 20), n.asBlock());
    }

    // ---- cyclic ----

    @Test
    void cyclicSize10Over3Rank1() {
        Cyclic c = new Cyclic(10, 3, 1);
        assertEquals(3, c.localSize());
        assertArrayEquals(new long[] {1, 4, 7}, c.ownedGlobalIndices().toArray());
        assertEquals(1, c.localFromGlobal(4));
        assertEquals(7, c.globalFromLocal(2));
        // DistArray 0.5 maps g 10 to l 3; -2 is congruent to 1 mod 3 but negative
        for (long g : new long[] {10, 13, -2, 5}) {
            assertFalse(c.holds(g), "global " + g);
            assertThrows(IndexOutOfBoundsException.class, () -> c.localFromGlobal(g), "global " + g);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> c.globalFromLocal(3));
        assertThrows(IndexOutOfBoundsException.class, () -> c.globalFromLocal(-1));
    }

    @Test
    void cyclicWithMoreRanksThanElements() {
        assertEquals(0, new Cyclic(2, 4, 3).localSize());
        assertEquals(0, new Cyclic(2, 4, 2).localSize());
        assertEquals(1, new Cyclic(2, 4, 1).localSize());
        assertEquals(0, new Cyclic(0, 3, 0).localSize());
    }

    @ParameterizedTest(name = "size {0}, P {1} -> {2}")
    @MethodSource
    void cyclicLocalSizes(long size, int p, long[] expected) {
        long[] actual = new long[p];
        for (int r = 0; r < p; r++) {
            actual[r] = new Cyclic(size, p, r).localSize();
        }
        assertArrayEquals(expected, actual);
    }

    static Stream<Arguments> cyclicLocalSizes() {
        return Stream.of(
                Arguments.of(42L, 2, new long[] {21, 21}),    // DistArray: c size 42 pgs 2
                Arguments.of(10L, 4, new long[] {3, 3, 2, 2}), // DistArray: (10,) cyclic on 4
                Arguments.of(10L, 3, new long[] {4, 3, 3}),
                Arguments.of(1L, 3, new long[] {1, 0, 0}),
                Arguments.of(0L, 2, new long[] {0, 0}));
    }

    // ---- block-cyclic ----

    /** The defect table of protocol.md §5: round-robin owners, which the reference implementations get wrong. */
    @ParameterizedTest(name = "size {0}, block {1}, P {2}")
    @MethodSource
    void blockCyclicRoundRobinOwners(long size, long b, int p, long[][] owned) {
        for (int r = 0; r < p; r++) {
            BlockCyclic d = new BlockCyclic(size, p, r, b);
            assertEquals(owned[r].length, d.localSize(), "local size of rank " + r);
            assertArrayEquals(owned[r], d.ownedGlobalIndices().toArray(), "owned by rank " + r);
            for (int l = 0; l < owned[r].length; l++) {
                assertEquals(owned[r][l], d.globalFromLocal(l));
                assertEquals(l, d.localFromGlobal(owned[r][l]));
            }
            assertEquals(r * b, d.start());
        }
    }

    static Stream<Arguments> blockCyclicRoundRobinOwners() {
        return Stream.of(
                Arguments.of(7L, 2L, 2, new long[][] {{0, 1, 4, 5}, {2, 3, 6}}),
                Arguments.of(9L, 5L, 4, new long[][] {{0, 1, 2, 3, 4}, {5, 6, 7, 8}, {}, {}}),
                Arguments.of(11L, 2L, 3, new long[][] {{0, 1, 6, 7}, {2, 3, 8, 9}, {4, 5, 10}}),
                // part == 0 and nfull % P == 0: where the reference implementations agree
                Arguments.of(8L, 2L, 2, new long[][] {{0, 1, 4, 5}, {2, 3, 6, 7}}),
                Arguments.of(9L, 2L, 2, new long[][] {{0, 1, 4, 5, 8}, {2, 3, 6, 7}}));
    }

    @Test
    void blockCyclicDoesNotOwnPastTheEndOrNegative() {
        BlockCyclic r0 = new BlockCyclic(7, 2, 0, 2);
        BlockCyclic r1 = new BlockCyclic(7, 2, 1, 2);
        assertFalse(r0.holds(8), "DistArray 0.5 lets rank 0 'own' global 8");
        assertFalse(r0.holds(7));
        assertFalse(r1.holds(-2), "block -1 would be dealt to rank 1");
        assertThrows(IndexOutOfBoundsException.class, () -> r1.localFromGlobal(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> r1.globalFromLocal(3));
        assertThrows(IndexOutOfBoundsException.class, () -> r1.globalFromLocal(-1));
        assertThrows(DistributionException.class, () -> new BlockCyclic(7, 2, 0, 0));
    }

    @Test
    void blockCyclicWithBlockCeilSizeOverPIsABlockDistribution() {
        long[] bounds = Partitions.ceilChunks(10, 4); // [0, 3, 6, 9, 10]
        for (int r = 0; r < 4; r++) {
            BlockCyclic d = new BlockCyclic(10, 4, r, 3);
            assertArrayEquals(range(bounds[r], bounds[r + 1]), d.ownedGlobalIndices().toArray(), "rank " + r);
        }
    }

    // ---- unstructured ----

    @Test
    void unstructuredFollowsTheIndicesOrder() {
        Unstructured u = new Unstructured(10, 2, 1, new long[] {5, 2, 8}, false);
        assertEquals(3, u.localSize());
        assertEquals(1, u.localFromGlobal(2));
        assertEquals(8, u.globalFromLocal(2));
        assertFalse(u.holds(3));
        assertThrows(IndexOutOfBoundsException.class, () -> u.localFromGlobal(3));
        assertThrows(IndexOutOfBoundsException.class, () -> u.globalFromLocal(3));
        assertThrows(IndexOutOfBoundsException.class, () -> u.globalFromLocal(-1));
        DistributionException e = assertThrows(DistributionException.class,
                () -> new Unstructured(10, 2, 0, new long[] {1, 4, 1}, false));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertEquals(0, new Unstructured(10, 2, 0, new long[0], true).localSize());
    }

    // ---- partitions and the DistArray-verified block shapes ----

    @ParameterizedTest(name = "bounds {0}")
    @MethodSource
    void verifiedBlockLocalShapes(long[] bounds, long[] expected) {
        BlockAxis axis = new BlockAxis(bounds);
        long[] actual = new long[axis.gridSize()];
        for (int r = 0; r < actual.length; r++) {
            actual[r] = axis.dimFor(r).localSize();
        }
        assertArrayEquals(expected, actual);
    }

    static Stream<Arguments> verifiedBlockLocalShapes() {
        return Stream.of(
                Arguments.of(new long[] {0, 20, 42}, new long[] {20, 22}),
                Arguments.of(new long[] {0, 2, 3, 4, 10}, new long[] {2, 1, 1, 6}),
                Arguments.of(new long[] {0, 3, 12, 21, 30}, new long[] {3, 9, 9, 9}),
                Arguments.of(new long[] {0, 2, 6, 7, 9}, new long[] {2, 4, 1, 2}),
                Arguments.of(new long[] {0, 42}, new long[] {42}));
    }

    @Test
    void partitions() {
        assertArrayEquals(new long[] {0, 3, 6, 8, 10}, Partitions.balanced(10, 4));
        assertArrayEquals(new long[] {0, 3, 6, 9, 10}, Partitions.ceilChunks(10, 4));
        assertArrayEquals(new long[] {0, 2, 4, 6, 7}, Partitions.balanced(7, 4));
        assertArrayEquals(new long[] {0, 2, 4, 6, 7}, Partitions.ceilChunks(7, 4));
        assertArrayEquals(new long[] {0, 1, 2, 3, 3, 3}, Partitions.balanced(3, 5));
        assertArrayEquals(new long[] {0, 0, 0, 0}, Partitions.balanced(0, 3));
        assertArrayEquals(new long[] {0, 2, 4, 5, 5}, Partitions.ceilChunks(5, 4)); // DistArray: 4th rank empty
        assertThrows(DistributionException.class, () -> Partitions.balanced(-1, 2));
        assertThrows(DistributionException.class, () -> Partitions.balanced(5, 0));
    }

    @ParameterizedTest
    @EnumSource(DistKind.class)
    void distKindCodesRoundTrip(DistKind kind) {
        assertEquals(kind, DistKind.fromCode(kind.code()));
    }

    @Test
    void unknownDistKindCode() {
        DistributionException e = assertThrows(DistributionException.class, () -> DistKind.fromCode('q'));
        assertTrue(e.getMessage().contains("'q'"), e.getMessage());
    }

    static long[] range(long from, long to) {
        long[] a = new long[(int) (to - from)];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }
}
