package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.BufferSpec;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.NdMap;
import org.jdistarray.protocol.ProtocolExport;
import org.jdistarray.protocol.Undistributed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Misuse at creation and import ends in a clear exception on every rank (issue 11 points 4 and 5): each test runs
 * the same assertion on every rank, so a rank that did not throw fails it (or the collective it skipped fails).
 */
public abstract class CreationChecksContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p), () -> "'" + e.getMessage()
                    + "' should contain '" + p + "'");
        }
    }

    /** Rank {@code rank}'s export of a float64 array of {@code layout} (zeros). */
    private static ProtocolExport exportOf(GlobalLayout layout, int rank, DType dtype) {
        List<DimDistribution> dims = layout.dimDataFor(rank);
        NdMap m = new NdMap(dims);
        ByteBuffer b = DirectBuffers.bytes((int) m.localElementCount() * dtype.itemSize());
        return new ProtocolExport(new ArrayDescriptor(new BufferSpec(dtype, m.localShape()), dims), b);
    }

    @Test
    void periodicWithoutBoundaryPaddingIsRefused() throws Exception {
        onRanks(comm -> {
            assertMessage(DistributionException.class, () -> Distribution.builder(comm).shape(8).periodic(0).build(),
                    "axis 0 is periodic but has no boundary padding");
            assertMessage(DistributionException.class,
                    () -> Distribution.builder(comm).shape(8).padding(0, 1, 0).periodic(0).build(),
                    "nothing would wrap");
        });
    }

    @Test
    void nullArgumentsAreNamed() throws Exception {
        onRanks(comm -> {
            assertMessage(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(4).unstructured(0, null),
                    "unstructured(0): the indices per grid rank are null");
            assertMessage(IllegalArgumentException.class,
                    () -> Distribution.builder(comm).shape(4).unstructured(0, new long[][] {null}),
                    "the indices of grid rank 0 are null");
            assertMessage(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(4).blockBounds(0, null),
                    "blockBounds(0): the bounds are null");
            assertMessage(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(4).grid(null),
                    "grid shape is null");
            assertMessage(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(4).blockBounds(0),
                    "blockBounds(0): need at least two bounds");
            assertMessage(DistributionException.class, () -> Distribution.builder(comm).shape(4).cyclic(0, 0).build(),
                    "block_size must be >= 1");
            Distribution four = Distribution.builder(comm).shape(4).build();
            assertMessage(IllegalArgumentException.class, () -> DistArrays.fromFunction(four, DType.FLOAT64, null),
                    "fromFunction: the function is null");
            assertMessage(IllegalArgumentException.class, () -> DistArrays.fromBuffer(four, null, null, 0),
                    "distribution and dtype are required");
            assertMessage(IllegalArgumentException.class, () -> DistArray.fromProtocol(null, null),
                    "the communicator is null");
            try (DistArray a = DistArrays.zeros(Distribution.builder(comm).shape(4).build(), DType.FLOAT64)) {
                assertMessage(IllegalArgumentException.class, () -> a.astype(null), "astype: the target dtype is null");
            }
        });
    }

    @Test
    void overflowingShapeIsNamed() throws Exception {
        onRanks(comm -> {
            assertMessage(DistributionException.class,
                    () -> Distribution.builder(comm).shape(1L << 40, 1L << 40).build(),
                    "shape [1099511627776, 1099511627776] has too many elements", "product of axes 0..1");
            assertMessage(DistributionException.class, () -> Distribution.fromShape(comm, new long[] {3, 1L << 62, 4},
                    List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED, DistKind.UNDISTRIBUTED)), "product of axes 0..1");
        });
    }

    @Test
    void gridOfOneProcessForADistributedAxisIsRefused() throws Exception {
        onRanks(comm -> {
            if (comm.size() > 1) {
                assertMessage(DistributionException.class, () -> Distribution.builder(comm).shape(5).grid(1).build(),
                        "grid [1] has 1 process but the communicator has " + comm.size());
                assertMessage(DistributionException.class,
                        () -> Distribution.builder(comm).shape(5).cyclic(0).onRank(0).build(), "onRank(0)", "CYCLIC");
            }
            assertMessage(IllegalArgumentException.class, () -> Distribution.builder(comm).onRank(comm.size()),
                    "onRank(" + comm.size() + "): rank out of range");
        });
    }

    @Test
    void anExportOfAnotherNumberOfRanksIsNamed() throws Exception {
        onRanks(comm -> {
            int other = comm.size() + 1;
            GlobalLayout l = GlobalLayout.fromShape(new long[] {3 * other}, List.of(DistKind.BLOCK), null, null, other);
            ProtocolExport e = exportOf(l, comm.rank(), DType.FLOAT64);
            assertMessage(DistributionException.class, () -> DistArray.fromProtocol(comm, e),
                    "the dim data describe a process grid [" + other + "] of " + other
                            + " ranks but the communicator has " + comm.size());
        });
    }

    @Test
    void exportsOfDifferentDtypesAreRefused() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            GlobalLayout l = GlobalLayout.fromShape(new long[] {10}, List.of(DistKind.BLOCK), null, null, comm.size());
            DType mine = comm.rank() == 1 ? DType.INT32 : DType.FLOAT64;
            String others = comm.size() == 2 ? "rank 0 <f8" : "ranks 0, 2";
            assertMessage(DistributionException.class, () -> DistArray.fromProtocol(comm, exportOf(l, comm.rank(), mine)),
                    "the ranks' exports disagree on the dtype", others, "rank 1 <i4");
        });
    }

    @Test
    void exportsOfDifferentGlobalShapesAreRefused() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            int last = comm.size() - 1;
            long n = comm.rank() == last ? 11 : 10;
            GlobalLayout l = GlobalLayout.fromShape(new long[] {n, 2}, List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED),
                    null, null, comm.size());
            assertMessage(DistributionException.class,
                    () -> DistArray.fromProtocol(comm, exportOf(l, comm.rank(), DType.FLOAT64)),
                    "disagree on the global shape", "rank " + last + " [11, 2]", "[10, 2]");
            // replicated exports: every rank must give the same
            List<DimDistribution> dims = List.of(new Undistributed(comm.rank() == last ? 4 : 3));
            assertMessage(DistributionException.class, () -> Distribution.fromLocalDimData(comm, dims),
                    "rank " + last + " [4]");
            // different numbers of dimensions
            List<DimDistribution> nd = comm.rank() == 0 ? List.of(new Undistributed(3), new Undistributed(2))
                    : List.of(new Undistributed(3));
            assertMessage(DistributionException.class, () -> Distribution.fromLocalDimData(comm, nd),
                    "has 1 dimensions, rank 0 has 2");
        });
    }

    @Test
    void solverNumberingRefusesArraysNotSpreadOverTheRanks() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            assertMessage(IllegalArgumentException.class, () -> org.jdistarray.dist.numbering.GlobalNumbering.of(
                    Distribution.builder(comm).shape(4).undistributed(0).build()), "every rank holds the whole array");
            assertMessage(IllegalArgumentException.class, () -> org.jdistarray.dist.numbering.GlobalNumbering.of(
                    Distribution.builder(comm).shape().onRank(1).build()), "a 0-d array on one rank");
            // an N-d array on one rank is an ordinary partition: numbered, rank 1 owns everything
            org.jdistarray.dist.numbering.GlobalNumbering n = org.jdistarray.dist.numbering.GlobalNumbering.of(
                    Distribution.builder(comm).shape(3, 2).onRank(1).build());
            assertTrue(n.distribution().ownerOf(2, 1) == 1);
        });
    }
}
