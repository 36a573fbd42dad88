package org.jdistarray.protocol;

import java.util.stream.LongStream;

/**
 * An undistributed dimension: every process holds the whole axis ({@code proc_grid_size} 1). A convenience
 * of the Java model: it exports as a block with {@code proc_grid_size} 1, {@code start} 0 and {@code stop}
 * size (protocol.md §7), and is what DistArray calls {@code 'n'}.
 */
public record Undistributed(long size) implements DimDistribution {

    public Undistributed {
        Checks.common(size, 1, 0);
    }

    /** The equivalent protocol block. */
    public Block asBlock() {
        return new Block(size, 1, 0, 0, size);
    }

    @Override
    public int gridSize() {
        return 1;
    }

    @Override
    public int gridRank() {
        return 0;
    }

    @Override
    public long localSize() {
        return size;
    }

    @Override
    public long ownedCount() {
        return size;
    }

    @Override
    public long globalFromLocal(long local) {
        DimDistribution.checkLocal(local, size);
        return local;
    }

    @Override
    public long localFromGlobal(long global) {
        if (!holds(global)) {
            throw DimDistribution.notHeld(global, this);
        }
        return global;
    }

    @Override
    public boolean holds(long global) {
        return global >= 0 && global < size;
    }

    @Override
    public LongStream ownedGlobalIndices() {
        return LongStream.range(0, size);
    }

    @Override
    public DistKind kind() {
        return DistKind.UNDISTRIBUTED;
    }

    @Override
    public boolean isContiguous() {
        return true;
    }
}
