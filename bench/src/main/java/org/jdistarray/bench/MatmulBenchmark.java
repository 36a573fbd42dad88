package org.jdistarray.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jdistarray.algo.AlgoOptions;
import org.jdistarray.algo.AlgoPlan;
import org.jdistarray.algo.Products;
import org.jdistarray.algo.Sorting;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code Products.matmul} (SUMMA) of two {@code ALGO_MATMUL_N}^2 (default 4096) float64 arrays under mpirun, in the
 * shared line format ({@code PEER impl=jdistarray op=matmul ranks=... N=... seconds=... gbs=<GFLOP/s>}; median over
 * {@code MATMUL_REPS}, default 3, of the slowest rank), for two layouts: {@code layout=block} (the default block x
 * block layout of the builder) and {@code layout=blockcyclic64} (ScaLAPACK's: 64 x 64 blocks dealt over the
 * near-square grid). The note names the local kernel (which BLAS, or the Java loops) and the median phase split of
 * rank 0 ({@code toGrid}, {@code panels}, {@code localProducts}). Baseline: {@code bench/c/dgemm_bench.c}, the same
 * BLAS's {@code cblas_dgemm} on one core.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.MatmulBenchmark</pre>
 */
public final class MatmulBenchmark {
    private static volatile double sink;

    private MatmulBenchmark() {
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("MATMUL_REPS", "3"));
        long n = Long.parseLong(System.getenv().getOrDefault("ALGO_MATMUL_N", "4096"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            int p = comm.size();
            int pc = (int) Math.sqrt(p);
            while (p % pc != 0) {
                pc--;
            }
            Distribution block = Distribution.builder(comm).shape(n, n).build();
            Distribution cyclic = Distribution.builder(comm).shape(n, n).cyclic(0, 64).cyclic(1, 64)
                    .grid(p / pc, pc).build();
            Map<String, Distribution> cases = new java.util.LinkedHashMap<>(); // the same order on every rank
            cases.put("block", block);
            cases.put("blockcyclic64", cyclic);
            for (Map.Entry<String, Distribution> e : cases.entrySet()) {
                Distribution d = e.getValue();
                try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> AlgoBenchmark.uniform(g[0] * n + g[1]));
                     DistArray y = DistArrays.fromFunction(d, DType.FLOAT64,
                             g -> AlgoBenchmark.uniform(g[1] * n + g[0]))) {
                    Map<String, double[]> phases = new TreeMap<>();
                    String[] what = new String[1];
                    double[] t = AlgoBenchmark.time(comm, reps, r -> {
                        Sorting.Result res = Products.run(x, y, AlgoOptions.defaults());
                        AlgoPlan plan = res.plan();
                        what[0] = plan.algorithm();
                        for (Map.Entry<String, Long> ph : plan.phaseNanos().entrySet()) {
                            phases.computeIfAbsent(ph.getKey(), k -> new double[reps + 1])[r] = ph.getValue() / 1e9;
                        }
                        sink = res.array().globalSize();
                        res.array().close();
                    });
                    StringBuilder note = new StringBuilder("GFLOPs_in_gbs,layout=" + e.getKey());
                    for (String k : new String[] {"toGrid", "panels", "localProducts", "write"}) {
                        double[] v = phases.get(k);
                        if (v != null) {
                            double[] s = Arrays.copyOf(v, reps);
                            Arrays.sort(s);
                            note.append(String.format(Locale.ROOT, ",%s=%.3f", k, s[reps / 2]));
                        }
                    }
                    note.append(",plan=").append(what[0].replaceAll("[\\s]+", "_"));
                    if (comm.rank() == 0) {
                        double s = t[t.length / 2];
                        System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=matmul ranks=%d N=%d seconds=%.4e"
                                + " gbs=%.3f reps=%d min=%.4e note=%s%n", p, n, s, 2.0 * n * n * n / s / 1e9,
                                t.length, t[0], note);
                    }
                }
            }
        }
    }
}
