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
 * along axis 0. {@code matmul} and {@code dot} of 1-d and 2-d float64 arrays by SUMMA over a 2-d process grid on
 * block and block-cyclic layouts (the ScaLAPACK layouts), the local products by {@code cblas_dgemm} of the best BLAS
 * that loads (OpenBLAS, else {@code libblas.so.3}) or by blocked Java loops.
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
     * <b>Collective.</b> {@code np.matmul(a, b)} ({@code a @ b}) of 1-d and 2-d float64 arrays, any layouts, by SUMMA
     * over a 2-d process grid (see {@link #run}). A 1-d operand is a row ({@code a}) or column ({@code b}) vector
     * whose axis is dropped from the result, as NumPy. Caller must close the result.
     */
    public static DistArray matmul(DistArray a, DistArray b) {
        return run(a, b, AlgoOptions.defaults()).array();
    }

    /** <b>Collective.</b> {@link #matmul} with options (memory budget, local kernel). Caller must close the result. */
    public static DistArray matmul(DistArray a, DistArray b, AlgoOptions options) {
        return run(a, b, options).array();
    }

    /**
     * <b>Collective.</b> {@code np.dot(a, b)} of 1-d and 2-d float64 arrays: for these the same product as
     * {@link #matmul} (a 0-d array for two vectors), with {@code np.dot}'s error text. Caller must close the result.
     */
    public static DistArray dot(DistArray a, DistArray b) {
        return dot(a, b, AlgoOptions.defaults());
    }

    /** <b>Collective.</b> {@link #dot} with options. Caller must close the result. */
    public static DistArray dot(DistArray a, DistArray b, AlgoOptions options) {
        Work.verify(a, "dot", Work.number(b));
        check(a, b, "dot");
        if (a.ndim() == 0 || b.ndim() == 0 || a.ndim() > 2 || b.ndim() > 2) {
            throw new IllegalArgumentException("dot: only 1-d and 2-d operands are supported, got " + a.ndim()
                    + "-d and " + b.ndim() + "-d");
        }
        int ka = a.ndim() - 1;
        long k = a.shape()[ka];
        long kb = b.shape()[0];
        if (k != kb) {
            throw new IllegalArgumentException("shapes " + pyShape(a.shape()) + " and " + pyShape(b.shape())
                    + " not aligned: " + k + " (dim " + ka + ") != " + kb + " (dim 0)");
        }
        return run(a, b, options).array();
    }

    /**
     * <b>Collective.</b> {@link #matmul} returning the measured plan: the grid, the panel width, the kernel that ran
     * ({@code cblas_dgemm} of which BLAS, or the Java loops), rounds (panel broadcasts), bytes sent per rank, peak
     * extra memory, phases {@code toGrid} (redistribution onto the grid layouts), {@code panels} (packing and
     * broadcasts), {@code localProducts}, {@code write}. The result has {@code a}'s row map and {@code b}'s column map
     * on the grid when both are block or block-cyclic 2-d layouts on a grid of every rank (ScaLAPACK's); otherwise
     * the operands are redistributed to block x block on a near-square grid. The budget caps the two panel buffers
     * (narrower panels, more rounds) and is passed to the redistributions. Caller must close the result's array.
     */
    public static Sorting.Result run(DistArray a, DistArray b, AlgoOptions options) {
        Work.verify(a, "matmul", Work.number(b));
        check(a, b, "matmul");
        for (int i = 0; i < 2; i++) {
            DistArray x = i == 0 ? a : b;
            if (x.ndim() == 0) {
                throw new IllegalArgumentException("matmul: Input operand " + i + " does not have enough dimensions"
                        + " (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
            }
            if (x.ndim() > 2) {
                throw new IllegalArgumentException("matmul: stacks of matrices (" + x.ndim()
                        + "-d operands) are not supported, only 1-d and 2-d");
            }
        }
        long k = a.shape()[a.ndim() - 1];
        long kb = b.shape()[0];
        if (kb != k) {
            throw new IllegalArgumentException("matmul: Input operand 1 has a mismatch in its core dimension 0, with"
                    + " gufunc signature (n?,k),(k,m?)->(n?,m?) (size " + kb + " is different from " + k + ")");
        }
        DistArray a2 = a.ndim() == 2 ? a : a.reshape(1, k);
        DistArray b2 = null;
        try {
            b2 = b.ndim() == 2 ? b : b.reshape(k, 1);
            Sorting.Result r = Summa.run(a2, b2, options);
            if (a.ndim() == 2 && b.ndim() == 2) {
                return r;
            }
            long[] shape = a.ndim() == 2 ? new long[] {a.shape()[0]}
                    : b.ndim() == 2 ? new long[] {b.shape()[1]} : new long[0];
            try (DistArray c = r.array()) {
                return new Sorting.Result(c.reshape(shape), r.plan());
            }
        } finally {
            if (a2 != a) {
                a2.close();
            }
            if (b2 != null && b2 != b) {
                b2.close();
            }
        }
    }

    /**
     * <b>Not collective.</b> The plan {@link #run} would follow for 2-d operands on these layouts (from the shapes
     * and layouts only): grid, panel width, kernel, rounds, bytes sent per rank, peak extra memory.
     */
    public static AlgoPlan explain(Distribution a, Distribution b, AlgoOptions options) {
        if (a.ndim() != 2 || b.ndim() != 2 || a.shape()[1] != b.shape()[0]) {
            throw new IllegalArgumentException("explain: 2-d operands (n, k) and (k, m) expected, got "
                    + pyShape(a.shape()) + " and " + pyShape(b.shape()));
        }
        Summa.Layouts w = Summa.layouts(a, b);
        return Summa.estimate(w, Summa.width(options.budget(), w.c()), Summa.kernel(options.gemm()));
    }

    /**
     * <b>Not collective.</b> The local kernel {@code matmul} uses by default: {@code "cblas_dgemm of <library>"} or
     * {@code "Java blocked loops (no BLAS found)"}.
     */
    public static String kernel() {
        return Summa.kernel(AlgoOptions.Gemm.AUTO);
    }

    /**
     * <b>Not collective.</b> The plan of {@link #outer}: {@code a} to the balanced block layout and {@code b}
     * replicated (two redistributions; {@code b} reaches every rank), no further messages; peak extra memory the
     * replicated {@code b} and the local rows.
     */
    public static AlgoPlan explainOuter(DistArray a, DistArray b) {
        int p = a.distribution().communicator().size();
        long n = a.globalSize();
        long m = b.globalSize();
        long rows = (n + p - 1) / p;
        return new AlgoPlan("outer: a in row blocks, b replicated (estimate)", 2, 8 * (rows + m), 8 * (rows + m)
                + 8 * rows * m, java.util.Map.of());
    }

    private static void check(DistArray a, DistArray b, String op) {
        if (a.dtype() != DType.FLOAT64 || b.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": only float64 is supported, got " + a.dtype().numpyName()
                    + " and " + b.dtype().numpyName());
        }
    }

    private static String pyShape(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(s[i]).append(s.length == 1 ? "," : i + 1 < s.length ? "," : "");
        }
        return b.append(')').toString();
    }
}
