package org.jdistarray.protocol;

/** Argument checks shared by the dimension records. */
final class Checks {
    private Checks() {
    }

    static void common(long size, int gridSize, int gridRank) {
        if (size < 0) {
            throw new DistributionException("size must be >= 0, got " + size);
        }
        if (gridSize < 1) {
            throw new DistributionException("proc_grid_size must be >= 1, got " + gridSize);
        }
        if (gridRank < 0 || gridRank >= gridSize) {
            throw new DistributionException("proc_grid_rank must be in [0, " + gridSize + "), got " + gridRank);
        }
    }
}
