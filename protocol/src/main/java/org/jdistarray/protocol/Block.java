package org.jdistarray.protocol;

import java.util.stream.LongStream;

/**
 * A block (or irregular block) dimension: the local buffer holds global indices {@code [start, stop)},
 * padding cells included (protocol §3, §6). On grid rank 0 the left padding is boundary padding, on the last
 * grid rank the right padding is; every other padding cell is communication padding (a ghost copy of a
 * neighbour's cell), not counted in {@link #size()} and not owned.
 *
 * @param periodic whether the axis wraps around. The protocol cannot express a ghost left of global index 0, so
 *     on a periodic axis the boundary padding of width b at both ends holds the periodic images: the interior is
 *     {@code [b, size - b)} and ghost exchange fills each end from the opposite end of the interior
 */
public record Block(long size, int gridSize, int gridRank, long start, long stop,
                    long padLeft, long padRight, boolean periodic) implements DimDistribution {

    public Block {
        Checks.common(size, gridSize, gridRank);
        if (start < 0 || stop < start || stop > size) {
            throw new DistributionException("block: need 0 <= start <= stop <= size, got start " + start
                    + ", stop " + stop + ", size " + size);
        }
        if (padLeft < 0 || padRight < 0 || padLeft + padRight > stop - start) {
            throw new DistributionException("block: padding (" + padLeft + ", " + padRight
                    + ") must be non-negative and fit the local extent " + (stop - start));
        }
    }

    /** A block without padding. */
    public Block(long size, int gridSize, int gridRank, long start, long stop) {
        this(size, gridSize, gridRank, start, stop, 0, 0, false);
    }

    /** Width of the communication padding on the left (0 on grid rank 0, where it is boundary padding). */
    public long commPadLeft() {
        return gridRank == 0 ? 0 : padLeft;
    }

    /** Width of the communication padding on the right (0 on the last grid rank). */
    public long commPadRight() {
        return gridRank == gridSize - 1 ? 0 : padRight;
    }

    /** First owned global index. */
    public long ownedStart() {
        return start + commPadLeft();
    }

    /** End (exclusive) of the owned global indices. */
    public long ownedStop() {
        return stop - commPadRight();
    }

    @Override
    public long localSize() {
        return stop - start;
    }

    @Override
    public long ownedCount() {
        return ownedStop() - ownedStart();
    }

    @Override
    public long globalFromLocal(long local) {
        DimDistribution.checkLocal(local, localSize());
        return local + start;
    }

    @Override
    public long localFromGlobal(long global) {
        if (!holds(global)) {
            throw DimDistribution.notHeld(global, this);
        }
        return global - start;
    }

    @Override
    public boolean holds(long global) {
        return global >= start && global < stop;
    }

    @Override
    public boolean owns(long global) {
        return global >= ownedStart() && global < ownedStop();
    }

    @Override
    public LongStream ownedGlobalIndices() {
        return LongStream.range(ownedStart(), ownedStop());
    }

    @Override
    public DistKind kind() {
        return DistKind.BLOCK;
    }

    @Override
    public boolean isContiguous() {
        return true;
    }
}
