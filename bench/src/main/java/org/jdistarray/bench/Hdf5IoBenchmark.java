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
import org.jdistarray.io.Hdf5Engine;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.io.Hdf5Options;
import org.jdistarray.protocol.DType;

/**
 * HDF5 save and load (org.jdistarray.io.ArrayIO) of N float64 (default 2^25, 256 MiB) as one contiguous dataset and
 * as a chunked one (chunks of 2^17, no filter: {@code _chunked}), block-distributed, under mpirun, through each
 * engine: {@code jhdf} (pure Java; metadata and chunks written by rank 0, elements by every rank) and
 * {@code native} (parallel HDF5, collective MPI-IO); {@code h5_bench.py} is h5py's write/read of the same size, run in
 * the same job by {@code run_hdf5_bench.sh}. One line per case in the shared format, seconds per call (median over
 * {@code PEER_REPS} of the slowest rank), gbs = data bytes / seconds; the file stays in the page cache.
 *
 * <pre>mpirun -np 2 --bind-to core java -cp ... org.jdistarray.bench.Hdf5IoBenchmark [DIR]</pre>
 */
public final class Hdf5IoBenchmark {
    /** The chunk of the chunked cases: 2^17 float64 (1 MiB), no filter. */
    static final long CHUNK = 1 << 17;

    private Hdf5IoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(System.getenv().getOrDefault("PEER_REPS", "7"));
        long n = Long.parseLong(System.getenv().getOrDefault("IO_N", String.valueOf(1L << 25)));
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray a = DistArrays.arange(d, 0, 1, DType.FLOAT64)) {
                for (Hdf5Engine engine : new Hdf5Engine[] {Hdf5Engine.JHDF, Hdf5Engine.NATIVE}) {
                    String e = engine.name().toLowerCase(Locale.ROOT);
                    Path file = dir.resolve("jdistarray-h5-bench-" + comm.size() + "-" + e + ".h5");
                    Hdf5Options o = Hdf5Options.defaults().engine(engine);
                    line(comm, e, "h5_write", n, reps, () -> ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, o));
                    line(comm, e, "h5_read", n, reps, () -> ArrayIO.loadHdf5(file, "/x", d, null, o).close());
                    Hdf5Options c = o.chunks(CHUNK);
                    line(comm, e, "h5_write_chunked", n, reps, () -> ArrayIO.saveHdf5(file, "/x", a,
                            Hdf5Mode.TRUNCATE, c));
                    line(comm, e, "h5_read_chunked", n, reps, () -> ArrayIO.loadHdf5(file, "/x", d, null, o).close());
                    comm.barrier();
                    if (comm.rank() == 0) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private static void line(Communicator comm, String engine, String op, long n, int reps, Runnable call) {
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
            System.out.printf(Locale.ROOT, "PEER impl=jdistarray_%s op=%s ranks=%d N=%d seconds=%.4e gbs=%.3f%n",
                    engine, op, comm.size(), n, s, n * 8 / s / 1e9);
        }
    }
}
