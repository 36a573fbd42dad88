package org.jdistarray.ops;

import java.nio.DoubleBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;

/**
 * The stencil idiom of the element-wise operations (until slicing views exist): a 5-point Jacobi sweep on a 2-D
 * float64 array whose block axes carry one ghost cell ({@code padding(axis, 1, 1)}): {@link #jacobi5} exchanges the
 * ghosts once and writes {@code out[i, j] = 0.25 * (u[i-1, j] + u[i+1, j] + u[i, j-1] + u[i, j+1])} on the global
 * interior in one pass over the local block's memory (rows of the strided local view, no temporaries); the global
 * boundary keeps {@code u}'s values (Dirichlet). Swap {@code u} and {@code out} between sweeps.
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
        for (long i = lo[0]; i < hi[0]; i++) {
            long gi = g0[0] + (i - lo[0]);
            int row = first + (int) (i - lo[0]) * s0;
            if (gi == 0 || gi == shape[0] - 1) {
                copy(x, y, row, 0, n, s1);
                continue;
            }
            copy(x, y, row, 0, kLo, s1);
            copy(x, y, row, Math.max(kHi, kLo), n, s1);
            if (s1 == 1) {
                sweepRow(x, y, row, kLo, kHi, s0);
            } else {
                for (int k = kLo; k < kHi; k++) {
                    int q = row + k * s1;
                    y.put(q, 0.25 * (x.get(q - s0) + x.get(q + s0) + x.get(q - s1) + x.get(q + s1)));
                }
            }
        }
        return out;
    }

    private static void sweepRow(DoubleBuffer x, DoubleBuffer y, int row, int from, int to, int s0) {
        for (int k = from; k < to; k++) {
            int q = row + k;
            y.put(q, 0.25 * (x.get(q - s0) + x.get(q + s0) + x.get(q - 1) + x.get(q + 1)));
        }
    }

    private static void copy(DoubleBuffer x, DoubleBuffer y, int row, int from, int to, int s1) {
        for (int k = from; k < to; k++) {
            y.put(row + k * s1, x.get(row + k * s1));
        }
    }
}
