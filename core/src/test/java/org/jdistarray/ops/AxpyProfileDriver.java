package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Not a test: where the time of {@code y = 0.5*x + y} goes on one thread rank, against a plain loop over the same
 * buffers in the same JVM (median of 11 batches, ns per element). Relative figures only (a loaded machine):
 * {@code java -cp ... org.jdistarray.ops.AxpyProfileDriver [log2 n]}.
 */
public final class AxpyProfileDriver {
    private AxpyProfileDriver() {
    }

    public static void main(String[] args) {
        int log = args.length > 0 ? Integer.parseInt(args[0]) : 22;
        long n = 1L << log;
        try (ThreadCommunicator comm = ThreadCommunicator.solo()) {
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray x = DistArrays.ones(d, DType.FLOAT64); DistArray y = DistArrays.ones(d, DType.FLOAT64)) {
                Expr e = Np.expr(x).multiply(0.5).add(y);
                UfuncOptions out = UfuncOptions.out(y);
                DoubleBuffer xb = ArrayAccess.get().storage(x).chunk(0).duplicate().order(ByteOrder.nativeOrder())
                        .asDoubleBuffer();
                DoubleBuffer yb = ArrayAccess.get().storage(y).chunk(0).duplicate().order(ByteOrder.nativeOrder())
                        .asDoubleBuffer();
                int m = (int) Math.min(n, xb.capacity());
                Distribution small = Distribution.builder(comm).shape(4096).build();
                try (DistArray a = DistArrays.ones(small, DType.FLOAT64); DistArray c = DistArrays.ones(small, DType.FLOAT64);
                        DistArray z = DistArrays.ones(small, DType.FLOAT64)) {
                    UfuncOptions zo = UfuncOptions.out(z);
                    DoubleBuffer ab = ArrayAccess.get().storage(a).chunk(0).duplicate().order(ByteOrder.nativeOrder())
                            .asDoubleBuffer();
                    DoubleBuffer cb = ArrayAccess.get().storage(c).chunk(0).duplicate().order(ByteOrder.nativeOrder())
                            .asDoubleBuffer();
                    DoubleBuffer zb = ArrayAccess.get().storage(z).chunk(0).duplicate().order(ByteOrder.nativeOrder())
                            .asDoubleBuffer();
                    for (int r = 0; r < 3; r++) {
                        time("Np.add(a, b, out=z), 4096 (x1000 calls)", 4096 * 1000L, () -> {
                            for (int k = 0; k < 1000; k++) {
                                Np.add(a, c, zo);
                            }
                        });
                        time("a.add(b) new + close, 4096 (x1000 calls)", 4096 * 1000L, () -> {
                            for (int k = 0; k < 1000; k++) {
                                a.add(c).close();
                            }
                        });
                        time("plain loop, 4096 (x1000)", 4096 * 1000L, () -> {
                            for (int k = 0; k < 1000; k++) {
                                for (int i = 0; i < 4096; i++) {
                                    zb.put(i, ab.get(i) + cb.get(i));
                                }
                            }
                        });
                    }
                }
                for (int r = 0; r < 3; r++) {
                    time("Expr axpy eval(out=y)", n, () -> e.eval(out));
                    time("plain loop over DoubleBuffers", n, () -> {
                        for (int i = 0; i < m; i++) {
                            yb.put(i, 0.5 * xb.get(i) + yb.get(i));
                        }
                    });
                }
            }
        }
    }

    private static void time(String what, long n, Runnable r) {
        double[] t = new double[11];
        for (int k = 0; k < t.length; k++) {
            long t0 = System.nanoTime();
            r.run();
            t[k] = (System.nanoTime() - t0) / (double) n;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%s: %.3f ns/element%n", what, t[5]);
    }
}
