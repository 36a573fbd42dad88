package org.jdistarray.examples;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.protocol.DType;

/**
 * The 2-D model problem every solver of the examples and of {@code jdistarray demo} solves, built once from
 * distributed arrays: {@code -Δu = f} on the unit square, {@code u = 0} on the boundary, N x N interior points
 * ({@code h = 1/(N+1)}), the 5-point Laplacian scaled by {@code 1/h²}, and the manufactured solution
 * {@code u = g(x) g(y)}, {@code g(t) = t (1 - t) e^t} (not an eigenvector of the discrete Laplacian, so CG does real
 * work). Grid point {@code (i, j)} is {@code y = (i+1) h, x = (j+1) h}. The right-hand side and the exact solution are
 * float64 {@link DistArray}s on the given distribution (by default the balanced block split); a solver wraps them
 * with no copy and reports its error with {@link #errors(DistArray)}. Close it (collective).
 */
public final class PoissonProblem implements AutoCloseable {
    private final int n;
    private final Distribution dist;
    private final GlobalNumbering numbering;
    private final DistArray rhs;
    private final DistArray exact;

    private PoissonProblem(int n, Distribution dist) {
        this.n = n;
        this.dist = dist;
        this.numbering = GlobalNumbering.of(dist);
        double h = h(n);
        this.rhs = DistArrays.fromFunction(dist, DType.FLOAT64, g -> {
            double y = (g[0] + 1) * h;
            double x = (g[1] + 1) * h;
            return -(g2(x) * g(y) + g(x) * g2(y));
        });
        this.exact = DistArrays.fromFunction(dist, DType.FLOAT64, g -> g((g[1] + 1) * h) * g((g[0] + 1) * h));
    }

    /** <b>Collective.</b> The problem on the default (balanced block) distribution of an N x N grid over {@code comm}. */
    public static PoissonProblem create(Communicator comm, int n) {
        return create(Distribution.builder(comm).shape(n, n).build());
    }

    /**
     * <b>Collective.</b> The problem on any distribution of an N x N grid without communication padding (block,
     * cyclic, block-cyclic, ...).
     *
     * @throws IllegalArgumentException if the distribution is not square 2-D
     */
    public static PoissonProblem create(Distribution dist) {
        long[] s = dist.shape();
        if (s.length != 2 || s[0] != s[1] || s[0] < 1 || s[0] > 46_340) {
            throw new IllegalArgumentException("PoissonProblem needs an N x N grid with 1 <= N <= 46340, got "
                    + java.util.Arrays.toString(s));
        }
        return new PoissonProblem((int) s[0], dist);
    }

    private static double h(int n) {
        return 1.0 / (n + 1);
    }

    private static double g(double t) {
        return t * (1 - t) * Math.exp(t);
    }

    private static double g2(double t) {
        return -t * (3 + t) * Math.exp(t);
    }

    /** <b>Not collective.</b> Interior points per axis. */
    public int n() {
        return n;
    }

    /** <b>Not collective.</b> Grid spacing {@code 1/(N+1)}. */
    public double h() {
        return h(n);
    }

    /** <b>Not collective.</b> Scale of the 5-point stencil, {@code 1/h²}. */
    public double stencilScale() {
        return 1.0 / (h() * h());
    }

    /** <b>Not collective.</b> The distribution of every array of the problem. */
    public Distribution distribution() {
        return dist;
    }

    /** <b>Not collective.</b> The rank-by-rank numbering of the grid (the solvers' row numbering). */
    public GlobalNumbering numbering() {
        return numbering;
    }

    /** <b>Not collective.</b> The right-hand side f (borrowed by solvers while they wrap it; do not close). */
    public DistArray rhs() {
        return rhs;
    }

    /** <b>Not collective.</b> The exact solution. */
    public DistArray exact() {
        return exact;
    }

    /**
     * <b>Collective.</b> The error of {@code u} against the exact solution: {@code {max |u - u*|, h * ||u - u*||_2}}
     * (the discrete L2 norm), the same on every rank.
     */
    public double[] errors(DistArray u) {
        double[] acc = new double[2];
        var ul = u.local();
        var el = exact.local();
        u.forEachOwned((g, off) -> {
            double d = ul.getDouble(off) - el.getDouble(off);
            acc[0] = Math.max(acc[0], Math.abs(d));
            acc[1] += d * d;
        });
        Communicator comm = dist.communicator();
        return new double[] {Collectives.max(comm, acc[0]), Math.sqrt(Collectives.sum(comm, acc[1])) * h()};
    }

    /** <b>Collective.</b> {@code max |a - b|} over the grid, for two solutions on this problem's distribution. */
    public double maxDifference(DistArray a, DistArray b) {
        if (!a.distribution().isCompatible(dist) || !b.distribution().isCompatible(dist)) {
            throw new IllegalArgumentException("both solutions must be on the problem's distribution");
        }
        double[] m = {0};
        var al = a.local();
        var bl = b.local();
        a.forEachOwned((g, off) -> m[0] = Math.max(m[0], Math.abs(al.getDouble(off) - bl.getDouble(off))));
        return Collectives.max(dist.communicator(), m[0]);
    }

    /** <b>Not collective.</b> Whether {@code errInf} is O(h²) (below h² here: |u''''| / 12 &lt; 1). */
    public boolean errorIsSecondOrder(double errInf) {
        return errInf < h() * h();
    }

    /** <b>Collective.</b> Closes the arrays. */
    @Override
    public void close() {
        rhs.close();
        exact.close();
    }
}
