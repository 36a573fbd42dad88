package org.jdistarray.dist.numbering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DimDistribution;

/**
 * The rank-by-rank numbering of the elements of a {@link Distribution}, for any layout: what a solver library
 * (PETSc, Tpetra with a contiguous map) sees when each rank hands it the elements it owns in the C order of its local
 * block. Rank 0's owned elements are rows {@code [0, n0)}, rank 1's the next {@code n1}, and so on
 * ({@link #rankOffsets()}); inside a rank, rows follow the local block's C order over the owned cells (communication
 * padding skipped). For block layouts this is PETSc's DMDA ordering ({@link BlockNumbering}); for cyclic,
 * block-cyclic and unstructured axes it is the same rule, so a distributed array's local block is always its rank's
 * contiguous range of rows and never needs reordering. The DMDA idea generalised: {@link #rowOf} and
 * {@link #indexOf} translate between the array's global index tuples and rows (PETSc's {@code AO} between the
 * "application" C-order numbering, {@link #naturalOf}, and the "PETSc" numbering).
 *
 * <p>Built from the layout alone, identically on every rank, with no communication. Per axis it keeps two int tables
 * of the axis' length (owner coordinate and position among the owner's indices), so every lookup is O(ndim).
 * Immutable and thread-safe.
 */
public final class GlobalNumbering implements GridNumbering {
    private final Distribution dist;
    private final long[] shape;
    private final int[] grid;
    private final int[][] ownerCoord;
    private final int[][] ownedPos;
    private final long[][][] ownedGlobal;
    private final long[] offsets;
    private final int rank;

    private GlobalNumbering(Distribution dist) {
        this.dist = dist;
        this.shape = dist.shape();
        this.grid = dist.gridShape();
        this.rank = dist.rank();
        int nd = shape.length;
        ownerCoord = new int[nd][];
        ownedPos = new int[nd][];
        ownedGlobal = new long[nd][][];
        List<AxisDistribution> axes = dist.axes();
        for (int d = 0; d < nd; d++) {
            if (shape[d] > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("GlobalNumbering: axis " + d + " has " + shape[d]
                        + " elements; at most 2^31 - 9 per axis are supported");
            }
            int n = (int) shape[d];
            int[] owner = new int[n];
            int[] pos = new int[n];
            Arrays.fill(owner, -1);
            AxisDistribution axis = axes.get(d);
            ownedGlobal[d] = new long[axis.gridSize()][];
            for (int c = 0; c < axis.gridSize(); c++) {
                long[] g = axis.dimFor(c).ownedGlobalIndices().toArray();
                ownedGlobal[d][c] = g;
                for (int k = 0; k < g.length; k++) {
                    int gi = (int) g[k];
                    if (owner[gi] >= 0) {
                        throw new IllegalArgumentException("GlobalNumbering: axis " + d + " is not one-to-one: global index "
                                + gi + " is owned by grid positions " + owner[gi] + " and " + c
                                + " (a solver needs every element owned exactly once)");
                    }
                    owner[gi] = c;
                    pos[gi] = k;
                }
            }
            for (int g = 0; g < n; g++) {
                if (owner[g] < 0) {
                    throw new IllegalArgumentException("GlobalNumbering: axis " + d + ": global index " + g
                            + " is owned by no rank");
                }
            }
            ownerCoord[d] = owner;
            ownedPos[d] = pos;
        }
        int ranks = dist.communicator().size();
        offsets = new long[ranks + 1];
        for (int r = 0; r < ranks; r++) {
            int[] c = dist.layout().grid().coordsOf(r);
            long count = 1;
            for (int d = 0; d < nd; d++) {
                count = Math.multiplyExact(count, ownedGlobal[d][c[d]].length);
            }
            offsets[r + 1] = offsets[r] + count;
        }
    }

    /**
     * <b>Not collective.</b> The numbering of {@code dist}'s elements (same result on every rank).
     *
     * @throws IllegalArgumentException if an axis is not one-to-one (an unstructured axis with an element owned by
     *                                  several ranks) or longer than 2^31 - 9, or the distribution is replicated
     */
    public static GlobalNumbering of(Distribution dist) {
        Objects.requireNonNull(dist, "distribution");
        if (dist.layout().rankCount() != dist.communicator().size()) {
            throw new IllegalArgumentException("GlobalNumbering: " + dist + " is not spread over the ranks ("
                    + (dist.isReplicated() ? "every rank holds the whole array" : "a 0-d array on one rank")
                    + "); a solver needs every element owned by exactly one rank: use a distributed axis or onRank(r)");
        }
        return new GlobalNumbering(dist);
    }

    /** <b>Not collective.</b> The distribution numbered. */
    public Distribution distribution() {
        return dist;
    }

    /** <b>Not collective.</b> Global shape (a copy). */
    public long[] globalShape() {
        return shape.clone();
    }

    /**
     * <b>Not collective.</b> Global shape as ints ({@link GridNumbering}).
     *
     * @throws ArithmeticException if an extent exceeds an int
     */
    @Override
    public int[] shape() {
        int[] s = new int[shape.length];
        for (int d = 0; d < s.length; d++) {
            s[d] = Math.toIntExact(shape[d]);
        }
        return s;
    }

    /** <b>Not collective.</b> Number of elements (rows). */
    @Override
    public long size() {
        return offsets[offsets.length - 1];
    }

    /** <b>Not collective.</b> Every rank's first row, and the size at the end (ranks + 1 entries): the exclusive scan of the owned counts. */
    public long[] rankOffsets() {
        return offsets.clone();
    }

    /** <b>Not collective.</b> This rank's first row. */
    public long firstRow() {
        return offsets[rank];
    }

    /** <b>Not collective.</b> One past this rank's last row. */
    public long endRow() {
        return offsets[rank + 1];
    }

    /** <b>Not collective.</b> Number of rows (owned elements) of this rank. */
    public int localRowCount() {
        return Math.toIntExact(offsets[rank + 1] - offsets[rank]);
    }

    /** <b>Not collective.</b> Number of owned elements of {@code r}. */
    public long rowCount(int r) {
        return offsets[r + 1] - offsets[r];
    }

    /**
     * <b>Not collective.</b> The row of the element at global index tuple {@code globalIndex} (no negative indices).
     *
     * @throws IndexOutOfBoundsException if an index is outside the shape
     * @throws IllegalArgumentException  if the number of indices is not the number of axes
     */
    public long rowOf(long... globalIndex) {
        if (globalIndex.length != shape.length) {
            throw new IllegalArgumentException(globalIndex.length + " indices " + Arrays.toString(globalIndex)
                    + " for an array of shape " + Arrays.toString(shape));
        }
        int r = 0;
        long local = 0;
        for (int d = 0; d < shape.length; d++) {
            long g = globalIndex[d];
            if (g < 0 || g >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(globalIndex) + " is out of bounds for shape "
                        + Arrays.toString(shape) + " (axis " + d + ")");
            }
            int c = ownerCoord[d][(int) g];
            r = r * grid[d] + c;
            local = local * ownedGlobal[d][c].length + ownedPos[d][(int) g];
        }
        return offsets[r] + local;
    }

    /**
     * <b>Not collective.</b> {@link #rowOf} for int indices ({@link GridNumbering}, used by
     * {@code org.jdistarray.sparse.Stencils}).
     */
    @Override
    public long row(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(index.length + " indices for an array of shape " + Arrays.toString(shape));
        }
        int r = 0;
        long local = 0;
        for (int d = 0; d < shape.length; d++) {
            int g = index[d];
            if (g < 0 || g >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape) + " (axis " + d + ")");
            }
            int c = ownerCoord[d][g];
            r = r * grid[d] + c;
            local = local * ownedGlobal[d][c].length + ownedPos[d][g];
        }
        return offsets[r] + local;
    }

    /**
     * <b>Not collective.</b> The global index tuple of row {@code row}, the inverse of {@link #rowOf}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is outside {@code [0, size())}
     */
    public long[] indexOf(long row) {
        if (row < 0 || row >= size()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + size() + ")");
        }
        int r = Arrays.binarySearch(offsets, row);
        if (r < 0) {
            r = -r - 2;
        }
        while (offsets[r + 1] == row) {
            r++; // skip ranks with no elements
        }
        int[] c = dist.layout().grid().coordsOf(r);
        long local = row - offsets[r];
        long[] g = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            long[] owned = ownedGlobal[d][c[d]];
            g[d] = owned[(int) (local % owned.length)];
            local /= owned.length;
        }
        return g;
    }

    /** <b>Not collective.</b> The global indices this rank owns along {@code axis}, in local order (a copy). */
    public long[] ownedGlobalIndices(int axis) {
        return ownedGlobal[axis][dist.gridCoords()[axis]].clone();
    }

    /** <b>Not collective.</b> The natural (C-order, row-major) linear index of row {@code row}'s element. */
    public long naturalOf(long row) {
        return linear(indexOf(row));
    }

    /** <b>Not collective.</b> The row of the element with natural (C-order) linear index {@code natural}. */
    public long rowOfNatural(long natural) {
        if (natural < 0 || natural >= size()) {
            throw new IndexOutOfBoundsException("natural index " + natural + " outside [0, " + size() + ")");
        }
        long[] g = new long[shape.length];
        long rest = natural;
        for (int d = shape.length - 1; d >= 0; d--) {
            g[d] = rest % shape[d];
            rest /= shape[d];
        }
        return rowOf(g);
    }

    /**
     * <b>Not collective.</b> The natural (C-order) index of each of this rank's rows, in row order: the
     * "application ordering" array of PETSc's {@code AOCreateBasic} for this rank, or a Tpetra map's global IDs.
     */
    public long[] naturalIndices() {
        long[] out = new long[localRowCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = naturalOf(offsets[rank] + k);
        }
        return out;
    }

    /** <b>Not collective.</b> Whether rows equal natural C-order indices (one rank, or row blocks along axis 0). */
    public boolean isNatural() {
        for (int d = 1; d < shape.length; d++) {
            if (grid[d] > 1) {
                return false;
            }
        }
        if (shape.length == 0) {
            return true;
        }
        long next = 0;
        for (long[] owned : ownedGlobal[0]) {
            for (long g : owned) {
                if (g != next++) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * <b>Not collective.</b> The axes whose local blocks interleave communication padding (ghost cells) between owned
     * cells on some rank: such arrays cannot be handed to a solver in place. Empty if none (same on every rank).
     */
    public List<Integer> paddedAxes() {
        List<Integer> out = new ArrayList<>();
        List<AxisDistribution> axes = dist.axes();
        for (int d = 0; d < axes.size(); d++) {
            if (axes.get(d) instanceof BlockAxis b && b.commPadding() > 0) {
                for (int c = 0; c < b.gridSize(); c++) {
                    DimDistribution dim = b.dimFor(c);
                    if (dim instanceof org.jdistarray.protocol.Block blk
                            && (blk.commPadLeft() > 0 || blk.commPadRight() > 0)) {
                        out.add(d);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private long linear(long[] g) {
        long lin = 0;
        for (int d = 0; d < g.length; d++) {
            lin = lin * shape[d] + g[d];
        }
        return lin;
    }

    @Override
    public String toString() {
        return "GlobalNumbering[shape=" + Arrays.toString(shape) + ", grid=" + Arrays.toString(grid) + ", rank offsets="
                + (offsets.length <= 9 ? Arrays.toString(offsets) : offsets.length - 1 + " ranks") + "]";
    }
}
