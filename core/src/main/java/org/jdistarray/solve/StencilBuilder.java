package org.jdistarray.solve;

import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of the standard finite-difference Laplacians on a structured grid, for the grid points a rank owns, in any
 * {@link GridNumbering}: the same code serves every layout and every solver bridge. Pure Java, no communication.
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
public final class StencilBuilder {
    /** The stencils {@link StencilBuilder} builds. */
    public enum Stencil {
        FIVE_POINT_2D(2),
        NINE_POINT_2D(2),
        SEVEN_POINT_3D(3);

        private final int dims;

        Stencil(int dims) {
            this.dims = dims;
        }

        /** Number of grid axes the stencil works on. */
        public int dims() {
            return dims;
        }
    }

    private static final int[][] FIVE = {{-1, 0}, {0, -1}, {0, 0}, {0, 1}, {1, 0}};
    private static final double[] FIVE_W = {-1, -1, 4, -1, -1};
    private static final int[][] NINE = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 0}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    private static final double[] NINE_W = {-1 / 6.0, -4 / 6.0, -1 / 6.0, -4 / 6.0, 20 / 6.0, -4 / 6.0, -1 / 6.0,
        -4 / 6.0, -1 / 6.0};
    private static final int[][] SEVEN = {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}};
    private static final double[] SEVEN_W = {-1, -1, -1, 6, -1, -1, -1};

    private StencilBuilder() {
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
        int[][] offsets = switch (stencil) {
            case FIVE_POINT_2D -> FIVE;
            case NINE_POINT_2D -> NINE;
            case SEVEN_POINT_3D -> SEVEN;
        };
        double[] weights = switch (stencil) {
            case FIVE_POINT_2D -> FIVE_W;
            case NINE_POINT_2D -> NINE_W;
            case SEVEN_POINT_3D -> SEVEN_W;
        };
        int width = offsets.length;
        long[][] cols = new long[rows][];
        double[][] vals = new double[rows][];
        long first = Long.MAX_VALUE;
        int[] p = lo.clone();
        int[] q = new int[nd];
        long[] rc = new long[width];
        double[] rv = new double[width];
        for (int n = 0; n < rows; n++) {
            first = Math.min(first, numbering.row(p));
            int k = 0;
            for (int s = 0; s < width; s++) {
                boolean inside = true;
                for (int d = 0; d < nd; d++) {
                    q[d] = p[d] + offsets[s][d];
                    inside &= q[d] >= 0 && q[d] < shape[d];
                }
                if (inside) {
                    rc[k] = numbering.row(q);
                    rv[k] = weights[s] * scale;
                    k++;
                }
            }
            sortPairs(rc, rv, k);
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

    /** Insertion sort of the first {@code k} (column, value) pairs by column (k is at most 9). */
    private static void sortPairs(long[] c, double[] v, int k) {
        for (int i = 1; i < k; i++) {
            long ci = c[i];
            double vi = v[i];
            int j = i - 1;
            while (j >= 0 && c[j] > ci) {
                c[j + 1] = c[j];
                v[j + 1] = v[j];
                j--;
            }
            c[j + 1] = ci;
            v[j + 1] = vi;
        }
    }
}
