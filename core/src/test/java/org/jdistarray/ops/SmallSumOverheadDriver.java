package org.jdistarray.ops;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/** Not a test: where the time of a small full sum goes, on one thread rank (median of 21 batches, microseconds). */
public final class SmallSumOverheadDriver {
    private static volatile double sink;

    private SmallSumOverheadDriver() {
    }

    public static void main(String[] args) {
        try (ThreadCommunicator comm = ThreadCommunicator.solo()) {
            Distribution d = Distribution.builder(comm).shape(4096).build();
            Distribution scalar = Distribution.builder(comm).shape().build();
            try (DistArray a = DistArrays.ones(d, DType.FLOAT64)) {
                for (int r = 0; r < 5; r++) {
                    time("Np.sum + item + close", () -> {
                        try (DistArray s = Np.sum(a)) {
                            sink = s.item();
                        }
                    });
                    time("DistArrays.empty(0-d) + close", () -> {
                        try (DistArray s = DistArrays.empty(scalar, DType.FLOAT64)) {
                            sink = s.globalSize();
                        }
                    });
                    time("Reducer.newResult(0-d) + close", () -> {
                        try (DistArray s = Reducer.newResult(scalar, DType.FLOAT64)) {
                            sink = s.globalSize();
                        }
                    });
                    org.jdistarray.array.internal.Storage st = org.jdistarray.array.internal.ArrayAccess.get().storage(a);
                    time("sumF64 kernel (by address)", () -> sink = ReduceKernels.sumF64(st.chunkOf(0), 0, 4096));
                    time("sumF64 kernel (ByteBuffer.getDouble)", () -> sink = ReduceKernels.sumF64Checked(st.chunkOf(0), 0, 4096));
                    time("state + accumulate", () -> {
                        ReduceState rs = new ReduceState(ReduceKind.SUM, DType.FLOAT64, DType.FLOAT64, 1);
                        rs.accumulate(st, d.localMap().dims(), d.shape(), new boolean[] {true}, false);
                        sink = rs.d[0];
                    });
                    time("layout", () -> sink = ReducedLayout.of(d, new boolean[] {true}, false).result.ndim());
                    time("verify", () -> a.distribution().context().verify("x", 1, 2));
                    time("Reductions.sumDouble", () -> sink = Reductions.sumDouble(a));
                }
            }
        }
    }

    private static void time(String what, Runnable r) {
        int calls = 20000;
        double[] t = new double[21];
        for (int k = 0; k < 21; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                r.run();
            }
            t[k] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%s: %.3f us%n", what, t[10]);
    }
}
