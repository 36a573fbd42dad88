package org.jdistarray.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** An unstructured axis: grid rank {@code r} holds the global indices {@code indices[r]}, in that order. */
public final class UnstructuredAxis implements AxisDistribution {
    private final long size;
    private final long[][] indices;
    private final boolean oneToOne;
    private final Map<Long, Integer> ownerOf = new HashMap<>();
    private final Map<Long, Integer> duplicates = new HashMap<>();

    /**
     * @param size the global size of the axis
     * @param indices per grid rank, the global indices it holds in local order
     * @param oneToOne whether every index in {@code [0, size)} is held by exactly one rank (checked)
     */
    public UnstructuredAxis(long size, long[][] indices, boolean oneToOne) {
        Checks.common(size, Math.max(1, indices.length), 0);
        if (indices.length == 0) {
            throw new DistributionException("unstructured: need the indices of at least one process");
        }
        this.size = size;
        this.indices = new long[indices.length][];
        this.oneToOne = oneToOne;
        for (int r = 0; r < indices.length; r++) {
            this.indices[r] = indices[r].clone();
            for (long g : this.indices[r]) {
                if (g < 0 || g >= size) {
                    throw new DistributionException("unstructured: rank " + r + " holds global index " + g
                            + ", outside [0, " + size + ")");
                }
                Integer prev = ownerOf.putIfAbsent(g, r);
                if (prev != null) {
                    if (prev == r) {
                        throw new DistributionException("unstructured: rank " + r + " lists global index " + g + " twice");
                    }
                    if (oneToOne) {
                        throw new DistributionException("unstructured: one_to_one, but global index " + g
                                + " is held by ranks " + prev + " and " + r);
                    }
                    duplicates.put(g, r);
                }
            }
        }
        if (oneToOne && ownerOf.size() != size) {
            throw new DistributionException("unstructured: one_to_one, but the ranks hold " + ownerOf.size()
                    + " distinct indices of a size-" + size + " axis");
        }
    }

    /** Global size = total count of indices (DistArray's global dim data rule), one-to-one. */
    public static UnstructuredAxis oneToOne(long[][] indices) {
        long total = 0;
        for (long[] a : indices) {
            total += a.length;
        }
        return new UnstructuredAxis(total, indices, true);
    }

    /** Per-rank indices (copies). */
    public long[][] indices() {
        long[][] out = new long[indices.length][];
        for (int r = 0; r < indices.length; r++) {
            out[r] = indices[r].clone();
        }
        return out;
    }

    public boolean oneToOne() {
        return oneToOne;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int gridSize() {
        return indices.length;
    }

    @Override
    public Unstructured dimFor(int gridRank) {
        Checks.common(size, indices.length, gridRank);
        return new Unstructured(size, indices.length, gridRank, indices[gridRank], oneToOne);
    }

    @Override
    public int ownerOf(long global) {
        AxisDistribution.checkGlobal(global, size);
        Integer r = ownerOf.get(global);
        if (r == null) {
            throw new IndexOutOfBoundsException("global index " + global + " is held by no rank of this unstructured axis");
        }
        if (duplicates.containsKey(global)) {
            throw new DistributionException("global index " + global + " is held by more than one rank (ranks "
                    + r + " and " + duplicates.get(global) + "); the axis is not one-to-one");
        }
        return r;
    }

    @Override
    public DistKind kind() {
        return DistKind.UNSTRUCTURED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnstructuredAxis u && u.size == size && u.oneToOne == oneToOne
                && Arrays.deepEquals(u.indices, indices);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(indices) * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "UnstructuredAxis[size=" + size + ", gridSize=" + indices.length + ", oneToOne=" + oneToOne + "]";
    }
}
