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
public final class Stencils {
    private Stencils() {
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
        for (long i = lo[0]; i < hi[0]; i++) {
            long gi = a.globalFromLocal(i, lo[1])[0];
            int row = (int) (a.offsetOf(i, lo[1]) - base);
            int n = (int) (hi[1] - lo[1]);
            long gj0 = a.globalFromLocal(i, lo[1])[1];
            if (gi == 0 || gi == shape[0] - 1) {
                for (int k = 0; k < n; k++) {
                    y.put(row + k * s1, x.get(row + k * s1));
                }
                continue;
            }
            for (int k = 0; k < n; k++) {
                int p = row + k * s1;
                long gj = gj0 + k;
                y.put(p, gj == 0 || gj == shape[1] - 1 ? x.get(p)
                        : 0.25 * (x.get(p - s0) + x.get(p + s0) + x.get(p - s1) + x.get(p + s1)));
            }
        }
        return out;
    }
}
