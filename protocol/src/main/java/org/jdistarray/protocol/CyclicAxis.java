package org.jdistarray.protocol;

/** A cyclic ({@code blockSize == 1}) or block-cyclic axis over {@code gridSize} processes. */
public record CyclicAxis(long size, int gridSize, long blockSize) implements AxisDistribution {
    public CyclicAxis {
        Checks.common(size, gridSize, 0);
        if (blockSize < 1) {
            throw new DistributionException("block-cyclic: block_size must be >= 1, got " + blockSize);
        }
    }

    @Override
    public DimDistribution dimFor(int gridRank) {
        return blockSize == 1 ? new Cyclic(size, gridSize, gridRank) : new BlockCyclic(size, gridSize, gridRank, blockSize);
    }

    @Override
    public int ownerOf(long global) {
        AxisDistribution.checkGlobal(global, size);
        return CyclicMath.owner(global, gridSize, blockSize);
    }

    @Override
    public DistKind kind() {
        return DistKind.CYCLIC;
    }
}
