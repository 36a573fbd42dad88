package org.jdistarray.protocol;

import java.util.List;
import java.util.Objects;

/** Rebuilds an {@link AxisDistribution} from every grid rank's {@link DimDistribution} (protocol rule 10). */
final class AxisAssembly {
    private AxisAssembly() {
    }

    static AxisDistribution assemble(List<? extends DimDistribution> dims) {
        if (dims.isEmpty()) {
            throw new DistributionException("axis: no dimension dictionaries given");
        }
        dims = dims.stream().map(AxisAssembly::canonical).toList();
        DimDistribution first = dims.get(0);
        int p = first.gridSize();
        long size = first.size();
        DimDistribution[] byRank = new DimDistribution[p];
        for (DimDistribution d : dims) {
            if (d.gridSize() != p) {
                throw new DistributionException("axis: proc_grid_size differs between ranks (" + p + " and "
                        + d.gridSize() + ")");
            }
            if (d.size() != size) {
                throw new DistributionException("axis: size differs between ranks (" + size + " and " + d.size() + ")");
            }
            if (kindOf(d) != kindOf(first)) {
                throw new DistributionException("axis: grid ranks " + first.gridRank() + " and " + d.gridRank()
                        + " have different distribution types (" + kindOf(first) + ", " + kindOf(d) + ")");
            }
            DimDistribution prev = byRank[d.gridRank()];
            if (prev != null && !prev.equals(d) && !sameBlockButPadding(prev, d)) {
                throw new DistributionException("axis: two different dimension dictionaries for proc_grid_rank "
                        + d.gridRank() + ": " + prev + " and " + d);
            }
            byRank[d.gridRank()] = d;
        }
        for (int r = 0; r < p; r++) {
            if (byRank[r] == null) {
                throw new DistributionException("axis: no dimension dictionary for proc_grid_rank " + r + " of " + p);
            }
        }
        if (first instanceof Undistributed) {
            return new UndistributedAxis(size);
        }
        if (first instanceof Cyclic) {
            return new CyclicAxis(size, p, 1);
        }
        if (first instanceof BlockCyclic bc) {
            for (DimDistribution d : byRank) {
                if (((BlockCyclic) d).blockSize() != bc.blockSize()) {
                    throw new DistributionException("axis: block_size differs between ranks ("
                            + bc.blockSize() + " and " + ((BlockCyclic) d).blockSize() + ")");
                }
            }
            return new CyclicAxis(size, p, bc.blockSize());
        }
        if (first instanceof Unstructured u) {
            long[][] idx = new long[p][];
            for (int r = 0; r < p; r++) {
                idx[r] = ((Unstructured) byRank[r]).indices();
            }
            return new UnstructuredAxis(size, idx, u.oneToOne());
        }
        return assembleBlocks(byRank, size);
    }

    private static AxisDistribution assembleBlocks(DimDistribution[] byRank, long size) {
        int p = byRank.length;
        long[] bounds = new long[p + 1];
        Block b0 = (Block) byRank[0];
        Long comm = null;
        for (int r = 0; r < p; r++) {
            Block b = (Block) byRank[r];
            if (b.periodic() != b0.periodic()) {
                throw new DistributionException("axis: periodic differs between grid ranks 0 and " + r);
            }
            bounds[r] = b.ownedStart();
            if (r > 0 && b.ownedStart() != ((Block) byRank[r - 1]).ownedStop()) {
                throw new DistributionException("axis: block of grid rank " + r + " owns from " + b.ownedStart()
                        + " but rank " + (r - 1) + " owns up to " + ((Block) byRank[r - 1]).ownedStop()
                        + " (owned ranges must be adjacent)");
            }
            if (r > 0) {
                Block left = (Block) byRank[r - 1];
                if (left.commPadRight() != b.commPadLeft()) {
                    throw new DistributionException("axis: communication padding between grid ranks " + (r - 1)
                            + " and " + r + " does not match (" + left.commPadRight() + " vs " + b.commPadLeft() + ")");
                }
                if (comm == null) {
                    comm = b.commPadLeft();
                } else if (comm != b.commPadLeft()) {
                    comm = -1L; // irregular communication padding: not expressible as one width
                }
            }
        }
        bounds[p] = ((Block) byRank[p - 1]).ownedStop();
        if (bounds[0] != 0 || bounds[p] != size) {
            throw new DistributionException("axis: blocks cover [" + bounds[0] + ", " + bounds[p]
                    + ") instead of [0, " + size + ")");
        }
        Block last = (Block) byRank[p - 1];
        long boundary = b0.padLeft();
        if (p > 1 && last.padRight() != boundary || p == 1 && b0.padRight() != boundary) {
            throw new DistributionException("axis: boundary padding differs at the two ends ("
                    + boundary + " and " + last.padRight() + "); only one width per axis is supported");
        }
        if (comm != null && comm < 0) {
            throw new DistributionException("axis: communication padding differs between neighbours; "
                    + "only one width per axis is supported");
        }
        BlockAxis axis = new BlockAxis(bounds, comm == null ? 0 : comm, boundary, b0.periodic());
        for (int r = 0; r < p; r++) {
            if (!Objects.equals(axis.dimFor(r), byRank[r])) {
                throw new DistributionException("axis: grid rank " + r + " has " + byRank[r]
                        + ", inconsistent with the axis its neighbours describe (" + axis.dimFor(r) + ")");
            }
        }
        return axis;
    }

    /** Block-cyclic with block size 1 is cyclic: one form per distribution. */
    private static DimDistribution canonical(DimDistribution d) {
        return d instanceof BlockCyclic bc && bc.blockSize() == 1 ? new Cyclic(bc.size(), bc.gridSize(), bc.gridRank()) : d;
    }

    private static boolean sameBlockButPadding(DimDistribution a, DimDistribution b) {
        return a instanceof Block x && b instanceof Block y && x.ownedStart() == y.ownedStart()
                && x.ownedStop() == y.ownedStop() && x.periodic() == y.periodic();
    }

    private static Class<?> kindOf(DimDistribution d) {
        return d.getClass();
    }
}
