package org.jdistarray.protocol;

/** An axis held whole by every process (DistArray's {@code 'n'}). */
public record UndistributedAxis(long size) implements AxisDistribution {
    public UndistributedAxis {
        Checks.common(size, 1, 0);
    }

    @Override
    public int gridSize() {
        return 1;
    }

    @Override
    public DimDistribution dimFor(int gridRank) {
        Checks.common(size, 1, gridRank);
        return new Undistributed(size);
    }

    @Override
    public int ownerOf(long global) {
        AxisDistribution.checkGlobal(global, size);
        return 0;
    }

    @Override
    public DistKind kind() {
        return DistKind.UNDISTRIBUTED;
    }
}
