package org.jdistarray.bench;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.NpyMapMode;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;

/**
 * Parallel {@code .npy} save and load (org.jdistarray.io.ArrayIO) of N float64 (default 2^25, 256 MiB) in one shared
 * file, block-distributed, under mpirun; {@code npy_bench.py} is NumPy's {@code np.save}/{@code np.load} of the same
 * size, run in the same job by {@code run_io_bench.sh}. The {@code sum_*} cases are {@code Np.sum} over the array in
 * memory, over a {@code memmapNpy} of the file mapped once ({@code sum_memmap}) and mapped per call
 * ({@code sum_memmap_open}); NumPy's twins are {@code a.sum()} and {@code np.load(path, mmap_mode='r').sum()}. One line per case in the shared format, seconds per call
 * (median over {@code PEER_REPS} of the slowest rank), gbs = file data bytes / seconds. The file stays in the page
 * cache between repetitions (as NumPy's does): this measures the parallel I/O path, not the disk.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.NpyIoBenchmark [DIR]</pre>
 */
public final class NpyIoBenchmark {
    private NpyIoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "7"));
        long n = Long.parseLong(System.getenv().getOrDefault("IO_N", String.valueOf(1L << 25)));
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Path file = dir.resolve("jdistarray-io-bench-" + comm.size() + ".npy");
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.arange(d, 0, 1, DType.FLOAT64)) {
                line(comm, "npy_save", n, reps, () -> ArrayIO.saveNpy(file, a));
                line(comm, "npy_load", n, reps, () -> ArrayIO.loadNpy(file, d).close());
                try (DistArray into = DistArrays.empty(d, DType.FLOAT64)) { // the same memory every time, as dd's buffer
                    line(comm, "npy_load_into", n, reps, () -> ArrayIO.loadNpy(file, into));
                }
                // out-of-core arrays against in-memory ones: a sum over the array (memory-bound), the file mapped
                // once and summed (steady state), and mapped, summed and unmapped per call (what a pass over a
                // file costs, from the page cache)
                line(comm, "sum_memory", n, reps, () -> Np.sum(a).close());
                try (DistArray m = ArrayIO.memmapNpy(file, d, NpyMapMode.READ_ONLY)) {
                    line(comm, "sum_memmap", n, reps, () -> Np.sum(m).close());
                }
                line(comm, "sum_memmap_open", n, reps, () -> {
                    try (DistArray m = ArrayIO.memmapNpy(file, d, NpyMapMode.READ_ONLY)) {
                        Np.sum(m).close();
                    }
                });
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void line(Communicator comm, String op, long n, int reps, Runnable call) {
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
        if (comm.rank() == 0) {
            double s = t[reps / 2];
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.4e gbs=%.3f%n", op,
                    comm.size(), n, s, n * 8 / s / 1e9);
        }
    }
}
