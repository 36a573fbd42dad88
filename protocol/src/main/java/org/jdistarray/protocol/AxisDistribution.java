package org.jdistarray.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How one global axis is spread over all grid positions along it: DistArray's "global dim dict", the client
 * side of a {@link DimDistribution}. It knows every rank's part, so it can name the owner of any index.
 */
public sealed interface AxisDistribution permits BlockAxis, CyclicAxis, UnstructuredAxis, UndistributedAxis {

    /** Global number of elements along this axis. */
    long size();

    /** Number of processes along this axis. */
    int gridSize();

    /** The dimension dictionary that grid rank {@code gridRank} exports. */
    DimDistribution dimFor(int gridRank);

    /**
     * The grid rank that owns {@code global}.
     *
     * @throws IndexOutOfBoundsException if {@code global} is outside {@code [0, size)}, or (unstructured) no
     *     rank holds it
     * @throws DistributionException if the owner is not unique (unstructured, not one-to-one)
     */
    int ownerOf(long global);

    DistKind kind();

    /** Every rank's dimension dictionary, in grid-rank order. */
    default List<DimDistribution> dims() {
        List<DimDistribution> out = new ArrayList<>(gridSize());
        for (int r = 0; r < gridSize(); r++) {
            out.add(dimFor(r));
        }
        return out;
    }

    /**
     * Rebuilds the axis from every grid rank's dimension dictionary (in any order, duplicates allowed as long
     * as they agree), the inverse of {@link #dims()}.
     *
     * @throws DistributionException naming the rank and key when the dictionaries do not form one axis
     */
    static AxisDistribution fromDims(List<? extends DimDistribution> dims) {
        return AxisAssembly.assemble(dims);
    }

    static void checkGlobal(long global, long size) {
        if (global < 0 || global >= size) {
            throw new IndexOutOfBoundsException("global index " + global + " out of range [0, " + size + ")");
        }
    }
}
