package org.jdistarray.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * One rank's N-d index map: the composition of its per-axis {@link DimDistribution}s (protocol.md §5,
 * "Multi-dimensional"). Translates global index tuples to local index tuples and back, and local index tuples
 * to the C-order (row-major) offset into the local buffer. Immutable, process-local, no communication.
 *
 * <p>Every method taking indices requires exactly one index per axis ({@link IllegalArgumentException}
 * otherwise). Indices are never wrapped: a negative index is out of range, as is any index not held by this
 * rank ({@link IndexOutOfBoundsException} naming the index, the axis and the valid range).
 *
 * <p>A 0-d map normally holds the array's one element. {@link #holdingNothing()} is the map of a rank that holds no
 * part of a 0-d array held on another rank: no cells, nothing held or owned. (An N-d rank that holds nothing is
 * described by empty blocks instead, which the protocol can express.)
 *
 * @param dims one dimension dictionary per axis, in axis order (empty for a 0-d array)
 * @param holdsNothing whether this rank holds no part of the array (only for 0-d maps)
 */
public record NdMap(List<DimDistribution> dims, boolean holdsNothing) {

    /**
     * Receives one owned element of the local buffer, see {@link #forEachOwned}.
     */
    @FunctionalInterface
    public interface OwnedElementVisitor {
        /**
         * Called once per owned element.
         *
         * @param global the element's global index tuple; the array is reused between calls, copy it to keep it
         * @param localOffset the element's C-order offset (in elements) into the local buffer
         */
        void visit(long[] global, long localOffset);
    }

    public NdMap {
        if (dims == null) {
            throw new IllegalArgumentException("dims is null");
        }
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) == null) {
                throw new IllegalArgumentException("dimension distribution of axis " + i + " is null");
            }
        }
        dims = List.copyOf(dims);
        if (holdsNothing && !dims.isEmpty()) {
            throw new IllegalArgumentException("only a 0-d map can hold nothing; an N-d rank without data has"
                    + " empty blocks, got " + dims);
        }
    }

    /** The map of this rank's dimension dictionaries. */
    public NdMap(List<DimDistribution> dims) {
        this(dims, false);
    }

    /** <b>Not collective.</b> The map of a rank that holds no part of a 0-d array held on another rank. */
    public static NdMap holdingNothing() {
        return new NdMap(List.of(), true);
    }

    /** <b>Not collective.</b> Number of axes. */
    public int ndim() {
        return dims.size();
    }

    /** <b>Not collective.</b> Shape of the local buffer (padding cells included). */
    public long[] localShape() {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).localSize();
        }
        return s;
    }

    /** <b>Not collective.</b> Global shape: the {@code size} of every axis. */
    public long[] globalShape() {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).size();
        }
        return s;
    }

    /**
     * <b>Not collective.</b> Number of elements of the local buffer (1 for a 0-d array, 0 when
     * {@link #holdsNothing()}).
     *
     * @throws ArithmeticException if the count overflows a {@code long}
     */
    public long localElementCount() {
        if (holdsNothing) {
            return 0;
        }
        long n = 1;
        for (DimDistribution d : dims) {
            n = Math.multiplyExact(n, d.localSize());
        }
        return n;
    }

    /** <b>Not collective.</b> Number of elements this rank owns (communication padding excluded). */
    public long ownedElementCount() {
        if (holdsNothing) {
            return 0;
        }
        long n = 1;
        for (DimDistribution d : dims) {
            n = Math.multiplyExact(n, d.ownedCount());
        }
        return n;
    }

    /**
     * <b>Not collective.</b> The local index tuple of global index tuple {@code global}.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     * @throws IndexOutOfBoundsException if some index is not held by this rank
     */
    public long[] localFromGlobal(long... global) {
        checkCount(global, "global");
        checkHeld();
        long[] local = new long[global.length];
        for (int i = 0; i < global.length; i++) {
            DimDistribution d = dims.get(i);
            if (!d.holds(global[i])) {
                throw notHeld(global, i);
            }
            local[i] = d.localFromGlobal(global[i]);
        }
        return local;
    }

    /**
     * <b>Not collective.</b> The global index tuple of local index tuple {@code local}.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     * @throws IndexOutOfBoundsException if some index is outside {@code [0, localShape()[axis])}
     */
    public long[] globalFromLocal(long... local) {
        checkCount(local, "local");
        checkHeld();
        long[] global = new long[local.length];
        for (int i = 0; i < local.length; i++) {
            checkLocal(local, i);
            global[i] = dims.get(i).globalFromLocal(local[i]);
        }
        return global;
    }

    /**
     * <b>Not collective.</b> Whether the local buffer has a cell for {@code global} (padding cells included).
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     */
    public boolean holds(long... global) {
        checkCount(global, "global");
        if (holdsNothing) {
            return false;
        }
        for (int i = 0; i < global.length; i++) {
            if (!dims.get(i).holds(global[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * <b>Not collective.</b> Whether this rank owns {@code global}: holds it, and not as communication padding.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     */
    public boolean owns(long... global) {
        checkCount(global, "global");
        if (holdsNothing) {
            return false;
        }
        for (int i = 0; i < global.length; i++) {
            if (!dims.get(i).owns(global[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * <b>Not collective.</b> The C-order (row-major, last index fastest) offset, in elements, of local index
     * tuple {@code local} in the local buffer. 0 for a 0-d array.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     * @throws IndexOutOfBoundsException if some index is outside {@code [0, localShape()[axis])}
     */
    public long localOffset(long... local) {
        checkCount(local, "local");
        checkHeld();
        long offset = 0;
        for (int i = 0; i < local.length; i++) {
            checkLocal(local, i);
            offset = offset * dims.get(i).localSize() + local[i];
        }
        return offset;
    }

    /**
     * <b>Not collective.</b> The C-order offset in the local buffer of global index tuple {@code global}:
     * {@code localOffset(localFromGlobal(global))}.
     */
    public long localOffsetOfGlobal(long... global) {
        return localOffset(localFromGlobal(global));
    }

    /**
     * <b>Not collective.</b> Calls {@code visitor} once for every element this rank owns (communication padding
     * excluded), in C order of the local buffer. No allocation per element: the global index array passed to
     * the visitor is reused. A 0-d array has one element, visited with an empty index array and offset 0.
     */
    public void forEachOwned(OwnedElementVisitor visitor) {
        if (holdsNothing) {
            return;
        }
        int n = dims.size();
        long[][] ownedLocal = new long[n][];
        long[][] ownedGlobal = new long[n][];
        long[] strides = new long[n];
        long stride = 1;
        for (int i = n - 1; i >= 0; i--) {
            DimDistribution d = dims.get(i);
            strides[i] = stride;
            stride *= d.localSize();
            ownedGlobal[i] = d.ownedGlobalIndices().toArray();
            if (ownedGlobal[i].length == 0) {
                return;
            }
            ownedLocal[i] = new long[ownedGlobal[i].length];
            for (int k = 0; k < ownedGlobal[i].length; k++) {
                ownedLocal[i][k] = d.localFromGlobal(ownedGlobal[i][k]);
            }
        }
        int[] pos = new int[n];
        long[] global = new long[n];
        // partial[i] = offset contribution of axes 0..i-1
        long[] partial = new long[n + 1];
        for (int i = 0; i < n; i++) {
            global[i] = ownedGlobal[i][0];
            partial[i + 1] = partial[i] + ownedLocal[i][0] * strides[i];
        }
        while (true) {
            visitor.visit(global, partial[n]);
            int axis = n - 1;
            while (axis >= 0 && ++pos[axis] == ownedGlobal[axis].length) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                return;
            }
            for (int i = axis; i < n; i++) {
                global[i] = ownedGlobal[i][pos[i]];
                partial[i + 1] = partial[i] + ownedLocal[i][pos[i]] * strides[i];
            }
        }
    }

    private void checkCount(long[] idx, String what) {
        if (idx == null) {
            throw new IllegalArgumentException(what + " index tuple is null");
        }
        if (idx.length != dims.size()) {
            throw new IllegalArgumentException(idx.length + " " + what + " indices " + Arrays.toString(idx)
                    + " given for an array with " + dims.size() + " dimensions");
        }
    }

    private void checkHeld() {
        if (holdsNothing) {
            throw new IndexOutOfBoundsException("this rank holds no part of the 0-d array (it is held on another rank)");
        }
    }

    private void checkLocal(long[] local, int axis) {
        long extent = dims.get(axis).localSize();
        if (local[axis] < 0 || local[axis] >= extent) {
            throw new IndexOutOfBoundsException("local index " + local[axis] + " on axis " + axis
                    + " out of range [0, " + extent + ") (local indices " + Arrays.toString(local) + ")");
        }
    }

    private IndexOutOfBoundsException notHeld(long[] global, int axis) {
        DimDistribution d = dims.get(axis);
        long g = global[axis];
        String why = (g < 0 || g >= d.size()) && !(d instanceof Unstructured)
                ? "out of range [0, " + d.size() + ")"
                : "not held by grid rank " + d.gridRank() + " of " + d.gridSize() + ", which holds " + describeHeld(d);
        return new IndexOutOfBoundsException("global index " + g + " on axis " + axis + " is " + why
                + " (global indices " + Arrays.toString(global) + ")");
    }

    /** What a dimension's local buffer holds, in words, for error messages. */
    private static String describeHeld(DimDistribution d) {
        if (d instanceof Block b) {
            return "[" + b.start() + ", " + b.stop() + ")";
        }
        if (d instanceof Undistributed r) {
            return "[0, " + r.size() + ")";
        }
        if (d instanceof Cyclic c) {
            return "the indices " + c.start() + ", " + (c.start() + c.gridSize()) + ", ... below " + c.size()
                    + " (" + c.localSize() + " indices)";
        }
        if (d instanceof BlockCyclic bc) {
            return "the blocks of " + bc.blockSize() + " starting at " + bc.start() + ", "
                    + (bc.start() + bc.blockSize() * bc.gridSize()) + ", ... below " + bc.size()
                    + " (" + bc.localSize() + " indices)";
        }
        return d.localSize() + " listed indices";
    }
}
