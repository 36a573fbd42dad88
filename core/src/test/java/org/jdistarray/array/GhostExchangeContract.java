package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistributionException;
import org.junit.jupiter.api.Test;

/**
 * Ghost exchange against the serial oracle: the cells of every block are filled from the reference, the ghost cells
 * (communication padding, and the boundary padding of periodic axes) are wiped, and after {@code exchangeGhosts()}
 * every cell must hold the reference value of the element it mirrors (the periodic image at the wrapped ends).
 * 1-D, 2-D and 3-D, periodic and not, several padding widths, corners included.
 */
public abstract class GhostExchangeContract {
    private static final double WIPED = -999;

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private static Distribution padded(Communicator comm, int ndim, long comm1, long boundary, boolean[] periodic) {
        long n = 4L * comm.size() + 6;
        long[] shape = new long[ndim];
        Arrays.fill(shape, n);
        DistributionBuilder b = Distribution.builder(comm).shape(shape);
        for (int a = 0; a < ndim; a++) {
            b.padding(a, comm1, boundary);
            if (periodic[a]) {
                b.periodic(a);
            }
        }
        return b.build();
    }

    /** The global index whose value cell {@code g} must hold after the exchange: its periodic image, or itself. */
    static long[] image(Distribution d, long[] g) {
        long[] out = g.clone();
        for (int a = 0; a < g.length; a++) {
            if (d.axes().get(a) instanceof BlockAxis ax && ax.periodic()) {
                long n = ax.size();
                long bL = ax.dimFor(0).padLeft();
                long bR = ax.dimFor(ax.gridSize() - 1).padRight();
                long m = n - bL - bR;
                if (g[a] < bL) {
                    out[a] = g[a] + m;
                } else if (g[a] >= n - bR) {
                    out[a] = g[a] - m;
                }
            }
        }
        return out;
    }

    /** Whether cell {@code g} of this block is a ghost the exchange must fill. */
    static boolean isGhost(Distribution d, long[] g) {
        if (!d.owns(g)) {
            return true;
        }
        return !Arrays.equals(image(d, g), g);
    }

    static void checkExchange(DistArray a) {
        Distribution d = a.distribution();
        long[] shape = d.shape();
        LocalBlock b = a.local();
        LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, flat, off) -> {
            if (isGhost(d, g)) {
                b.setDouble(off, WIPED);
            }
        });
        a.exchangeGhosts();
        LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, flat, off) -> {
            long[] src = image(d, g);
            assertEquals(Cases.valueAs(Cases.flat(shape, src), a.dtype()), b.getDouble(off),
                    () -> "cell " + Arrays.toString(g) + " (image " + Arrays.toString(src) + ") of " + d);
        });
        a.exchangeGhosts(); // a second exchange reuses the plan and changes nothing
        LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, flat, off) ->
                assertEquals(Cases.valueAs(Cases.flat(shape, image(d, g)), a.dtype()), b.getDouble(off)));
    }

    private static DistArray filled(Distribution d, DType t) {
        long[] shape = d.shape();
        return DistArrays.fromFunction(d, t, g -> Cases.value(Cases.flat(shape, g)));
    }

    @Test
    void oneDimensionalWithSeveralWidthsPeriodicOrNot() throws Exception {
        onRanks(comm -> {
            long[][] widths = {{1, 0}, {1, 1}, {2, 2}, {2, 1}, {1, 2}, {0, 2}};
            for (long[] w : widths) {
                for (boolean p : new boolean[] {false, true}) {
                    if (p && w[1] == 0) { // periodic images need boundary padding: refused, not a quiet no-op
                        org.jdistarray.protocol.DistributionException e = org.junit.jupiter.api.Assertions.assertThrows(
                                org.jdistarray.protocol.DistributionException.class,
                                () -> padded(comm, 1, w[0], w[1], new boolean[] {true}));
                        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("periodic but has no"
                                + " boundary padding"), e.getMessage());
                        continue;
                    }
                    Distribution d = padded(comm, 1, w[0], w[1], new boolean[] {p});
                    for (DType t : List.of(DType.FLOAT64, DType.INT32, DType.UINT8)) {
                        try (DistArray a = filled(d, t)) {
                            checkExchange(a);
                        }
                    }
                }
            }
        });
    }

    @Test
    void twoDimensionalCornersArriveThroughBothAxes() throws Exception {
        onRanks(comm -> {
            boolean[][] periodic = {{false, false}, {true, false}, {false, true}, {true, true}};
            for (boolean[] p : periodic) {
                for (long[] w : new long[][] {{1, 1}, {2, 2}}) {
                    try (DistArray a = filled(padded(comm, 2, w[0], w[1], p), DType.FLOAT64)) {
                        checkExchange(a);
                    }
                }
            }
        });
    }

    @Test
    void threeDimensional() throws Exception {
        onRanks(comm -> {
            for (boolean p : new boolean[] {false, true}) {
                try (DistArray a = filled(padded(comm, 3, 1, 1, new boolean[] {p, !p, p}), DType.FLOAT32)) {
                    checkExchange(a);
                }
            }
            try (DistArray a = filled(padded(comm, 3, 2, 2, new boolean[] {true, true, true}), DType.INT64)) {
                checkExchange(a);
            }
        });
    }

    @Test
    void explicitGridAndMixedKindsExchangeOnlyTheBlockAxes() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            Distribution d = Distribution.builder(comm).shape(4L * p + 6, 7).padding(0, 2, 1).periodic(0)
                    .cyclic(1).grid(p, 1).build();
            try (DistArray a = filled(d, DType.FLOAT64)) {
                checkExchange(a);
            }
            Distribution e = Distribution.builder(comm).shape(5, 4L * p + 6).undistributed(0).padding(1, 1, 1)
                    .periodic(1).build();
            try (DistArray a = filled(e, DType.FLOAT64)) {
                checkExchange(a);
            }
        });
    }

    @Test
    void multiChunkBlocksExchangeLikeSingleBuffers() throws Exception {
        onRanks(comm -> {
            Distribution d = padded(comm, 2, 1, 1, new boolean[] {true, false});
            try (DistArray a = DistArrays.allocate(d, DType.FLOAT64, false, 6)) {
                assertTrue(a.local().chunkCount() > 1);
                long[] shape = d.shape();
                LocalBlock b = a.local();
                LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, f, off) -> b.setDouble(off, Cases.value(f)));
                checkExchange(a);
            }
        });
    }

    @Test
    void blocksTooSmallForThePeriodicPaddingFailOnEveryRank() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            // the last rank owns 3 cells, 2 of them boundary padding: one interior cell cannot fill rank 0's 2 images
            // (one rank: 5 cells, 2 + 2 of them padding)
            long[] bounds = new long[p + 1];
            for (int r = 0; r < p; r++) {
                bounds[r + 1] = bounds[r] + (p == 1 ? 5 : r == p - 1 ? 3 : 6);
            }
            Distribution d = Distribution.builder(comm).shape(bounds[p]).blockBounds(0, bounds).padding(0, 1, 2)
                    .periodic(0).build();
            try (DistArray a = DistArrays.zeros(d, DType.FLOAT64)) {
                DistributionException e = assertThrows(DistributionException.class, a::exchangeGhosts);
                assertTrue(e.getMessage().contains("ghost exchange on axis 0"), e.getMessage());
            }
            comm.barrier();
        });
    }

    @Test
    void ownedRangesSkipCommunicationPaddingOnly() throws Exception {
        onRanks(comm -> {
            Distribution d = padded(comm, 1, 2, 1, new boolean[] {false});
            Block b = (Block) d.dim(0);
            long[] r = d.ownedLocalRange(0);
            assertEquals(b.commPadLeft(), r[0]);
            assertEquals(b.localSize() - b.commPadRight(), r[1]);
            for (DimDistribution dim : d.dimData()) {
                assertEquals(dim.ownedCount(), r[1] - r[0]);
            }
        });
    }
}
