package org.jdistarray.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.Index;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Cost of building a slicing view ({@code a.get(...)} + close), which must be O(ndim) and independent of the array's
 * size: for each size in {@code SLICE_SIZES} (default 2^10 and 2^25 float64 elements) a 2-d block x undistributed
 * array and a 1-d block array, sliced with a negative-step 2-d index ({@code 1:, ::-2}), a 1-d strided slice
 * ({@code 3::5}) and an integer row ({@code 7}). One PEER line per case (seconds = median time per view over
 * {@code PEER_REPS} batches of {@code SLICE_CALLS} views, max over ranks); the baseline is the smallest size in the
 * same job: the script prints the ratio largest/smallest (goal: about 1). Runs under mpirun (any rank count).
 */
public final class SliceBenchmark {
    private SliceBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(env("PEER_REPS", "10"));
        int calls = Integer.parseInt(env("SLICE_CALLS", "2000"));
        List<Long> sizes = new ArrayList<>();
        for (String s : env("SLICE_SIZES", "1024 33554432").trim().split("\\s+")) {
            sizes.add(Long.parseLong(s));
        }
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            for (long n : sizes) {
                long nx = 32;
                long ny = n / nx;
                Distribution d2 = Distribution.builder(comm).shape(ny, nx).block(0).undistributed(1).build();
                Distribution d1 = Distribution.builder(comm).shape(n).block(0).build();
                try (DistArray a2 = DistArrays.zeros(d2, DType.FLOAT64); DistArray a1 = DistArrays.zeros(d1, DType.FLOAT64)) {
                    run(comm, "slice_view_2d_negstep", n, a2, Index.parse("1:, ::-2"), reps, calls);
                    run(comm, "slice_view_1d_step", n, a1, Index.parse("3::5"), reps, calls);
                    run(comm, "slice_view_2d_row", n, a2, Index.parse("7"), reps, calls);
                }
            }
        }
    }

    private static void run(Communicator comm, String op, long n, DistArray a, Index[] idx, int reps, int calls) {
        for (int w = 0; w < calls; w++) { // warm-up
            a.get(idx).close();
        }
        double[] t = new double[reps];
        double[] one = new double[1];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                try (DistArray v = a.get(idx)) {
                    if (!v.isView()) {
                        throw new IllegalStateException(op + ": not a view");
                    }
                }
            }
            one[0] = (System.nanoTime() - t0) / 1e9 / calls;
            t[r] = maxOverRanks(comm, one[0]);
        }
        if (comm.rank() == 0) {
            double[] s = t.clone();
            Arrays.sort(s);
            int m = s.length;
            double median = m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.6g gbs=- reps=%d"
                    + " min=%.6g note=per_view_calls=%d%n", op, comm.size(), n, median, reps, s[0], calls);
            System.out.flush();
        }
    }

    private static double maxOverRanks(Communicator comm, double v) {
        java.nio.DoubleBuffer b = org.jdistarray.comm.DirectBuffers.doubles(1);
        b.put(0, v);
        comm.allReduce(b, org.jdistarray.comm.ReduceOp.MAX);
        return b.get(0);
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
