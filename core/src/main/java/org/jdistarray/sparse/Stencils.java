package org.jdistarray.sparse;

import java.util.Arrays;
import java.util.Objects;

import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.dist.numbering.GridNumbering;

/**
 * Rows of the standard finite-difference Laplacians ({@link Stencil}) on a structured grid, for the grid points a
 * rank owns, in any {@link GridNumbering}: the same code serves every layout and every solver bridge. Pure Java, no
 * communication. A set of static functions (formerly {@code solve.Stencils}).
 *
 * <p>The operator is {@code -Δ} (positive definite), times {@code scale} (pass {@code 1 / h²} for grid spacing
 * {@code h}). Boundaries are homogeneous Dirichlet: the unknowns are the grid points, and neighbours outside the grid
 * are dropped (their known boundary values belong in the right-hand side). Columns in each row are sorted.
 * <ul>
 * <li>{@link Stencil#FIVE_POINT_2D}: 4 on the diagonal, -1 for the 4 edge neighbours;</li>
 * <li>{@link Stencil#NINE_POINT_2D}: the compact fourth-order ("Mehrstellen") stencil, 20/6 on the diagonal, -4/6
 * for edge and -1/6 for corner neighbours;</li>
 * <li>{@link Stencil#SEVEN_POINT_3D}: 6 on the diagonal, -1 for the 6 face neighbours.</li>
 * </ul>
 */
public final class Stencils {
    private Stencils() {
    }

    /** <b>Not collective.</b> {@link #laplacian(Stencil, GridNumbering, int[], int[], double)} with scale 1. */
    public static CsrRows laplacian(Stencil stencil, GridNumbering numbering, int[] lo, int[] hi) {
        return laplacian(stencil, numbering, lo, hi, 1.0);
    }

    /**
     * <b>Not collective.</b> The rows of the grid points in the box {@code [lo, hi)} (this rank's points), which
     * must be numbered consecutively by {@code numbering} (a rank's block in {@link BlockNumbering}); rows come out
     * in increasing order.
     *
     * @throws IllegalArgumentException if the box is outside the grid, the dimensions disagree, or the box's rows
     *                                  are not one consecutive range
     */
    public static CsrRows laplacian(Stencil stencil, GridNumbering numbering, int[] lo, int[] hi, double scale) {
        Objects.requireNonNull(stencil, "stencil");
        int[] shape = numbering.shape();
        int nd = stencil.dims();
        if (shape.length != nd || lo.length != nd || hi.length != nd) {
            throw new IllegalArgumentException(stencil + " needs a " + nd + "-d grid and box; got grid "
                    + Arrays.toString(shape) + ", box " + Arrays.toString(lo) + ".." + Arrays.toString(hi));
        }
        long count = 1;
        for (int d = 0; d < nd; d++) {
            if (lo[d] < 0 || hi[d] > shape[d] || lo[d] > hi[d]) {
                throw new IllegalArgumentException("box " + Arrays.toString(lo) + ".." + Arrays.toString(hi)
                        + " is not inside grid " + Arrays.toString(shape));
            }
            count *= hi[d] - lo[d];
        }
        int rows = Math.toIntExact(count);
        int[][] offsets = stencil.offsets();
        double[] weights = stencil.weights();
        CsrRows direct = consecutive(offsets, weights, scale, numbering, shape, lo, hi, rows);
        return direct != null ? direct : general(offsets, weights, scale, numbering, shape, lo, hi, rows);
    }

    /**
     * <b>Not collective.</b> The rows of the elements this rank owns in {@code numbering} (any layout: block, cyclic,
     * block-cyclic, unstructured), in row order: {@code numbering.firstRow()} onwards, matching the C order of the
     * distributed array's local block. The grid is the distribution's global shape.
     *
     * @throws IllegalArgumentException if the distribution's number of axes is not the stencil's
     */
    public static CsrRows laplacian(Stencil stencil, GlobalNumbering numbering, double scale) {
        return laplacian(stencil, numbering, 0, numbering.localRowCount(), scale);
    }

    /**
     * <b>Not collective.</b> Local rows {@code [from, to)} of {@link #laplacian(Stencil, GlobalNumbering, double)}
     * (row {@code numbering.firstRow() + from} first): build a rank's matrix chunk by chunk with bounded memory.
     *
     * @throws IllegalArgumentException if the axes disagree or {@code [from, to)} is not inside this rank's rows
     */
    public static CsrRows laplacian(Stencil stencil, GlobalNumbering numbering, int from, int to, double scale) {
        int rows = Math.max(to - from, 0);
        int[] rowPtr = new int[rows + 1];
        forEachRow(stencil, numbering, from, to, scale, (row, c, v, n) -> {
            int k = (int) (row - numbering.firstRow() - from);
            rowPtr[k + 1] = rowPtr[k] + n;
        });
        long[] cols = new long[rowPtr[rows]];
        double[] vals = new double[rowPtr[rows]];
        forEachRow(stencil, numbering, from, to, scale, (row, c, v, n) -> {
            int k = rowPtr[(int) (row - numbering.firstRow() - from)];
            System.arraycopy(c, 0, cols, k, n);
            System.arraycopy(v, 0, vals, k, n);
        });
        return new CsrRows(numbering.firstRow() + from, rowPtr, cols, vals);
    }

    /**
     * <b>Not collective.</b> Streams local rows {@code [from, to)} of
     * {@link #laplacian(Stencil, GlobalNumbering, double)} to {@code sink}, in row order, with no allocation per row
     * (what a bridge uses to write rows straight into the solver library).
     *
     * @throws IllegalArgumentException if the axes disagree or {@code [from, to)} is not inside this rank's rows
     */
    public static void forEachRow(Stencil stencil, GlobalNumbering numbering, int from, int to, double scale,
            RowSink sink) {
        Objects.requireNonNull(stencil, "stencil");
        int[] shape = numbering.shape();
        int nd = stencil.dims();
        if (shape.length != nd) {
            throw new IllegalArgumentException(stencil + " needs a " + nd + "-d grid; the distribution has shape "
                    + Arrays.toString(shape));
        }
        if (from < 0 || to < from || to > numbering.localRowCount()) {
            throw new IllegalArgumentException("local rows [" + from + ", " + to + ") are not inside [0, "
                    + numbering.localRowCount() + ")");
        }
        int[][] offsets = stencil.offsets();
        double[] weights = stencil.weights();
        int[][] owned = new int[nd][];
        int[] pos = new int[nd];
        int[] counts = new int[nd];
        long rest = from;
        for (int d = nd - 1; d >= 0; d--) {
            long[] g = numbering.ownedGlobalIndices(d);
            owned[d] = new int[g.length];
            for (int k = 0; k < g.length; k++) {
                owned[d][k] = (int) g[k];
            }
            counts[d] = g.length;
            pos[d] = counts[d] == 0 ? 0 : (int) (rest % counts[d]);
            rest = counts[d] == 0 ? 0 : rest / counts[d];
        }
        int[] p = new int[nd];
        int[] q = new int[nd];
        long[] cols = new long[offsets.length];
        double[] vals = new double[offsets.length];
        long row = numbering.firstRow() + from;
        for (int n = from; n < to; n++) {
            place(owned, pos, p);
            int k = 0;
            for (int s = 0; s < offsets.length; s++) {
                if (inside(p, offsets[s], q, shape)) {
                    cols[k] = numbering.row(q);
                    vals[k] = weights[s] * scale;
                    k++;
                }
            }
            sortPairs(cols, vals, 0, k);
            sink.row(row++, cols, vals, k);
            step(pos, counts);
        }
    }

    private static void place(int[][] owned, int[] pos, int[] p) {
        for (int d = 0; d < p.length; d++) {
            p[d] = owned[d][pos[d]];
        }
    }

    /** Advances a C-order multi-index over {@code [0, counts)}. */
    private static void step(int[] pos, int[] counts) {
        for (int d = pos.length - 1; d >= 0; d--) {
            if (++pos[d] < counts[d]) {
                return;
            }
            pos[d] = 0;
        }
    }

    /**
     * The common case, without per-row objects: the box's points, visited in C order, have consecutive rows (a
     * rank's block in {@link BlockNumbering}). Two passes: count entries per row, then fill flat arrays. Returns null
     * if the rows are not consecutive in visiting order.
     */
    private static CsrRows consecutive(int[][] offsets, double[] weights, double scale, GridNumbering numbering,
            int[] shape, int[] lo, int[] hi, int rows) {
        int nd = shape.length;
        int[] rowPtr = new int[rows + 1];
        int[] p = lo.clone();
        int[] q = new int[nd];
        long first = rows == 0 ? 0 : numbering.row(p);
        for (int n = 0; n < rows; n++) {
            if (numbering.row(p) != first + n) {
                return null;
            }
            int k = 0;
            for (int[] off : offsets) {
                k += inside(p, off, q, shape) ? 1 : 0;
            }
            rowPtr[n + 1] = rowPtr[n] + k;
            next(p, lo, hi);
        }
        long[] cols = new long[rowPtr[rows]];
        double[] vals = new double[rowPtr[rows]];
        p = lo.clone();
        for (int n = 0; n < rows; n++) {
            int k = rowPtr[n];
            for (int s = 0; s < offsets.length; s++) {
                if (inside(p, offsets[s], q, shape)) {
                    cols[k] = numbering.row(q);
                    vals[k] = weights[s] * scale;
                    k++;
                }
            }
            sortPairs(cols, vals, rowPtr[n], k);
            next(p, lo, hi);
        }
        return new CsrRows(first, rowPtr, cols, vals);
    }

    private static boolean inside(int[] p, int[] off, int[] q, int[] shape) {
        boolean in = true;
        for (int d = 0; d < p.length; d++) {
            q[d] = p[d] + off[d];
            in &= q[d] >= 0 && q[d] < shape[d];
        }
        return in;
    }

    /** Any numbering where the box's rows form one range, in any order: one small array per row, then sorted by row. */
    private static CsrRows general(int[][] offsets, double[] weights, double scale, GridNumbering numbering,
            int[] shape, int[] lo, int[] hi, int rows) {
        int width = offsets.length;
        long[][] cols = new long[rows][];
        double[][] vals = new double[rows][];
        long first = Long.MAX_VALUE;
        int[] p = lo.clone();
        int[] q = new int[shape.length];
        long[] rc = new long[width];
        double[] rv = new double[width];
        for (int n = 0; n < rows; n++) {
            first = Math.min(first, numbering.row(p));
            int k = 0;
            for (int s = 0; s < width; s++) {
                if (inside(p, offsets[s], q, shape)) {
                    rc[k] = numbering.row(q);
                    rv[k] = weights[s] * scale;
                    k++;
                }
            }
            sortPairs(rc, rv, 0, k);
            cols[n] = Arrays.copyOf(rc, k);
            vals[n] = Arrays.copyOf(rv, k);
            next(p, lo, hi);
        }
        return assemble(numbering, lo, hi, rows, first, cols, vals);
    }

    private static CsrRows assemble(GridNumbering numbering, int[] lo, int[] hi, int rows, long first, long[][] cols,
            double[][] vals) {
        long[][] byRow = new long[rows][];
        double[][] valsByRow = new double[rows][];
        int[] p = lo.clone();
        for (int n = 0; n < rows; n++) {
            long r = numbering.row(p) - first;
            if (r < 0 || r >= rows || byRow[(int) r] != null) {
                throw new IllegalArgumentException("the rows of box " + Arrays.toString(lo) + ".." + Arrays.toString(hi)
                        + " are not one consecutive range in " + numbering);
            }
            byRow[(int) r] = cols[n];
            valsByRow[(int) r] = vals[n];
            next(p, lo, hi);
        }
        int[] rowPtr = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            rowPtr[r + 1] = rowPtr[r] + byRow[r].length;
        }
        long[] c = new long[rowPtr[rows]];
        double[] v = new double[rowPtr[rows]];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(byRow[r], 0, c, rowPtr[r], byRow[r].length);
            System.arraycopy(valsByRow[r], 0, v, rowPtr[r], valsByRow[r].length);
        }
        return new CsrRows(rows == 0 ? 0 : first, rowPtr, c, v);
    }

    /** Advances {@code p} through the box in C order. */
    private static void next(int[] p, int[] lo, int[] hi) {
        for (int d = p.length - 1; d >= 0; d--) {
            if (++p[d] < hi[d]) {
                return;
            }
            p[d] = lo[d];
        }
    }

    /** Insertion sort of the (column, value) pairs in {@code [from, to)} by column (at most 9 of them). */
    private static void sortPairs(long[] c, double[] v, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long ci = c[i];
            double vi = v[i];
            int j = i - 1;
            while (j >= from && c[j] > ci) {
                c[j + 1] = c[j];
                v[j + 1] = v[j];
                j--;
            }
            c[j + 1] = ci;
            v[j + 1] = vi;
        }
    }
}
