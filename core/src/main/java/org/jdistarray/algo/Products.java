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
 * along axis 0. ({@code dot}/{@code matmul} by SUMMA are not implemented yet.)
 */
public final class Products {
    private Products() {
    }

    /** <b>Collective.</b> {@code np.outer(a, b)} of float64 arrays. Caller must close the result. */
    public static DistArray outer(DistArray a, DistArray b) {
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
}
