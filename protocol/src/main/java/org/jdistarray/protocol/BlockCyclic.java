package org.jdistarray.protocol;

import java.util.stream.LongStream;

/**
 * A block-cyclic dimension: blocks of {@code blockSize} consecutive global indices dealt round-robin to the
 * grid ranks; this rank's first index is {@code start = gridRank * blockSize}.
 *
 * <p><b>Deviation from the reference implementations</b> (protocol.md §5, §7): the partial last block
 * belongs to rank {@code (size / blockSize) % gridSize}, the rank whose turn it is, not to rank 0 as in
 * DistArray 0.5 and the protocol's {@code utils.py}. Size 7, block 2, 2 ranks: rank 0 owns {0,1,4,5},
 * rank 1 owns {2,3,6}.
 */
public record BlockCyclic(long size, int gridSize, int gridRank, long blockSize) implements DimDistribution {

    public BlockCyclic {
        Checks.common(size, gridSize, gridRank);
        if (blockSize < 1) {
            throw new DistributionException("block-cyclic: block_size must be >= 1, got " + blockSize);
        }
    }

    /** First global index of this rank's first block (possibly {@code >= size} when it owns nothing). */
    public long start() {
        return gridRank * blockSize;
    }

    @Override
    public long localSize() {
        return CyclicMath.localSize(size, gridSize, gridRank, blockSize);
    }

    @Override
    public long ownedCount() {
        return localSize();
    }

    @Override
    public long globalFromLocal(long local) {
        DimDistribution.checkLocal(local, localSize());
        return CyclicMath.globalFromLocal(local, gridSize, gridRank, blockSize);
    }

    @Override
    public long localFromGlobal(long global) {
        if (!holds(global)) {
            throw DimDistribution.notHeld(global, this);
        }
        return CyclicMath.localFromGlobal(global, gridSize, blockSize);
    }

    @Override
    public boolean holds(long global) {
        return global >= 0 && global < size && CyclicMath.owner(global, gridSize, blockSize) == gridRank;
    }

    @Override
    public LongStream ownedGlobalIndices() {
        return LongStream.range(0, localSize()).map(l -> CyclicMath.globalFromLocal(l, gridSize, gridRank, blockSize));
    }

    @Override
    public DistKind kind() {
        return DistKind.CYCLIC;
    }
}
