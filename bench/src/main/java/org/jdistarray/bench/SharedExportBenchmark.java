package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.SharedArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * Cost of the shared-memory protocol export ({@link DistArray#exportShared}) against the array's size: for each N in
 * {@code SHM_SIZES} (float64, block-distributed; default 2^10, 2^16, 2^20, 2^24) the median over {@code PEER_REPS} of
 * the slowest rank's seconds for {@code exportShared} of an array already in shared memory, and, in the same job as
 * the baseline, {@code SharedArrays.toShared} (the one copy an ordinary array needs: O(N)). One line per case:
 * {@code PEER impl=jdistarray op=export_shared|to_shared ranks=P N=... seconds=... ratio_vs_copy=...}; the export's
 * seconds staying flat while N grows 2^14-fold is the O(1) claim.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.SharedExportBenchmark [DIR]</pre>
 */
public final class SharedExportBenchmark {
    private SharedExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "7"));
        String[] sizes = System.getenv().getOrDefault("SHM_SIZES", "1024,65536,1048576,16777216").split(",");
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"),
                "jdistarray-shm-bench"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            for (String s : sizes) {
                long n = Long.parseLong(s.trim());
                Distribution d = Distribution.builder(comm).shape(n).build();
                try (DistArray plain = DistArrays.arange(d, 0, 1, DType.FLOAT64);
                        DistArray shared = SharedArrays.toShared(plain)) {
                    double copy = time(comm, reps, () -> SharedArrays.toShared(plain).close());
                    double export = time(comm, reps, () -> shared.exportShared(dir.resolve("r" + comm.size())));
                    print(comm, "to_shared", n, copy, 1.0);
                    print(comm, "export_shared", n, export, export / copy);
                }
            }
            comm.barrier();
            if (comm.rank() == 0) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p); // directories of descriptors are empty once the arrays closed
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static double time(Communicator comm, int reps, Runnable call) {
        call.run(); // warm-up
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long start = System.nanoTime();
            call.run();
            double mine = (System.nanoTime() - start) / 1e9;
            LongBuffer bits = DirectBuffers.longs(1).put(0, Double.doubleToLongBits(mine));
            LongBuffer most = DirectBuffers.longs(1);
            comm.allReduce(bits, most, ReduceOp.MAX);
            t[r] = Double.longBitsToDouble(most.get(0));
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static void print(Communicator comm, String op, long n, double seconds, double ratio) {
        if (comm.rank() == 0) {
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e ratio_vs_copy=%.4f%n",
                    op, comm.size(), n, seconds, ratio);
        }
    }
}
