package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jdistarray.algo.AlgoOptions;
import org.jdistarray.algo.Scans;
import org.jdistarray.algo.Sorting;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Distributed algorithms under mpirun, in the shared line format ({@code PEER impl=... op=... ranks=... N=...
 * seconds=...}; median over {@code PEER_REPS} of the slowest rank), N = {@code ALGO_N} (default 2^25) float64:
 * <ul>
 * <li>{@code sort}: {@code Sorting.sort} of uniform random data in the block layout, the note giving the median
 * split (rank 0) into local sort, exchange and merge;</li>
 * <li>{@code sort} with {@code impl=java_arrays} (1 rank only): {@code Arrays.sort} of a copy of the same data;</li>
 * <li>{@code cumsum}: {@code Scans.cumsum}, against the C twin {@code bench/c/scan_bench.c} (local scan +
 * MPI_Exscan).</li>
 * </ul>
 * The dense products have their own driver, {@link MatmulBenchmark}.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.AlgoBenchmark</pre>
 */
public final class AlgoBenchmark {
    private static volatile double sink;

    private AlgoBenchmark() {
    }

    static double uniform(long i) {
        long z = (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "5"));
        long n = Long.parseLong(System.getenv().getOrDefault("ALGO_N", String.valueOf(1L << 25)));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> uniform(g[0]))) {
                Map<String, double[]> phases = new TreeMap<>();
                double[] t = time(comm, reps, r -> {
                    Sorting.Result res = Sorting.run(a, 0, AlgoOptions.defaults(), false);
                    for (Map.Entry<String, Long> e : res.plan().phaseNanos().entrySet()) {
                        phases.computeIfAbsent(e.getKey(), k -> new double[reps + 1])[r] = e.getValue() / 1e9;
                    }
                    sink = res.array().globalSize();
                    res.array().close();
                });
                StringBuilder note = new StringBuilder("split");
                for (String k : new String[] {"toBlock", "localSort", "exchange", "merge", "write"}) {
                    double[] v = phases.get(k);
                    if (v != null) {
                        double[] s = Arrays.copyOf(v, reps);
                        Arrays.sort(s);
                        note.append(String.format(Locale.ROOT, ",%s=%.4f", k, s[reps / 2]));
                    }
                }
                line(comm, "jdistarray", "sort", n, t, note.toString());
                if (comm.size() == 1) {
                    double[] src = new double[(int) n];
                    for (int i = 0; i < n; i++) {
                        src[i] = uniform(i);
                    }
                    double[] ta = time(comm, reps, r -> {
                        double[] c = src.clone();
                        Arrays.sort(c);
                        sink = c[0];
                    });
                    line(comm, "java_arrays", "sort", n, ta, "Arrays.sort(double[])_incl_clone");
                }
                double[] tc = time(comm, reps, r -> {
                    try (DistArray c = Scans.cumsum(a, 0)) {
                        sink = c.globalSize();
                    }
                });
                line(comm, "jdistarray", "cumsum", n, tc, "twin=bench/c/scan_bench.c");
            }
        }
    }

    interface Rep {
        void run(int rep);
    }

    /** <b>Collective.</b> The slowest rank's seconds of each of {@code reps} calls, sorted, after one warm-up call. */
    static double[] time(Communicator comm, int reps, Rep call) {
        call.run(reps); // warm-up (recorded in the spare slot)
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long start = System.nanoTime();
            call.run(r);
            double mine = (System.nanoTime() - start) / 1e9;
            LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
            LongBuffer most = DirectBuffers.longs(1);
            comm.allReduce(bits, most, ReduceOp.MAX);
            t[r] = Double.longBitsToDouble(most.get(0));
        }
        Arrays.sort(t);
        return t;
    }

    private static void line(Communicator comm, String impl, String op, long n, double[] t, String note) {
        if (comm.rank() == 0) {
            double s = t[t.length / 2];
            System.out.printf(Locale.ROOT, "PEER impl=%s op=%s ranks=%d N=%d seconds=%.4e gbs=%.2f reps=%d min=%.4e"
                    + " note=%s%n", impl, op, comm.size(), n, s, 8.0 * n / s / 1e9, t.length, t[0], note);
        }
    }
}
