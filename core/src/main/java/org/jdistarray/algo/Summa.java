package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdistarray.algo.internal.Blas;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.UndistributedAxis;

/**
 * SUMMA ({@code C = A B}, van de Geijn and Watts) over a 2-d process grid {@code pr x pc}: {@code A} (n x k) and
 * {@code B} (k x m) in block or block-cyclic layouts on the grid (kept when they are; else redistributed to block x
 * block on a near-square grid), {@code C} with {@code A}'s row map and {@code B}'s column map. The k axis is cut
 * into panels whose columns of {@code A} sit on one grid column and whose rows of {@code B} sit on one grid row;
 * for each panel the owning column broadcasts its {@code A} panel along the grid rows, the owning row its
 * {@code B} panel along the grid columns, and every rank adds the product of the two to its block of {@code C}
 * ({@code cblas_dgemm} when a BLAS loads, else a blocked Java kernel).
 */
final class Summa {
    /** The default panel width (columns of A / rows of B per broadcast). */
    static final int PANEL = 256;

    private Summa() {
    }

    /** The work layouts: grid, A, B and C. */
    record Layouts(int pr, int pc, Distribution a, Distribution b, Distribution c) {
    }

    /** Whether {@code d} is a 2-d block / block-cyclic layout on a grid of every rank (no padding). */
    static boolean gridLayout(Distribution d) {
        if (d.ndim() != 2 || d.isPadded() || d.holder() >= 0) {
            return false;
        }
        int[] g = d.gridShape();
        if ((long) g[0] * g[1] != d.communicator().size()) {
            return false;
        }
        for (AxisDistribution ax : d.axes()) {
            if (!(ax instanceof BlockAxis || ax instanceof CyclicAxis || ax instanceof UndistributedAxis)) {
                return false;
            }
        }
        return true;
    }

    /** The near-square grid {@code pr x pc} of {@code p} ranks, {@code pr >= pc}. */
    static int[] squareGrid(int p) {
        int pc = (int) Math.sqrt(p);
        while (p % pc != 0) {
            pc--;
        }
        return new int[] {p / pc, pc};
    }

    /** The layouts SUMMA runs on for {@code A} on {@code da} times {@code B} on {@code db}. Not collective. */
    static Layouts layouts(Distribution da, Distribution db) {
        int[] grid;
        if (gridLayout(da)) {
            grid = da.gridShape();
        } else if (gridLayout(db)) {
            grid = db.gridShape();
        } else {
            grid = squareGrid(da.communicator().size());
        }
        Distribution a = gridLayout(da) && java.util.Arrays.equals(da.gridShape(), grid) ? da
                : blockBlock(da, da.shape(), grid);
        Distribution b = gridLayout(db) && java.util.Arrays.equals(db.gridShape(), grid) ? db
                : blockBlock(db, db.shape(), grid);
        Distribution c = Distribution.fromGlobalDimData(da.communicator(),
                List.of(a.axes().get(0), b.axes().get(1)));
        return new Layouts(grid[0], grid[1], a, b, c);
    }

    private static Distribution blockBlock(Distribution like, long[] shape, int[] grid) {
        return Distribution.builder(like.communicator()).shape(shape).block(0).block(1).grid(grid).build();
    }

    /** One panel: the k indices (global) whose A columns are on grid column {@code col}, B rows on grid row {@code row}. */
    record Panel(int col, int row, long[] ks) {
    }

    /** The panels of the k axis, every rank the same list (from the global layouts). */
    static List<Panel> panels(Layouts w, int width) {
        AxisDistribution ak = w.a().axes().get(1);
        AxisDistribution bk = w.b().axes().get(0);
        long k = ak.size();
        List<List<Long>> runs = new ArrayList<>();
        List<Panel> out = new ArrayList<>();
        int pairs = w.pc() * w.pr();
        for (int i = 0; i < pairs; i++) {
            runs.add(new ArrayList<>());
        }
        for (long g = 0; g < k; g++) {
            int col = ak.gridSize() == 1 ? 0 : ak.ownerOf(g);
            int row = bk.gridSize() == 1 ? 0 : bk.ownerOf(g);
            List<Long> r = runs.get(col * w.pr() + row);
            r.add(g);
            if (r.size() == width) {
                out.add(new Panel(col, row, r.stream().mapToLong(Long::longValue).toArray()));
                r.clear();
            }
        }
        for (int i = 0; i < pairs; i++) {
            if (!runs.get(i).isEmpty()) {
                out.add(new Panel(i / w.pr(), i % w.pr(), runs.get(i).stream().mapToLong(Long::longValue).toArray()));
            }
        }
        return out;
    }

    /**
     * The panel width for a budget (bytes of the two panel buffers per rank, for the rank with the largest block of
     * C, so that every rank gets the same width), at least 1.
     */
    static int width(long budget, Distribution c) {
        if (budget <= 0) {
            return PANEL;
        }
        long rows = 0;
        long cols = 0;
        for (int r = 0; r < c.communicator().size(); r++) {
            long[] s = c.localShapeOf(r);
            rows = Math.max(rows, s[0]);
            cols = Math.max(cols, s[1]);
        }
        long per = 8L * (rows + cols);
        return (int) Math.max(1, Math.min(PANEL, per == 0 ? PANEL : budget / per));
    }

    /** The estimated plan on {@code w} (not collective). */
    static AlgoPlan estimate(Layouts w, int width, String kernel) {
        long[] la = w.a().localShape();
        long[] lb = w.b().localShape();
        long[] lc = w.c().localShape();
        List<Panel> ps = panels(w, width);
        long bytes = 0;
        for (Panel p : ps) {
            if (w.pc() > 1) {
                bytes += 8L * p.ks().length * la[0];
            }
            if (w.pr() > 1) {
                bytes += 8L * p.ks().length * lb[1];
            }
        }
        long extra = 8L * (la[0] * la[1] + lb[0] * lb[1] + lc[0] * lc[1]) + 8L * width * (lc[0] + lc[1]);
        return new AlgoPlan(what(w, width, kernel), ps.size() * ((w.pr() > 1 ? 1 : 0) + (w.pc() > 1 ? 1 : 0)), bytes,
                extra, Map.of());
    }

    static String what(Layouts w, int width, String kernel) {
        return "SUMMA on a " + w.pr() + " x " + w.pc() + " grid, panels of " + width + ", local products: " + kernel;
    }

    /** The kernel a run uses: "Java blocked loops" or the BLAS name. */
    static String kernel(AlgoOptions.Gemm g) {
        if (g == AlgoOptions.Gemm.JAVA) {
            return "Java blocked loops";
        }
        if (Blas.available()) {
            return "cblas_dgemm of " + Blas.name();
        }
        if (g == AlgoOptions.Gemm.BLAS) {
            throw new IllegalStateException("matmul: no BLAS with cblas_dgemm was found (AlgoOptions.Gemm.BLAS)");
        }
        return "Java blocked loops (no BLAS found)";
    }

    /** <b>Collective.</b> {@code A @ B} of 2-d float64 arrays, with its measured plan. */
    static Sorting.Result run(DistArray a, DistArray b, AlgoOptions options) {
        long t0 = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        String kernel = kernel(options.gemm());
        Layouts w = layouts(a.distribution(), b.distribution());
        CommContext ctx = a.distribution().context();
        Exchange.Meter meter = new Exchange.Meter();
        DistArray ra = Work.onto(a, w.a(), options.budget());
        DistArray rb = null;
        try {
            rb = Work.onto(b, w.b(), options.budget());
            long t1 = System.nanoTime();
            phases.put("toGrid", t1 - t0);
            int[] grid = {w.pr(), w.pc()};
            Communicator rowComm = ctx.axes(grid, false, true); // same grid row: A panels travel here
            Communicator colComm = ctx.axes(grid, true, false); // same grid column: B panels
            int[] me = w.c().gridCoords();
            int rl = (int) w.c().localShape()[0];
            int cl = (int) w.c().localShape()[1];
            int ka = (int) w.a().localShape()[1];
            double[] al = doubles(ra);
            double[] bl = doubles(rb);
            meter.hold(8L * (al.length + bl.length));
            int width = width(options.budget(), w.c());
            List<Panel> ps = panels(w, width);
            LocalGemm gemm = kernel.startsWith("cblas") ? new BlasGemm(rl, cl, width) : new JavaGemm(rl, cl, width);
            meter.hold(8L * ((long) rl * cl + (long) width * (rl + cl)));
            DoubleBuffer ap = direct(rl * width);
            DoubleBuffer bp = direct(width * cl);
            AxisDistribution ak = w.a().axes().get(1);
            AxisDistribution bk = w.b().axes().get(0);
            double[] row = new double[width];
            long tComm = 0;
            long tGemm = 0;
            int rounds = 0;
            long sent = 0;
            for (Panel p : ps) {
                int wd = p.ks().length;
                long s0 = System.nanoTime();
                if (rl > 0) {
                    if (me[1] == p.col()) {
                        var dim = ak.dimFor(p.col());
                        int[] lc = new int[wd];
                        boolean run = true;
                        for (int j = 0; j < wd; j++) {
                            lc[j] = (int) dim.localFromGlobal(p.ks()[j]);
                            run &= lc[j] == lc[0] + j;
                        }
                        for (int i = 0; i < rl; i++) {
                            if (run) {
                                ap.put(i * wd, al, i * ka + lc[0], wd);
                            } else {
                                for (int j = 0; j < wd; j++) {
                                    row[j] = al[i * ka + lc[j]];
                                }
                                ap.put(i * wd, row, 0, wd);
                            }
                        }
                    }
                    if (w.pc() > 1) {
                        rowComm.broadcast(ap.duplicate().position(0).limit(rl * wd), p.col());
                        rounds++;
                        sent += me[1] == p.col() ? 8L * rl * wd * (w.pc() - 1) : 0;
                    }
                }
                if (cl > 0) {
                    if (me[0] == p.row()) {
                        var dim = bk.dimFor(p.row());
                        for (int j = 0; j < wd; j++) {
                            int lr = (int) dim.localFromGlobal(p.ks()[j]);
                            bp.put(j * cl, bl, lr * cl, cl);
                        }
                    }
                    if (w.pr() > 1) {
                        colComm.broadcast(bp.duplicate().position(0).limit(wd * cl), p.row());
                        rounds++;
                        sent += me[0] == p.row() ? 8L * cl * wd * (w.pr() - 1) : 0;
                    }
                }
                long s1 = System.nanoTime();
                gemm.add(ap, bp, wd);
                tGemm += System.nanoTime() - s1;
                tComm += s1 - s0;
            }
            phases.put("panels", tComm);
            phases.put("localProducts", tGemm);
            long t2 = System.nanoTime();
            DistArray c = Work.fromBytes(w.c(), DType.FLOAT64, gemm.result());
            phases.put("write", System.nanoTime() - t2);
            return new Sorting.Result(c, new AlgoPlan(what(w, width, kernel), rounds, sent, meter.peak, phases));
        } finally {
            if (ra != a) {
                ra.close();
            }
            if (rb != null && rb != b) {
                rb.close();
            }
        }
    }

    private static double[] doubles(DistArray x) {
        return Values.doubles(Work.bytes(x), DType.FLOAT64, (int) x.local().elementCount());
    }

    static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * Math.max(1, n)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** {@code C (rows x cols) += panelA (rows x w) panelB (w x cols)}, panels packed row-major. */
    interface LocalGemm {
        void add(DoubleBuffer a, DoubleBuffer b, int w);

        /** C in C order, native byte order. */
        ByteBuffer result();
    }

    /** Through {@code cblas_dgemm}. */
    static final class BlasGemm implements LocalGemm {
        private final int rows;
        private final int cols;
        private final ByteBuffer bytes;
        private final DoubleBuffer c;

        BlasGemm(int rows, int cols, int width) {
            this.rows = rows;
            this.cols = cols;
            this.bytes = ByteBuffer.allocateDirect(8 * Math.max(1, rows * cols)).order(ByteOrder.nativeOrder());
            this.c = bytes.asDoubleBuffer();
        }

        @Override
        public void add(DoubleBuffer a, DoubleBuffer b, int w) {
            Blas.dgemm(rows, cols, w, a, w, b, cols, c, cols);
        }

        @Override
        public ByteBuffer result() {
            return bytes.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(8 * rows * cols);
        }
    }

    /** Blocked loops (k in blocks of 64, columns in blocks of 512, i-k-j order inside). */
    static final class JavaGemm implements LocalGemm {
        private final int rows;
        private final int cols;
        private final double[] c;
        private final double[] ta;
        private final double[] tb;

        JavaGemm(int rows, int cols, int width) {
            this.rows = rows;
            this.cols = cols;
            this.c = new double[rows * cols];
            this.ta = new double[rows * width];
            this.tb = new double[width * cols];
        }

        @Override
        public void add(DoubleBuffer a, DoubleBuffer b, int w) {
            a.get(0, ta, 0, rows * w);
            b.get(0, tb, 0, w * cols);
            multiply(rows, cols, w, ta, tb, c);
        }

        /** {@code c (m x n) += a (m x k) b (k x n)}, row-major, dense. */
        static void multiply(int m, int n, int k, double[] a, double[] b, double[] c) {
            final int kb = 64;
            final int nb = 512;
            for (int p0 = 0; p0 < k; p0 += kb) {
                int p1 = Math.min(k, p0 + kb);
                for (int j0 = 0; j0 < n; j0 += nb) {
                    int j1 = Math.min(n, j0 + nb);
                    for (int i = 0; i < m; i++) {
                        int co = i * n;
                        int ao = i * k;
                        for (int p = p0; p < p1; p++) {
                            double x = a[ao + p];
                            int bo = p * n;
                            for (int j = j0; j < j1; j++) {
                                c[co + j] += x * b[bo + j];
                            }
                        }
                    }
                }
            }
        }

        @Override
        public ByteBuffer result() {
            ByteBuffer out = ByteBuffer.allocate(8 * rows * cols).order(ByteOrder.nativeOrder());
            out.asDoubleBuffer().put(c, 0, rows * cols);
            return out;
        }
    }
}
