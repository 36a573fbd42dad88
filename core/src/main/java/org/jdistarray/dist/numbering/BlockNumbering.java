package org.jdistarray.dist.numbering;

import java.util.Arrays;

import org.jdistarray.protocol.Partitions;

/**
 * The rank-by-rank numbering of a grid split into a Cartesian grid of blocks: along axis {@code d} the blocks are
 * {@code [bounds[d][k], bounds[d][k + 1])}; block (rank) {@code r} is the C-order position in the process grid;
 * rank 0's points are numbered first, each block's points in row-major order inside the block. This is PETSc's
 * DMDA ("PETSc ordering") and what wrapping each rank's contiguous C-order local block gives, so a distributed
 * array's local block needs no reordering. Immutable.
 */
public final class BlockNumbering implements GridNumbering {
    private final int[] shape;
    private final int[][] bounds;
    private final int[] procs;
    private final long[] firstRow;

    private BlockNumbering(int[] shape, int[][] bounds) {
        this.shape = shape.clone();
        this.bounds = new int[bounds.length][];
        this.procs = new int[shape.length];
        int blocks = 1;
        for (int d = 0; d < shape.length; d++) {
            int[] b = bounds[d].clone();
            if (b.length < 2 || b[0] != 0 || b[b.length - 1] != shape[d]) {
                throw new IllegalArgumentException("axis " + d + ": bounds " + Arrays.toString(b) + " must run from 0 to "
                        + shape[d]);
            }
            for (int k = 1; k < b.length; k++) {
                if (b[k] < b[k - 1]) {
                    throw new IllegalArgumentException("axis " + d + ": bounds " + Arrays.toString(b) + " decrease");
                }
            }
            this.bounds[d] = b;
            procs[d] = b.length - 1;
            blocks = Math.multiplyExact(blocks, procs[d]);
        }
        firstRow = new long[blocks + 1];
        for (int r = 0; r < blocks; r++) {
            firstRow[r + 1] = firstRow[r] + points(r);
        }
    }

    /**
     * <b>Not collective.</b> The numbering for blocks with the given per-axis bounds ({@code bounds[d]} runs from 0 to
     * {@code shape[d]}; {@code k + 1} entries for {@code k} blocks along the axis).
     */
    public static BlockNumbering of(int[] shape, int[][] bounds) {
        if (shape.length != bounds.length) {
            throw new IllegalArgumentException("shape has " + shape.length + " axes, bounds " + bounds.length);
        }
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
        }
        return new BlockNumbering(shape, bounds);
    }

    /**
     * <b>Not collective.</b> The grid split along axis 0 only, into {@code parts} row blocks split by
     * {@link Partitions#balanced} (PETSc's {@code PETSC_DECIDE} split, larger blocks first): the natural row-major
     * numbering.
     */
    public static BlockNumbering rowBlocks(int[] shape, int parts) {
        if (shape.length == 0 || parts < 1) {
            throw new IllegalArgumentException("need at least one axis and one part");
        }
        int[][] b = new int[shape.length][];
        long[] rows = Partitions.balanced(shape[0], parts);
        b[0] = new int[parts + 1];
        for (int k = 0; k <= parts; k++) {
            b[0][k] = (int) rows[k];
        }
        for (int d = 1; d < shape.length; d++) {
            b[d] = new int[] {0, shape[d]};
        }
        return of(shape, b);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** <b>Not collective.</b> Number of blocks (ranks). */
    public int blockCount() {
        return firstRow.length - 1;
    }

    /** <b>Not collective.</b> Lower corner (inclusive) of block {@code rank}. */
    public int[] lo(int rank) {
        checkRank(rank);
        return corner(rank, 0);
    }

    /** <b>Not collective.</b> Upper corner (exclusive) of block {@code rank}. */
    public int[] hi(int rank) {
        checkRank(rank);
        return corner(rank, 1);
    }

    private int[] corner(int rank, int offset) {
        int[] c = coords(rank);
        int[] lo = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            lo[d] = bounds[d][c[d] + offset];
        }
        return lo;
    }

    /** <b>Not collective.</b> The first global row of block {@code rank}. */
    public long firstRow(int rank) {
        checkRank(rank);
        return firstRow[rank];
    }

    /** <b>Not collective.</b> Number of grid points (rows) in block {@code rank}. */
    public int rowCount(int rank) {
        checkRank(rank);
        return Math.toIntExact(firstRow[rank + 1] - firstRow[rank]);
    }

    @Override
    public long row(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " axes, grid " + shape.length);
        }
        int block = 0;
        long local = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside grid " + Arrays.toString(shape));
            }
            int k = owner(bounds[d], i);
            block = block * procs[d] + k;
            local = local * (bounds[d][k + 1] - bounds[d][k]) + (i - bounds[d][k]);
        }
        return firstRow[block] + local;
    }

    private static int owner(int[] b, int i) {
        int k = Arrays.binarySearch(b, i);
        if (k < 0) {
            return -k - 2;
        }
        while (k + 1 < b.length - 1 && b[k + 1] == i) {
            k++; // skip empty blocks
        }
        return k;
    }

    private long points(int rank) {
        int[] lo = corner(rank, 0);
        int[] hi = corner(rank, 1);
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            n *= hi[d] - lo[d];
        }
        return n;
    }

    private int[] coords(int rank) {
        int[] c = new int[shape.length];
        int r = rank;
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = r % procs[d];
            r /= procs[d];
        }
        return c;
    }

    private void checkRank(int rank) {
        if (rank < 0 || rank >= blockCount()) {
            throw new IndexOutOfBoundsException("block " + rank + " of " + blockCount());
        }
    }

    @Override
    public String toString() {
        return "BlockNumbering" + Arrays.toString(shape) + " over " + Arrays.toString(procs) + " blocks";
    }
}
