package org.jdistarray.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.plot.PlotOptions;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.DType;

/**
 * The Julia set of {@code z -> z² + c} by element-wise operations only ({@link Np}): the real and imaginary parts are
 * two distributed arrays, every iteration a handful of ufunc calls writing into preallocated arrays
 * ({@link UfuncOptions#out}); a point that has escaped ({@code |z|² > 4}) is frozen with {@link Np#where}, so nothing
 * overflows. The result (iterations spent inside) is drawn with {@link Plots#values}, its distribution with
 * {@link Plots#distribution}.
 *
 * <pre>java -cp ... org.jdistarray.examples.JuliaSet [W=480] [H=320] [iterations=80] [ranks=4] [out=julia]</pre>
 *
 * runs on {@code ranks} thread ranks (or under {@code mpirun}: {@code mpi=true}) and writes {@code out.png} and
 * {@code out-distribution.png}; prints the timings.
 */
public final class JuliaSet {
    /** The constant c = -0.8 + 0.156i. */
    public static final double CR = -0.8;
    public static final double CI = 0.156;

    private JuliaSet() {
    }

    /** The coordinates of element {@code (i, j)} of an {@code h x w} picture of [-1.6, 1.6] x [-1, 1]. */
    static double x(long j, long w) {
        return -1.6 + 3.2 * j / Math.max(1, w - 1);
    }

    static double y(long i, long h) {
        return -1.0 + 2.0 * i / Math.max(1, h - 1);
    }

    /**
     * <b>Collective.</b> The iteration counts (int64) on {@code dist} (2-D, any layout): element (i, j) counts the
     * iterations {@code k < iterations} at which {@code |z_k|² <= 4}. Caller closes the result.
     */
    public static DistArray counts(Distribution dist, int iterations) {
        long h = dist.shape()[0];
        long w = dist.shape()[1];
        DistArray zr = DistArrays.fromFunction(dist, DType.FLOAT64, g -> x(g[1], w));
        DistArray zi = DistArrays.fromFunction(dist, DType.FLOAT64, g -> y(g[0], h));
        DistArray count = DistArrays.zeros(dist, DType.INT64);
        DistArray four = DistArrays.full(dist, DType.FLOAT64, 4.0);
        DistArray two = DistArrays.full(dist, DType.FLOAT64, 2.0);
        DistArray cr = DistArrays.full(dist, DType.FLOAT64, CR);
        DistArray ci = DistArrays.full(dist, DType.FLOAT64, CI);
        DistArray zr2 = DistArrays.emptyLike(zr);
        DistArray zi2 = DistArrays.emptyLike(zr);
        DistArray t = DistArrays.emptyLike(zr);
        DistArray nr = DistArrays.emptyLike(zr);
        DistArray inside = DistArrays.empty(dist, DType.BOOL);
        try {
            for (int k = 0; k < iterations; k++) {
                Np.square(zr, UfuncOptions.out(zr2));
                Np.square(zi, UfuncOptions.out(zi2));
                Np.add(zr2, zi2, UfuncOptions.out(t));
                Np.lessEqual(t, four, UfuncOptions.out(inside));
                Np.add(count, inside, UfuncOptions.out(count));
                Np.subtract(zr2, zi2, UfuncOptions.out(nr));
                Np.add(nr, cr, UfuncOptions.out(nr));                 // zr' = zr² - zi² + cr
                Np.multiply(zr, zi, UfuncOptions.out(t));
                Np.multiply(t, two, UfuncOptions.out(t));
                Np.add(t, ci, UfuncOptions.out(t));                   // zi' = 2 zr zi + ci
                DistArray zrNext = Np.where(inside, nr, zr);           // escaped points stay where they are
                DistArray ziNext = Np.where(inside, t, zi);
                zr.close();
                zi.close();
                zr = zrNext;
                zi = ziNext;
            }
            return count;
        } catch (RuntimeException e) {
            count.close();
            throw e;
        } finally {
            for (DistArray a : new DistArray[] {zr, zi, four, two, cr, ci, zr2, zi2, t, nr, inside}) {
                a.close();
            }
        }
    }

    /** <b>Not collective.</b> The serial count of element (i, j), the same arithmetic in the same order. */
    public static long serialCount(long i, long j, long h, long w, int iterations) {
        double zr = x(j, w);
        double zi = y(i, h);
        long n = 0;
        for (int k = 0; k < iterations; k++) {
            double zr2 = zr * zr;
            double zi2 = zi * zi;
            boolean in = zr2 + zi2 <= 4.0;
            if (in) {
                n++;
                double nr = zr2 - zi2 + CR;
                zi = zr * zi * 2.0 + CI;
                zr = nr;
            }
        }
        return n;
    }

    /** <b>Collective.</b> Computes the set on {@code comm}, writes the pictures (rank 0), prints timings. */
    public static void run(Communicator comm, int w, int h, int iterations, Path out) {
        // rows dealt out round-robin, each row whole on one rank: every rank gets inside and outside points alike
        Distribution d = Distribution.builder(comm).shape(h, w).cyclic(0).undistributed(1).build();
        comm.barrier();
        long t0 = System.nanoTime();
        try (DistArray c = counts(d, iterations)) {
            double compute = Collectives.max(comm, (System.nanoTime() - t0) * 1e-9);
            long t1 = System.nanoTime();
            var pic = Plots.values(c, String.format(Locale.ROOT, "Julia set of z^2 + (%.3f%+.3fi), %d iterations",
                    CR, CI, iterations), 0);
            // the same layout on the first rows and columns (a sample of a cyclic axis would alias)
            var dist = Plots.distribution(Distribution.builder(comm).shape(Math.min(h, 24), Math.min(w, 32))
                    .cyclic(0).undistributed(1).build(), PlotOptions.defaults().title("its distribution (first "
                    + Math.min(h, 24) + " rows, " + Math.min(w, 32) + " columns)"));
            double draw = (System.nanoTime() - t1) * 1e-9;
            if (comm.rank() == 0) {
                pic.write(out.resolveSibling(out.getFileName() + ".png"));
                dist.write(out.resolveSibling(out.getFileName() + "-distribution.png"));
                System.out.printf(Locale.ROOT, "JULIA %dx%d iterations=%d ranks=%d compute=%.3fs draw=%.3fs "
                        + "wrote %s.png and %s-distribution.png%n", h, w, iterations, comm.size(), compute, draw,
                        out, out);
            }
        }
    }

    public static void main(String[] args) {
        int w = 480;
        int h = 320;
        int iterations = 80;
        int ranks = 4;
        boolean mpi = false;
        Path out = Path.of("julia");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "W" -> w = Integer.parseInt(kv[1]);
                case "H" -> h = Integer.parseInt(kv[1]);
                case "iterations" -> iterations = Integer.parseInt(kv[1]);
                case "ranks" -> ranks = Integer.parseInt(kv[1]);
                case "mpi" -> mpi = Boolean.parseBoolean(kv[1]);
                case "out" -> out = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (W=, H=, iterations=, ranks=, mpi=, out=)");
            }
        }
        int fw = w;
        int fh = h;
        int fi = iterations;
        Path fo = out.toAbsolutePath();
        if (mpi) {
            try (var session = org.jdistarray.comm.mpi.MpiSession.init()) {
                run(session.world(), fw, fh, fi, fo);
            }
        } else {
            LocalCluster.run(ranks, Duration.ofMinutes(10), comm -> run(comm, fw, fh, fi, fo));
        }
    }
}
