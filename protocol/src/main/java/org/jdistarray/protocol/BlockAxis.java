package org.jdistarray.protocol;

import java.util.Arrays;

/**
 * A block axis with (possibly irregular) owned ranges given by {@code bounds = [0, b1, ..., size]}: grid rank
 * {@code r} owns {@code [bounds[r], bounds[r+1])}. Optional padding as in DistArray's global dim data: one
 * communication-padding width between every pair of neighbours and one boundary-padding width at both ends
 * of the axis; boundary padding cells are part of the global index space (counted in {@code size}), so
 * rank 0's buffer starts at 0 and the last rank's ends at {@code size}.
 */
public final class BlockAxis implements AxisDistribution {
    private final long[] bounds;
    private final long commPadding;
    private final long boundaryPadding;
    private final boolean periodic;

    /**
     * @param bounds owned-range boundaries, non-decreasing, starting at 0; the last entry is the size
     * @param commPadding ghost width on each side of every interior boundary (ignored, stored as 0, with one
     *     process: there is no neighbour)
     * @param boundaryPadding padding width at the two physical ends (part of the owned range of the edge ranks)
     * @param periodic whether the axis wraps (the edge ranks then also exchange ghosts with each other)
     */
    public BlockAxis(long[] bounds, long commPadding, long boundaryPadding, boolean periodic) {
        if (bounds.length < 2) {
            throw new DistributionException("block bounds " + Arrays.toString(bounds)
                    + ": need at least [0, size] (one process)");
        }
        if (bounds[0] != 0) {
            throw new DistributionException("block bounds " + Arrays.toString(bounds) + ": must start at 0");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] < bounds[i - 1]) {
                throw new DistributionException("block bounds " + Arrays.toString(bounds)
                        + ": must be non-decreasing (bounds[" + i + "] < bounds[" + (i - 1) + "])");
            }
        }
        if (commPadding < 0 || boundaryPadding < 0) {
            throw new DistributionException("block padding must be >= 0, got comm " + commPadding
                    + ", boundary " + boundaryPadding);
        }
        if (bounds.length - 1 > Integer.MAX_VALUE) {
            throw new DistributionException("too many processes on one axis");
        }
        this.bounds = bounds.clone();
        // with one process there is no neighbour to mirror: the width would not show in any dim dict
        this.commPadding = bounds.length == 2 ? 0 : commPadding;
        this.boundaryPadding = boundaryPadding;
        this.periodic = periodic;
        int p = gridSize();
        for (int r = 0; r < p; r++) {
            long owned = bounds[r + 1] - bounds[r];
            if (commPadding > 0 && p > 1) {
                boolean hasLeftNeighbour = r > 0 || periodic;
                boolean hasRightNeighbour = r < p - 1 || periodic;
                if ((hasLeftNeighbour || hasRightNeighbour) && owned < commPadding) {
                    throw new DistributionException("block: rank " + r + " owns " + owned
                            + " indices, fewer than the communication padding " + commPadding
                            + " its neighbours need");
                }
            }
        }
        if (p == 1 && boundaryPadding > 0 && 2 * boundaryPadding > size()) {
            throw new DistributionException("block: boundary padding " + boundaryPadding + " at both ends of a"
                    + " one-process axis does not fit its " + size() + " elements");
        }
        if (p > 1 && boundaryPadding > 0 && (bounds[1] < boundaryPadding || size() - bounds[p - 1] < boundaryPadding)) {
            throw new DistributionException("block: boundary padding " + boundaryPadding
                    + " is wider than an edge rank's block " + Arrays.toString(bounds));
        }
    }

    /** An unpadded, non-periodic block axis with the given bounds. */
    public BlockAxis(long... bounds) {
        this(bounds, 0, 0, false);
    }

    /** The default partition: {@code size} split over {@code gridSize} ranks by {@link Partitions#balanced}. */
    public static BlockAxis balanced(long size, int gridSize) {
        return new BlockAxis(Partitions.balanced(size, gridSize));
    }

    public long[] bounds() {
        return bounds.clone();
    }

    public long commPadding() {
        return commPadding;
    }

    public long boundaryPadding() {
        return boundaryPadding;
    }

    public boolean periodic() {
        return periodic;
    }

    @Override
    public long size() {
        return bounds[bounds.length - 1];
    }

    @Override
    public int gridSize() {
        return bounds.length - 1;
    }

    @Override
    public Block dimFor(int gridRank) {
        int p = gridSize();
        Checks.common(size(), p, gridRank);
        long padL = gridRank == 0 ? boundaryPadding : commPadding;
        long padR = gridRank == p - 1 ? boundaryPadding : commPadding;
        // boundary padding lies inside the owned range of the edge ranks; communication padding extends it
        long start = gridRank == 0 ? 0 : bounds[gridRank] - commPadding;
        long stop = gridRank == p - 1 ? size() : bounds[gridRank + 1] + commPadding;
        if (p == 1) {
            padL = boundaryPadding;
            padR = boundaryPadding;
        }
        return new Block(size(), p, gridRank, start, stop, padL, padR, periodic);
    }

    @Override
    public int ownerOf(long global) {
        AxisDistribution.checkGlobal(global, size());
        // the last r with bounds[r] <= global (empty blocks are skipped: their range is empty)
        int lo = 0;
        int hi = gridSize() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= global) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public DistKind kind() {
        return DistKind.BLOCK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockAxis b && Arrays.equals(b.bounds, bounds) && b.commPadding == commPadding
                && b.boundaryPadding == boundaryPadding && b.periodic == periodic;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds) * 31 + Long.hashCode(commPadding * 7 + boundaryPadding) + (periodic ? 1 : 0);
    }

    @Override
    public String toString() {
        return "BlockAxis[bounds=" + Arrays.toString(bounds)
                + (commPadding != 0 || boundaryPadding != 0 ? ", commPadding=" + commPadding + ", boundaryPadding=" + boundaryPadding : "")
                + (periodic ? ", periodic" : "") + "]";
    }
}
