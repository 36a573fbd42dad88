package org.jdistarray.protocol;

import java.util.stream.LongStream;

/**
 * A cyclic dimension (block size 1, ScaLAPACK's "true cyclic"): this rank owns global indices
 * {@code gridRank, gridRank + gridSize, ...}, i.e. the slice {@code start : size : gridSize} with
 * {@code start = gridRank}.
 */
public record Cyclic(long size, int gridSize, int gridRank) implements DimDistribution {

    public Cyclic {
        Checks.common(size, gridSize, gridRank);
    }

    /** First owned global index ({@code == gridRank}; may be {@code >= size} when this rank owns nothing). */
    public long start() {
        return gridRank;
    }

    @Override
    public long localSize() {
        return CyclicMath.localSize(size, gridSize, gridRank, 1);
    }

    @Override
    public long ownedCount() {
        return localSize();
    }

    @Override
    public long globalFromLocal(long local) {
        DimDistribution.checkLocal(local, localSize());
        return CyclicMath.globalFromLocal(local, gridSize, gridRank, 1);
    }

    @Override
    public long localFromGlobal(long global) {
        if (!holds(global)) {
            throw DimDistribution.notHeld(global, this);
        }
        return CyclicMath.localFromGlobal(global, gridSize, 1);
    }

    @Override
    public boolean holds(long global) {
        return global >= 0 && global < size && CyclicMath.owner(global, gridSize, 1) == gridRank;
    }

    @Override
    public LongStream ownedGlobalIndices() {
        return LongStream.range(0, localSize()).map(l -> gridRank + l * gridSize);
    }

    @Override
    public DistKind kind() {
        return DistKind.CYCLIC;
    }
}
