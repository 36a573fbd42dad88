package org.jdistarray.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * An unstructured dimension: the local buffer holds exactly the global indices {@code indices}, in that
 * order. Indices are locally unique; they may be unordered and non-contiguous. {@code oneToOne} states that
 * every global index appears on exactly one grid rank.
 */
public final class Unstructured implements DimDistribution {
    private final long size;
    private final int gridSize;
    private final int gridRank;
    private final long[] indices;
    private final boolean oneToOne;
    private final Map<Long, Integer> localOf;

    public Unstructured(long size, int gridSize, int gridRank, long[] indices, boolean oneToOne) {
        Checks.common(size, gridSize, gridRank);
        this.size = size;
        this.gridSize = gridSize;
        this.gridRank = gridRank;
        this.indices = indices.clone();
        this.oneToOne = oneToOne;
        this.localOf = new HashMap<>(Math.max(16, indices.length * 2));
        for (int l = 0; l < this.indices.length; l++) {
            if (localOf.putIfAbsent(this.indices[l], l) != null) {
                throw new DistributionException("unstructured: global index " + this.indices[l]
                        + " appears twice in indices (local positions " + localOf.get(this.indices[l]) + " and " + l + ")");
            }
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int gridSize() {
        return gridSize;
    }

    @Override
    public int gridRank() {
        return gridRank;
    }

    /** The global indices held locally, in local order (a copy). */
    public long[] indices() {
        return indices.clone();
    }

    public boolean oneToOne() {
        return oneToOne;
    }

    @Override
    public long localSize() {
        return indices.length;
    }

    @Override
    public long ownedCount() {
        return indices.length;
    }

    @Override
    public long globalFromLocal(long local) {
        DimDistribution.checkLocal(local, indices.length);
        return indices[(int) local];
    }

    @Override
    public long localFromGlobal(long global) {
        Integer l = localOf.get(global);
        if (l == null) {
            throw DimDistribution.notHeld(global, this);
        }
        return l;
    }

    @Override
    public boolean holds(long global) {
        return localOf.containsKey(global);
    }

    @Override
    public LongStream ownedGlobalIndices() {
        return Arrays.stream(indices);
    }

    @Override
    public DistKind kind() {
        return DistKind.UNSTRUCTURED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unstructured u && u.size == size && u.gridSize == gridSize && u.gridRank == gridRank
                && u.oneToOne == oneToOne && Arrays.equals(u.indices, indices);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + gridRank * 17 + gridSize + Arrays.hashCode(indices) + (oneToOne ? 1 : 0);
    }

    @Override
    public String toString() {
        String shown = indices.length <= 16 ? Arrays.toString(indices)
                : Arrays.toString(Arrays.copyOf(indices, 16)).replace("]", ", ...]");
        return "Unstructured[size=" + size + ", gridSize=" + gridSize + ", gridRank=" + gridRank
                + ", indices=" + shown + ", oneToOne=" + oneToOne + "]";
    }
}
