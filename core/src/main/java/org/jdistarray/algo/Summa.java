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
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.Request;
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
 * for each panel the owning column sends its {@code A} panel along the grid rows, the owning row its {@code B}
 * panel along the grid columns, and every rank adds the product of the two to its block of {@code C}
 * ({@code cblas_dgemm} when a BLAS loads, else a blocked Java kernel). The next panel's messages are posted before
 * the current panel is multiplied ({@link Lookahead}); on a grid dimension of 1 the panels are read in place.
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
        DistArray c = null;
        try {
            rb = Work.onto(b, w.b(), options.budget());
            c = DistArrays.zeros(w.c(), DType.FLOAT64);
            long t1 = System.nanoTime();
            phases.put("toGrid", t1 - t0);
            int[] grid = {w.pr(), w.pc()};
            Communicator rowComm = ctx.axes(grid, false, true); // same grid row: A panels travel here
            Communicator colComm = ctx.axes(grid, true, false); // same grid column: B panels
            int[] me = w.c().gridCoords();
            int rl = (int) w.c().localShape()[0];
            int cl = (int) w.c().localShape()[1];
            int ka = (int) w.a().localShape()[1];
            DoubleBuffer al = view(ra, meter);
            DoubleBuffer bl = view(rb, meter);
            int width = width(options.budget(), w.c());
            List<Panel> ps = panels(w, width);
            LocalGemm gemm = kernel.startsWith("cblas") ? new BlasGemm(c.local().asDoubles(), rl, cl)
                    : new JavaGemm(rl, cl, width);
            meter.hold(16L * width * (rl + cl) + (gemm instanceof JavaGemm ? 8L * rl * cl : 0));
            AxisDistribution ak = w.a().axes().get(1);
            AxisDistribution bk = w.b().axes().get(0);
            Lookahead la = new Lookahead(rowComm, colComm, me, w.pr(), w.pc(), rl, cl, ka, width, al, bl, ak, bk);
            long tComm = 0;
            long tGemm = 0;
            long s0 = System.nanoTime();
            if (!ps.isEmpty()) {
                la.post(ps.get(0), 0);
            }
            tComm += System.nanoTime() - s0;
            for (int i = 0; i < ps.size(); i++) {
                long s1 = System.nanoTime();
                Slot cur = la.finish(i);
                if (i + 1 < ps.size()) {
                    la.post(ps.get(i + 1), i + 1); // the next panels travel while this one is multiplied
                }
                long s2 = System.nanoTime();
                gemm.add(cur.pa, cur.aOff, cur.lda, cur.pb, cur.bOff, cur.wd);
                tGemm += System.nanoTime() - s2;
                tComm += s2 - s1;
            }
            int rounds = la.rounds;
            long sent = la.sent;
            phases.put("panels", tComm);
            phases.put("localProducts", tGemm);
            long t2 = System.nanoTime();
            gemm.finish(c);
            phases.put("write", System.nanoTime() - t2);
            DistArray out = c;
            c = null;
            return new Sorting.Result(out, new AlgoPlan(what(w, width, kernel), rounds, sent, meter.peak, phases));
        } finally {
            if (c != null) {
                c.close();
            }
            if (ra != a) {
                ra.close();
            }
            if (rb != null && rb != b) {
                rb.close();
            }
        }
    }

    /** One panel's operands for the local product, and the messages that bring them. */
    static final class Slot {
        DoubleBuffer pa;
        int aOff;
        int lda;
        DoubleBuffer pb;
        int bOff;
        int wd;
        final List<Request> pending = new ArrayList<>();
    }

    /**
     * Double-buffered panel traffic: the owners of panel {@code i + 1} pack it and post point-to-point sends to
     * their grid row (A) and column (B), the others post receives, before panel {@code i} is multiplied; waiting
     * happens only when the panel is needed. Tags are private to SUMMA on the library's sub-communicators.
     */
    static final class Lookahead {
        private static final int TAG_A = 0x5A01;
        private static final int TAG_B = 0x5A02;
        private final Communicator rowComm;
        private final Communicator colComm;
        private final int[] me;
        private final int pr;
        private final int pc;
        private final int rl;
        private final int cl;
        private final int ka;
        private final DoubleBuffer al;
        private final DoubleBuffer bl;
        private final AxisDistribution ak;
        private final AxisDistribution bk;
        private final DoubleBuffer[] ap = new DoubleBuffer[2];
        private final DoubleBuffer[] bp = new DoubleBuffer[2];
        private final Slot[] slots = {new Slot(), new Slot()};
        int rounds;
        long sent;

        Lookahead(Communicator rowComm, Communicator colComm, int[] me, int pr, int pc, int rl, int cl, int ka,
                int width, DoubleBuffer al, DoubleBuffer bl, AxisDistribution ak, AxisDistribution bk) {
            this.rowComm = rowComm;
            this.colComm = colComm;
            this.me = me;
            this.pr = pr;
            this.pc = pc;
            this.rl = rl;
            this.cl = cl;
            this.ka = ka;
            this.al = al;
            this.bl = bl;
            this.ak = ak;
            this.bk = bk;
            for (int i = 0; i < 2; i++) {
                ap[i] = direct(rl * width);
                bp[i] = direct(width * cl);
            }
        }

        /** Packs (owners) and posts the messages of panel {@code p}, number {@code i}. */
        void post(Panel p, int i) {
            Slot s = slots[i % 2];
            DoubleBuffer a = ap[i % 2];
            DoubleBuffer b = bp[i % 2];
            int wd = p.ks().length;
            s.wd = wd;
            s.pa = a;
            s.aOff = 0;
            s.lda = wd;
            s.pb = b;
            s.bOff = 0;
            s.pending.clear();
            if (rl > 0) {
                if (me[1] == p.col()) {
                    int[] lc = locals(ak.dimFor(p.col()), p.ks());
                    if (lc[0] >= 0 && pc == 1) {
                        s.pa = al; // the columns in place: no copy
                        s.aOff = lc[0];
                        s.lda = ka;
                    } else {
                        for (int r = 0; r < rl; r++) {
                            if (lc[0] >= 0) {
                                a.put(r * wd, al, r * ka + lc[0], wd);
                            } else {
                                for (int j = 0; j < wd; j++) {
                                    a.put(r * wd + j, al.get(r * ka + lc[j + 1]));
                                }
                            }
                        }
                    }
                }
                if (pc > 1) {
                    spread(rowComm, part(a, rl * wd), p.col(), me[1], pc, TAG_A, s.pending);
                }
            }
            if (cl > 0) {
                if (me[0] == p.row()) {
                    int[] lr = locals(bk.dimFor(p.row()), p.ks());
                    if (lr[0] >= 0 && pr == 1) {
                        s.pb = bl; // the rows in place
                        s.bOff = lr[0] * cl;
                    } else {
                        for (int j = 0; j < wd; j++) {
                            b.put(j * cl, bl, (lr[0] >= 0 ? lr[0] + j : lr[j + 1]) * cl, cl);
                        }
                    }
                }
                if (pr > 1) {
                    spread(colComm, part(b, wd * cl), p.row(), me[0], pr, TAG_B, s.pending);
                }
            }
        }

        private static DoubleBuffer part(DoubleBuffer x, int n) {
            return x.duplicate().position(0).limit(n).slice();
        }

        /** The root sends {@code x} to every other member, the others receive it: one round. */
        private void spread(Communicator c, DoubleBuffer x, int root, int mine, int size, int tag, List<Request> out) {
            if (mine == root) {
                for (int r = 0; r < size; r++) {
                    if (r != root) {
                        out.add(c.iSend(x, r, tag));
                    }
                }
                sent += 8L * x.remaining() * (size - 1);
            } else {
                out.add(c.iRecv(x, root, tag));
            }
            rounds++;
        }

        /** Waits for panel {@code i}'s messages; its operands. */
        Slot finish(int i) {
            Slot s = slots[i % 2];
            for (Request r : s.pending) {
                r.await();
            }
            s.pending.clear();
            return s;
        }
    }

    /**
     * The local indices of global {@code ks} on one grid position: {@code {first}} when they are consecutive (one
     * block), else {@code {-1, l0, l1, ...}}.
     */
    private static int[] locals(org.jdistarray.protocol.DimDistribution dim, long[] ks) {
        int first = (int) dim.localFromGlobal(ks[0]);
        int[] all = new int[ks.length + 1];
        boolean run = true;
        for (int j = 0; j < ks.length; j++) {
            all[j + 1] = (int) dim.localFromGlobal(ks[j]);
            run &= all[j + 1] == first + j;
        }
        if (run) {
            return new int[] {first};
        }
        all[0] = -1;
        return all;
    }

    /** The local block as a direct buffer: the storage itself when dense C order, else a copy (counted). */
    private static DoubleBuffer view(DistArray x, Exchange.Meter meter) {
        if (x.local().isContiguous() && x.local().elementCount() > 0) {
            try {
                return x.local().asDoubles();
            } catch (IllegalStateException e) {
                // chunked storage: copy below
            }
        }
        ByteBuffer b = ByteBuffer.allocateDirect(8 * (int) Math.max(1, x.local().elementCount()))
                .order(ByteOrder.nativeOrder());
        x.local().copyTo(b);
        meter.hold(b.capacity());
        return b.asDoubleBuffer();
    }

    static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * Math.max(1, n)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** {@code C (rows x cols) += A (rows x w, row stride lda, from aOff) B (w x cols, from bOff)}. */
    interface LocalGemm {
        void add(DoubleBuffer a, int aOff, int lda, DoubleBuffer b, int bOff, int w);

        /** Leaves the product in {@code c}'s local block. */
        void finish(DistArray c);
    }

    /** Through {@code cblas_dgemm}, straight into the result's storage. */
    static final class BlasGemm implements LocalGemm {
        private final int rows;
        private final int cols;
        private final DoubleBuffer c;

        BlasGemm(DoubleBuffer c, int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.c = c;
        }

        @Override
        public void add(DoubleBuffer a, int aOff, int lda, DoubleBuffer b, int bOff, int w) {
            Blas.dgemm(rows, cols, w, a, aOff, lda, b, bOff, cols, c, 0, cols);
        }

        @Override
        public void finish(DistArray out) {
            // already there
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
        public void add(DoubleBuffer a, int aOff, int lda, DoubleBuffer b, int bOff, int w) {
            for (int i = 0; i < rows; i++) {
                a.get(aOff + i * lda, ta, i * w, w);
            }
            b.get(bOff, tb, 0, w * cols);
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
        public void finish(DistArray out) {
            ByteBuffer bytes = ByteBuffer.allocate(8 * rows * cols).order(ByteOrder.nativeOrder());
            bytes.asDoubleBuffer().put(c, 0, rows * cols);
            out.local().copyFrom(bytes);
        }
    }
}
