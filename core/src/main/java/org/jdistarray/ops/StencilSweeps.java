package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;

/**
 * The stencil idiom of the element-wise operations (until slicing views exist): a 5-point Jacobi sweep on a 2-D
 * float64 array whose block axes carry one ghost cell ({@code padding(axis, 1, 1)}): {@link #jacobi5} exchanges the
 * ghosts once and writes {@code out[i, j] = 0.25 * (u[i-1, j] + u[i+1, j] + u[i, j-1] + u[i, j+1])} on the global
 * interior in one pass over the local block's memory (rows with contiguous elements: the native loop of
 * {@link NativeKernels}, vectorised, or without it row by row through three heap row buffers, a loop C2 vectorises;
 * the same bits either way); the global boundary keeps {@code u}'s values (Dirichlet). Swap {@code u} and
 * {@code out} between sweeps.
 */
public final class StencilSweeps {
    private StencilSweeps() {
    }

    /**
     * <b>Collective</b> (the ghost exchange of {@code u}). One Jacobi sweep from {@code u} into {@code out}.
     *
     * @throws IllegalArgumentException if the arrays are not 2-D float64 of the same layout, or are the same array
     */
    public static DistArray jacobi5(DistArray u, DistArray out) {
        if (u == null || out == null || u == out) {
            throw new IllegalArgumentException("jacobi5: u and out must be two distinct arrays");
        }
        if (u.ndim() != 2 || u.dtype() != org.jdistarray.protocol.DType.FLOAT64
                || out.dtype() != org.jdistarray.protocol.DType.FLOAT64 || !u.distribution().equals(out.distribution())) {
            throw new IllegalArgumentException("jacobi5: u and out must be 2-D float64 arrays of the same layout, got "
                    + u.dtype().numpyName() + Arrays.toString(u.shape()) + " and " + out.dtype().numpyName()
                    + Arrays.toString(out.shape()));
        }
        for (var ax : u.distribution().axes()) {
            if (!(ax instanceof org.jdistarray.protocol.BlockAxis || ax instanceof org.jdistarray.protocol.UndistributedAxis)) {
                throw new IllegalArgumentException("jacobi5: every axis must be block or undistributed, got " + ax);
            }
        }
        u.exchangeGhosts();
        LocalBlock a = u.local();
        LocalBlock b = out.local();
        long[] lo = a.ownedLo();
        long[] hi = a.ownedHi();
        if (lo[0] >= hi[0] || lo[1] >= hi[1]) {
            return out;
        }
        long[] shape = u.shape();
        DoubleBuffer x = a.asDoubles();
        DoubleBuffer y = b.asDoubles();
        long base = a.offset();
        int s0 = (int) a.strides()[0];
        int s1 = (int) a.strides()[1];
        long[] g0 = a.globalFromLocal(lo[0], lo[1]); // block axes: global = g0 + (local - lo)
        int n = (int) (hi[1] - lo[1]);
        int first = (int) (a.offsetOf(lo[0], lo[1]) - base);
        // columns whose global index is 0 or the last one keep u's value
        int kLo = g0[1] == 0 ? 1 : 0;
        int kHi = g0[1] + n == shape[1] ? n - 1 : n;
        if (s1 == 1) {
            long ax = ReduceKernels.address(x);
            long ay = ReduceKernels.address(y);
            if (NativeKernels.on() && ax != 0 && ay != 0 && x.order() == ByteOrder.nativeOrder()
                    && y.order() == ByteOrder.nativeOrder()) {
                // the same rows on the arrays' memory, vectorised (the same sum in the same order: the same bits)
                NativeKernels.jacobi5Rows(ax, ay, first, s0, n, hi[0] - lo[0], g0[0], shape[0], kLo, kHi);
            } else {
                rows(x, y, first, s0, n, hi[0] - lo[0], g0[0], shape[0], kLo, kHi);
            }
            return out;
        }
        for (long i = lo[0]; i < hi[0]; i++) {
            long gi = g0[0] + (i - lo[0]);
            int row = first + (int) (i - lo[0]) * s0;
            if (gi == 0 || gi == shape[0] - 1) {
                copy(x, y, row, 0, n, s1);
                continue;
            }
            copy(x, y, row, 0, kLo, s1);
            copy(x, y, row, Math.max(kHi, kLo), n, s1);
            for (int k = kLo; k < kHi; k++) {
                int q = row + k * s1;
                y.put(q, 0.25 * (x.get(q - s0) + x.get(q + s0) + x.get(q - s1) + x.get(q + s1)));
            }
        }
        return out;
    }

    /**
     * The rows of a block whose rows are contiguous ({@code s1 == 1}), through heap row buffers: C2 vectorises a loop
     * over {@code double[]} but not one over a direct {@code DoubleBuffer} (Java 17), and the bulk copies in and out
     * are memcpy. Rows {@code i-1, i, i+1} (columns {@code kLo-1 .. kHi}) roll through three buffers, so each row of
     * {@code u} is copied in once. The sum is the element loop's, in the same order (the same bits).
     */
    private static void rows(DoubleBuffer x, DoubleBuffer y, int first, int s0, int n, long rows, long gFirst,
            long globalRows, int kLo, int kHi) {
        int m = kHi - kLo;
        int w = Math.max(m, 0) + 2;
        double[] north = new double[w];
        double[] mid = new double[w];
        double[] south = new double[w];
        double[] res = new double[Math.max(n, w)];
        long midRow = Long.MIN_VALUE; // the local row held in mid
        for (long i = 0; i < rows; i++) {
            long gi = gFirst + i;
            int row = first + (int) i * s0;
            if (gi == 0 || gi == globalRows - 1 || m <= 0) {
                x.get(row, res, 0, n);
                y.put(row, res, 0, n);
                continue;
            }
            if (kLo > 0) {
                y.put(row, x.get(row));
            }
            if (kHi < n) {
                y.put(row + kHi, x.get(row + kHi));
            }
            if (midRow == i - 1) {
                double[] t = north;
                north = mid;
                mid = south;
                south = t;
            } else {
                x.get(row - s0 + kLo - 1, north, 0, w);
                x.get(row + kLo - 1, mid, 0, w);
            }
            x.get(row + s0 + kLo - 1, south, 0, w);
            midRow = i;
            sweepRow(north, mid, south, res, m);
            y.put(row + kLo, res, 0, m);
        }
    }

    /** {@code res[k] = 0.25 * (north[k+1] + south[k+1] + mid[k] + mid[k+2])}: the 5-point update of one row. */
    private static void sweepRow(double[] north, double[] mid, double[] south, double[] res, int m) {
        for (int k = 0; k < m; k++) {
            res[k] = 0.25 * (north[k + 1] + south[k + 1] + mid[k] + mid[k + 2]);
        }
    }

    private static void copy(DoubleBuffer x, DoubleBuffer y, int row, int from, int to, int s1) {
        for (int k = from; k < to; k++) {
            y.put(row + k * s1, x.get(row + k * s1));
        }
    }
}
