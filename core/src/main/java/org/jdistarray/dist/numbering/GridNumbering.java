package org.jdistarray.dist.numbering;

/**
 * Maps the points of a structured grid (a C-order index {@code (i0, i1, ...)}) to global row numbers of a
 * distributed linear system. Solver libraries number unknowns rank by rank (rank 0's rows first), so the numbering
 * depends on how the grid is split over the ranks: {@link BlockNumbering} is that numbering for any Cartesian block
 * split (PETSc's DMDA ordering), and {@link #rowMajor} is the natural ordering, which equals it for a split along
 * the first axis only (row blocks).
 */
public interface GridNumbering {
    /** <b>Not collective.</b> The grid's shape (a copy). */
    int[] shape();

    /** <b>Not collective.</b> The global row of grid point {@code index} (one entry per axis, inside the shape). */
    long row(int[] index);

    /** <b>Not collective.</b> Number of grid points. */
    default long size() {
        long n = 1;
        for (int s : shape()) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** <b>Not collective.</b> Row-major (C order) numbering of a grid of {@code shape}: one block. */
    static GridNumbering rowMajor(int... shape) {
        return BlockNumbering.rowBlocks(shape, 1);
    }
}
