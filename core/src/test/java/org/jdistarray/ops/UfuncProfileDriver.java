package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Not a test: where the time of the ufunc benchmark's operations goes on one thread rank, against plain Java loops in
 * the same JVM (a {@code DoubleBuffer} loop over the same memory and a {@code double[]} loop on the heap, which C2
 * vectorises). Thread CPU time (not wall time), median of 11 batches, ns per element, so a loaded machine disturbs it
 * less: {@code java -cp ... org.jdistarray.ops.UfuncProfileDriver [op...]} with ops {@code add4096 axpy expr5 expr5f32 stencil}
 * ({@code -Dlog=20}: 2^20 elements).
 */
public final class UfuncProfileDriver {
    private UfuncProfileDriver() {
    }

    public static void main(String[] args) {
        String[] ops = args.length > 0 ? args : new String[] {"add4096", "axpy", "expr5"};
        int log = Integer.getInteger("log", 20);
        try (ThreadCommunicator comm = ThreadCommunicator.solo()) {
            for (String op : ops) {
                switch (op) {
                    case "add4096" -> add4096(comm);
                    case "axpy" -> axpy(comm, 1 << log);
                    case "expr5" -> expr5(comm, 1 << log);
                    case "expr5f32" -> expr5f32(comm, 1 << log);
                    case "stencil" -> stencil(comm, 1 << (log / 2), 1 << (log - log / 2));
                    default -> throw new IllegalArgumentException(op);
                }
            }
        }
    }

    private static DoubleBuffer buf(DistArray a) {
        return ArrayAccess.get().storage(a).chunk(0).duplicate().clear().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static void add4096(ThreadCommunicator comm) {
        Distribution small = Distribution.builder(comm).shape(4096).build();
        try (DistArray a = DistArrays.ones(small, DType.FLOAT64); DistArray c = DistArrays.ones(small, DType.FLOAT64);
                DistArray z = DistArrays.ones(small, DType.FLOAT64)) {
            UfuncOptions zo = UfuncOptions.out(z);
            DoubleBuffer ab = buf(a);
            DoubleBuffer cb = buf(c);
            DoubleBuffer zb = buf(z);
            double[] ha = new double[4096];
            double[] hc = new double[4096];
            double[] hz = new double[4096];
            for (int r = 0; r < 3; r++) {
                time("Np.add(a, b, out=z) 4096", 4096 * 1000L, () -> {
                    for (int k = 0; k < 1000; k++) {
                        Np.add(a, c, zo);
                    }
                });
                time("a.add(b) new+close 4096", 4096 * 1000L, () -> {
                    for (int k = 0; k < 1000; k++) {
                        a.add(c).close();
                    }
                });
                time("DoubleBuffer loop 4096", 4096 * 1000L, () -> {
                    for (int k = 0; k < 1000; k++) {
                        addBuf(ab, cb, zb, 4096);
                    }
                });
                time("double[] loop 4096", 4096 * 1000L, () -> {
                    for (int k = 0; k < 1000; k++) {
                        addHeap(ha, hc, hz, 4096);
                    }
                });
            }
        }
    }

    private static void addBuf(DoubleBuffer a, DoubleBuffer b, DoubleBuffer z, int n) {
        for (int i = 0; i < n; i++) {
            z.put(i, a.get(i) + b.get(i));
        }
    }

    private static void addHeap(double[] a, double[] b, double[] z, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = a[i] + b[i];
        }
    }

    private static void axpy(ThreadCommunicator comm, int n) {
        Distribution d = Distribution.builder(comm).shape(n).build();
        try (DistArray x = DistArrays.ones(d, DType.FLOAT64); DistArray y = DistArrays.ones(d, DType.FLOAT64);
                DistArray z = DistArrays.ones(d, DType.FLOAT64)) {
            Expr e = Np.expr(x).multiply(0.5).add(y);
            UfuncOptions out = UfuncOptions.out(z);
            DoubleBuffer xb = buf(x);
            DoubleBuffer yb = buf(y);
            DoubleBuffer zb = buf(z);
            for (int r = 0; r < 3; r++) {
                time("axpy eval(out=z) n=" + n, n, () -> e.eval(out));
                time("axpy DoubleBuffer loop", n, () -> {
                    for (int i = 0; i < n; i += 4096) {
                        axpyBuf(xb, yb, zb, i, Math.min(n, i + 4096));
                    }
                });
            }
        }
    }

    private static void axpyBuf(DoubleBuffer x, DoubleBuffer y, DoubleBuffer z, int from, int to) {
        for (int i = from; i < to; i++) {
            z.put(i, 0.5 * x.get(i) + y.get(i));
        }
    }

    private static void expr5(ThreadCommunicator comm, int n) {
        Distribution d = Distribution.builder(comm).shape(n).build();
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 7);
                DistArray b = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] % 5);
                DistArray c = DistArrays.full(d, DType.FLOAT64, 2.0); DistArray dd = DistArrays.full(d, DType.FLOAT64, 1.0);
                DistArray e = DistArrays.zeros(d, DType.FLOAT64)) {
            Expr x = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(c).subtract(dd);
            Expr deep = Np.expr(a).add(b).multiply(c).subtract(dd).divide(2.0).add(a).multiply(b).sqrt().subtract(c);
            Expr deeper = deep.multiply(deep);
            Expr deepest = deeper.add(deeper);
            UfuncOptions out = UfuncOptions.out(e);
            DoubleBuffer ab = buf(a);
            DoubleBuffer bb = buf(b);
            DoubleBuffer cb = buf(c);
            DoubleBuffer db = buf(dd);
            DoubleBuffer eb = buf(e);
            double[] ha = new double[n];
            double[] hb = new double[n];
            double[] hc = new double[n];
            double[] hd = new double[n];
            double[] he = new double[n];
            for (int r = 0; r < 3; r++) {
                time("expr5 eval(out=e) n=" + n, n, () -> x.eval(out));
                time("8-op eval", n, () -> deep.eval(out));
                time("16-op eval", n, () -> deeper.eval(out));
                time("32-op eval", n, () -> deepest.eval(out));
                time("expr5 DoubleBuffer loop", n, () -> {
                    for (int i = 0; i < n; i += 4096) {
                        expr5Buf(ab, bb, cb, db, eb, i, Math.min(n, i + 4096));
                    }
                });
                time("expr5 double[] loop", n, () -> {
                    for (int i = 0; i < n; i += 4096) {
                        expr5Heap(ha, hb, hc, hd, he, i, Math.min(n, i + 4096));
                    }
                });
            }
        }
    }

    /** The 5-operation expression on float32 arrays (every node rounds to float): only {@code eval()}. */
    private static void expr5f32(ThreadCommunicator comm, int n) {
        Distribution d = Distribution.builder(comm).shape(n).build();
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT32, g -> g[0] % 7);
                DistArray b = DistArrays.fromFunction(d, DType.FLOAT32, g -> g[0] % 5);
                DistArray c = DistArrays.full(d, DType.FLOAT32, 2.0); DistArray dd = DistArrays.full(d, DType.FLOAT32, 1.0);
                DistArray e = DistArrays.zeros(d, DType.FLOAT32)) {
            Expr x = Np.expr(a).multiply(a).add(Np.expr(b).multiply(b)).sqrt().multiply(c).subtract(dd);
            UfuncOptions out = UfuncOptions.out(e);
            Expr deep = Np.expr(a).add(b).multiply(c).subtract(dd).divide(2.0).add(a).multiply(b).sqrt().subtract(c);
            for (int r = 0; r < 3; r++) {
                time("expr5 float32 eval n=" + n, n, () -> x.eval(out));
                time("8-op float32 eval", n, () -> deep.eval(out));
            }
        }
    }

    private static void expr5Buf(DoubleBuffer a, DoubleBuffer b, DoubleBuffer c, DoubleBuffer d, DoubleBuffer e,
            int from, int to) {
        for (int i = from; i < to; i++) {
            double x = a.get(i);
            double y = b.get(i);
            e.put(i, Math.sqrt(x * x + y * y) * c.get(i) - d.get(i));
        }
    }

    private static void expr5Heap(double[] a, double[] b, double[] c, double[] d, double[] e, int from, int to) {
        for (int i = from; i < to; i++) {
            e[i] = Math.sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
        }
    }

    private static void stencil(ThreadCommunicator comm, int ny, int nx) {
        Distribution d = Distribution.builder(comm).shape(ny, nx).padding(0, 1, 0).padding(1, 1, 0).build();
        long n = (long) ny * nx;
        try (DistArray u = DistArrays.full(d, DType.FLOAT64, 1.0); DistArray v = DistArrays.zeros(d, DType.FLOAT64)) {
            double[] hu = new double[(ny + 2) * (nx + 2)];
            double[] hv = new double[hu.length];
            for (int r = 0; r < 3; r++) {
                time("jacobi5 " + ny + "x" + nx, n, () -> StencilSweeps.jacobi5(u, v));
                time("exchangeGhosts alone", n, u::exchangeGhosts);
                time("double[] sweep (no exchange)", n, () -> {
                    int w = nx + 2;
                    for (int i = 1; i <= ny; i++) {
                        sweepHeap(hu, hv, i * w, w, nx);
                    }
                });
            }
        }
    }

    private static void sweepHeap(double[] u, double[] v, int row, int w, int nx) {
        for (int j = row + 1; j <= row + nx; j++) {
            v[j] = 0.25 * (u[j - w] + u[j + w] + u[j - 1] + u[j + 1]);
        }
    }

    /** This thread's CPU time in ns (the first field of {@code /proc/thread-self/schedstat}). */
    private static long cpuNanos() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void time(String what, long n, Runnable r) {
        long w0 = System.nanoTime();
        r.run();
        // batches of >= 40 ms: the kernel accounts CPU time in scheduler ticks
        int k = (int) Math.max(1, 40_000_000L / Math.max(1, System.nanoTime() - w0));
        double[] t = new double[11];
        for (int b = 0; b < t.length; b++) {
            long t0 = cpuNanos();
            for (int j = 0; j < k; j++) {
                r.run();
            }
            t[b] = (cpuNanos() - t0) / (double) n / k;
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-32s min %.3f median %.3f ns/element%n", what, t[0], t[5]);
    }
}
