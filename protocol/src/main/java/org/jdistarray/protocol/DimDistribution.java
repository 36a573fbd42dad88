package org.jdistarray.protocol;

import java.util.stream.LongStream;

/**
 * One dimension dictionary of a protocol export: how one axis of this rank's local buffer maps to the
 * global axis, and the 1-D index map between the two. Immutable, process-local, no communication.
 *
 * <p>Every map checks bounds in both directions: a global index this rank does not hold, or a local index
 * outside {@code [0, localSize())}, is an {@link IndexOutOfBoundsException} naming the index and the range.
 */
public sealed interface DimDistribution permits Block, Cyclic, BlockCyclic, Unstructured, Undistributed {

    /** Global number of elements along this axis (boundary padding counted, communication padding not). */
    long size();

    /** Number of processes along this axis of the process grid. */
    int gridSize();

    /** This process's coordinate along this axis of the process grid. */
    int gridRank();

    /** Extent of the local buffer along this axis (for blocks: padding cells included). */
    long localSize();

    /** Number of global indices this rank owns along this axis (communication padding excluded). */
    long ownedCount();

    /** The global index of local index {@code local}. */
    long globalFromLocal(long local);

    /** The local index of global index {@code global}, which must be held in this rank's buffer. */
    long localFromGlobal(long global);

    /** Whether the local buffer holds a cell for {@code global} (padding cells included). */
    boolean holds(long global);

    /** Whether this rank owns {@code global} (holds it, and not as communication padding). */
    default boolean owns(long global) {
        return holds(global);
    }

    /** The global indices this rank owns, in local order. */
    LongStream ownedGlobalIndices();

    /** The kind of this distribution, as used by the default grid-shape rule. */
    DistKind kind();

    /** Whether the local buffer is a contiguous, increasing run of global indices (block and undistributed). */
    default boolean isContiguous() {
        return false;
    }

    static void checkLocal(long local, long localSize) {
        if (local < 0 || local >= localSize) {
            throw new IndexOutOfBoundsException("local index " + local + " out of range [0, " + localSize + ")");
        }
    }

    static IndexOutOfBoundsException notHeld(long global, DimDistribution d) {
        return new IndexOutOfBoundsException("global index " + global + " is not held by grid rank "
                + d.gridRank() + " of " + d.gridSize() + " (" + d + ")");
    }
}
