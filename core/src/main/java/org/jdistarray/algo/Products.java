package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code np.outer} of two float64 arrays (flattened, as NumPy): {@code a} in the balanced block layout, {@code b}
 * replicated on every rank (one redistribution), each rank computing its rows. The result is (len(a), len(b)), block
 * along axis 0. {@code matmul} of 2-d float64 arrays: {@code A} in row blocks, {@code B} replicated on every rank
 * (one redistribution: memory k*m per rank), each rank multiplying its rows (plain Java loops, no BLAS). This is
 * not SUMMA: the 2-d process-grid algorithm of the ScaLAPACK layouts is not implemented yet.
 */
public final class Products {
    private Products() {
    }

    /** <b>Collective.</b> {@code np.outer(a, b)} of float64 arrays. Caller must close the result. */
    public static DistArray outer(DistArray a, DistArray b) {
        Work.verify(a, "outer", Work.number(b));
        if (a.dtype() != DType.FLOAT64 || b.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("outer: only float64 is supported, got " + a.dtype().numpyName()
                    + " and " + b.dtype().numpyName());
        }
        DistArray fa = a.ndim() == 1 ? a : a.reshape(a.globalSize());
        DistArray fb = b.ndim() == 1 ? b : b.reshape(b.globalSize());
        try {
            long n = fa.globalSize();
            long m = fb.globalSize();
            DistArray ra = Work.onto(fa, Work.blockAlong(fa.distribution(), new long[] {n}, 0), 0);
            Distribution whole = Distribution.builder(fb.distribution().communicator()).shape(m).undistributed(0)
                    .build();
            DistArray rb = Work.onto(fb, whole, 0);
            try {
                double[] x = Values.doubles(Work.bytes(ra), DType.FLOAT64, (int) ra.local().elementCount());
                double[] y = Values.doubles(Work.bytes(rb), DType.FLOAT64, (int) m);
                long cells = (long) x.length * m;
                if (cells * 8 > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("outer: local block of " + cells + " elements is above 2 GiB");
                }
                ByteBuffer out = ByteBuffer.allocate((int) cells * 8).order(ByteOrder.nativeOrder());
                DoubleBuffer d = out.asDoubleBuffer();
                for (double xi : x) {
                    for (double yj : y) {
                        d.put(xi * yj);
                    }
                }
                return Work.fromBytes(Work.blockAlong(fa.distribution(), new long[] {n, m}, 0), DType.FLOAT64, out);
            } finally {
                if (ra != fa) {
                    ra.close();
                }
                if (rb != fb) {
                    rb.close();
                }
            }
        } finally {
            if (fa != a) {
                fa.close();
            }
            if (fb != b) {
                fb.close();
            }
        }
    }
    /**
     * <b>Collective.</b> {@code np.matmul(a, b)} of 2-d float64 arrays ({@code (n, k) @ (k, m)}), any layouts; the
     * result is (n, m), block along axis 0. Caller must close the result.
     */
    public static DistArray matmul(DistArray a, DistArray b) {
        Work.verify(a, "matmul", Work.number(b));
        if (a.dtype() != DType.FLOAT64 || b.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("matmul: only float64 is supported, got " + a.dtype().numpyName()
                    + " and " + b.dtype().numpyName());
        }
        if (a.ndim() != 2 || b.ndim() != 2) {
            throw new IllegalArgumentException("matmul: only 2-d operands are supported, got " + a.ndim() + "-d and "
                    + b.ndim() + "-d");
        }
        long n = a.shape()[0];
        long k = a.shape()[1];
        long m = b.shape()[1];
        if (b.shape()[0] != k) {
            throw new IllegalArgumentException("matmul: Input operand 1 has a mismatch in its core dimension 0, with"
                    + " gufunc signature (n?,k),(k,m?)->(n?,m?) (size " + b.shape()[0] + " is different from " + k
                    + ")");
        }
        DistArray ra = Work.onto(a, Work.blockAlong(a.distribution(), a.shape(), 0), 0);
        Distribution whole = Distribution.builder(b.distribution().communicator()).shape(k, m).undistributed(0)
                .undistributed(1).build();
        DistArray rb = Work.onto(b, whole, 0);
        try {
            int rows = (int) ra.local().shape()[0];
            double[] x = Values.doubles(Work.bytes(ra), DType.FLOAT64, (int) ra.local().elementCount());
            double[] y = Values.doubles(Work.bytes(rb), DType.FLOAT64, (int) (k * m));
            double[] c = new double[(int) (rows * m)];
            int kk = (int) k;
            int mm = (int) m;
            for (int i = 0; i < rows; i++) {
                for (int p = 0; p < kk; p++) {
                    double xv = x[i * kk + p];
                    int yo = p * mm;
                    int co = i * mm;
                    for (int j = 0; j < mm; j++) {
                        c[co + j] += xv * y[yo + j];
                    }
                }
            }
            return Work.fromBytes(Work.blockAlong(a.distribution(), new long[] {n, m}, 0), DType.FLOAT64,
                    Values.of(c, DType.FLOAT64));
        } finally {
            if (ra != a) {
                ra.close();
            }
            if (rb != b) {
                rb.close();
            }
        }
    }
}
