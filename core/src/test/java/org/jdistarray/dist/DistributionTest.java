package org.jdistarray.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.Cyclic;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalDimData;
import org.jdistarray.protocol.GlobalLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Distribution construction, index math delegation, compatibility and equality, collective errors. */
class DistributionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Each rank's outcome: "ok" or the exception's class and message. */
    static List<String> outcomes(int n, LocalCluster.RankFunction<Object> body) {
        return LocalCluster.call(n, TIMEOUT, comm -> {
            try {
                body.apply(comm);
                return "ok";
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void fromShapeUsesEveryRankAndDelegatesIndexMath(int n) {
        LocalCluster.run(n, TIMEOUT, comm -> {
            Distribution d = Distribution.fromShape(comm, new long[] {10, 3}, List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED));
            GlobalLayout expected = GlobalLayout.fromShape(new long[] {10, 3},
                    List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED), null, null, n);
            assertEquals(expected, d.layout());
            assertEquals(n, d.layout().rankCount());
            assertArrayEquals(expected.localShapeOf(comm.rank()), d.localShape());
            long owned = 0;
            for (long g = 0; g < 10; g++) {
                int owner = d.ownerOf(g, 1);
                assertEquals(expected.ownerOf(g, 1), owner);
                assertEquals(owner == comm.rank(), d.owns(g, 1));
                if (owner == comm.rank()) {
                    owned++;
                    assertArrayEquals(new long[] {g, 1}, d.globalFromLocal(d.localFromGlobal(g, 1)));
                }
            }
            assertEquals(owned * 3, d.ownedElementCount());
            assertEquals(30, d.globalSize());
            assertThrows(IndexOutOfBoundsException.class, () -> d.ownerOf(10, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> d.ownerOf(-1, 0));
        });
    }

    @Test
    void moreRanksThanElementsGivesEmptyBlocksNotFewerRanks() {
        LocalCluster.run(7, TIMEOUT, comm -> {
            Distribution d = Distribution.fromShape(comm, new long[] {3}, List.of(DistKind.BLOCK));
            assertArrayEquals(new int[] {7}, d.gridShape());
            assertEquals(comm.rank() < 3 ? 1 : 0, d.localShape()[0]);
        });
    }

    @Test
    void builderMakesEveryKindAndChecksItsChoices() {
        LocalCluster.run(4, TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(12, 10).cyclic(0, 3).block(1).grid(2, 2).build();
            assertEquals(new CyclicAxis(12, 2, 3), d.axes().get(0));
            assertEquals(BlockAxis.balanced(10, 2), d.axes().get(1));
            Distribution irregular = Distribution.builder(comm).shape(9).blockBounds(0, 0, 1, 1, 5, 9).build();
            assertEquals(new BlockAxis(0, 1, 1, 5, 9), irregular.axes().get(0));
            Distribution halo = Distribution.builder(comm).shape(20, 6).padding(0, 2, 1).periodic(0).grid(4).build();
            Block b = (Block) halo.dim(0);
            assertTrue(b.periodic());
            assertEquals(comm.rank() == 0 ? 1 : 2, b.padLeft());
            Distribution fixedAndFree = Distribution.builder(comm).shape(8, 8).blockBounds(0, 0, 4, 8).build();
            assertArrayEquals(new int[] {2, 2}, fixedAndFree.gridShape());
            DistributionBuilder bad = Distribution.builder(comm).shape(8).cyclic(0).padding(0, 1, 0);
            assertThrows(DistributionException.class, bad::build);
            assertThrows(DistributionException.class, () -> Distribution.builder(comm).shape(8).grid(2).build());
            assertThrows(DistributionException.class,
                    () -> Distribution.builder(comm).shape(8).blockBounds(0, 0, 4, 8).grid(4).build());
            assertThrows(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(8).block(1));
        });
    }

    @Test
    void globalDimDataFormIsAccepted() {
        LocalCluster.run(2, TIMEOUT, comm -> {
            Distribution d = Distribution.fromGlobalDimData(comm, GlobalDimData.fromJson(
                    "[{\"dist_type\": \"b\", \"bounds\": [0, 20, 42]}, {\"dist_type\": \"n\", \"size\": 3}]"));
            assertArrayEquals(new long[] {comm.rank() == 0 ? 20 : 22, 3}, d.localShape());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void fromLocalDimDataRebuildsTheLayout(int n) {
        LocalCluster.run(n, TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(2L * n + 1, 5).cyclic(0, 2).padding(1, 0, 1)
                    .grid(n, 1).build();
            Distribution back = Distribution.fromLocalDimData(comm, d.dimData());
            assertEquals(d, back);
            assertTrue(back.isCompatible(d));
        });
    }

    @Test
    void inconsistentLocalDimDataFailsOnEveryRank() {
        List<String> out = outcomes(3, comm -> {
            int r = comm.rank();
            // rank 2 claims the wrong start: the blocks do not tile the axis
            DimDistribution mine = new Block(9, 3, r, r == 2 ? 7 : 3L * r, r == 2 ? 9 : 3L * r + 3);
            return Distribution.fromLocalDimData(comm, List.of(mine));
        });
        for (String s : out) {
            assertTrue(s.startsWith("DistributionException"), out.toString());
        }
        List<String> nulls = outcomes(3, comm -> Distribution.fromLocalDimData(comm,
                comm.rank() == 1 ? null : List.of(new Cyclic(9, 3, comm.rank()))));
        assertTrue(nulls.get(1).startsWith("IllegalArgumentException: dim data is null"), nulls.toString());
        assertTrue(nulls.get(0).startsWith("IllegalArgumentException: rank 1 failed"), nulls.toString());
        assertTrue(nulls.get(2).startsWith("IllegalArgumentException: rank 1 failed"), nulls.toString());
    }

    @Test
    void compatibilityAndEquality() {
        LocalCluster.run(2, TIMEOUT, comm -> {
            Distribution a = Distribution.fromShape(comm, new long[] {10}, List.of(DistKind.BLOCK));
            Distribution b = Distribution.fromShape(comm, new long[] {10}, List.of(DistKind.BLOCK));
            Distribution c = Distribution.fromShape(comm, new long[] {10}, List.of(DistKind.CYCLIC));
            Distribution e = Distribution.fromShape(comm, new long[] {9}, List.of(DistKind.BLOCK));
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertTrue(a.isCompatible(b));
            assertFalse(a.isCompatible(c));
            assertFalse(a.isCompatible(e));
            assertNotEquals(a, c);
            try (Communicator dup = comm.dup()) {
                Distribution moved = a.withCommunicator(dup);
                assertNotEquals(a, moved, "equality needs the same communicator");
                assertTrue(a.isCompatible(moved), "compatibility needs the same layout and rank");
            }
            // one process per axis: block, cyclic and undistributed are all the identity map
            Distribution one = Distribution.builder(comm).shape(2, 6).grid(2, 1).build();
            Distribution other = Distribution.builder(comm).shape(2, 6).cyclic(1).grid(2, 1).build();
            assertTrue(one.isCompatible(other));
        });
    }
}
