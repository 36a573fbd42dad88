package org.jdistarray.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;

/**
 * Redistribution of an NY x NX float64 array (default 4096 x 4096, {@code PEER_N} = NY*NX as the baselines' grid_2d)
 * under mpirun, in the shared PEER line format; gbs with the 16 N byte model. Cases (arguments, default all):
 * <ul>
 * <li>{@code row2col}: row blocks (grid P x 1) to column blocks (grid 1 x P), the mpi4py {@code Alltoallv} transpose
 * and {@code bench/c/redist_bench.c};</li>
 * <li>{@code block2cyclic}, {@code cyclic2block}: row blocks to cyclic rows and back;</li>
 * <li>{@code bcyclic2block}: block-cyclic rows (blocks of 64) to row blocks.</li>
 * </ul>
 * Every case prints a second line {@code op=<case>_plan} with the plan construction time (median of the repetitions)
 * and a comment line with the peak extra memory: the rise of the resident set's high-water mark ({@code VmHWM},
 * reset through {@code /proc/self/clear_refs}) over the first redistribution (which allocates the buffers the plan
 * keeps) into a preallocated, touched target, next to the plan's figure and one local block. Times are the slowest
 * rank's, median over {@code PEER_REPS} after a warm-up.
 */
public final class RedistributionBenchmark {
    private RedistributionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int reps = Integer.parseInt(env("PEER_REPS", "10"));
        long n = Long.parseLong(env("PEER_N", Long.toString(1L << 24)));
        int k = 63 - Long.numberOfLeadingZeros(n);
        long ny = 1L << (k / 2);
        long nx = n / ny;
        List<String> ops = args.length > 0 ? List.of(args) : List.of("row2col", "block2cyclic", "cyclic2block",
                "bcyclic2block");
        try (MpiSession mpi = MpiSession.init()) {
            Communicator comm = mpi.world();
            Distribution rows = Distribution.builder(comm).shape(ny, nx).block(0).undistributed(1).build();
            Distribution cols = Distribution.builder(comm).shape(ny, nx).undistributed(0).block(1).build();
            Distribution cyclic = Distribution.builder(comm).shape(ny, nx).cyclic(0).undistributed(1).build();
            Distribution bcyclic = Distribution.builder(comm).shape(ny, nx).cyclic(0, 64).undistributed(1).build();
            for (String op : ops) {
                switch (op) {
                    case "row2col" -> run(comm, "redist_row2col", rows, cols, reps, nx);
                    case "block2cyclic" -> run(comm, "redist_block2cyclic", rows, cyclic, reps, nx);
                    case "cyclic2block" -> run(comm, "redist_cyclic2block", cyclic, rows, reps, nx);
                    case "bcyclic2block" -> run(comm, "redist_bcyclic2block", bcyclic, rows, reps, nx);
                    default -> throw new IllegalArgumentException("unknown case " + op);
                }
            }
        }
    }

    private static void run(Communicator comm, String op, Distribution from, Distribution to, int reps, long nx)
            throws IOException {
        long n = from.globalSize();
        double[] planTimes = new double[reps];
        Redistribution plan = null;
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            plan = Redistribution.plan(from, to);
            planTimes[r] = Collectives.max(comm, (System.nanoTime() - t0) / 1e9);
        }
        try (DistArray a = DistArrays.fromFunction(from, DType.FLOAT64, g -> g[0] * nx + g[1]);
             DistArray b = DistArrays.zeros(to, DType.FLOAT64)) {
            b.fill(-1.0); // touch every page of the target before measuring memory
            Redistribution p = plan;
            // the first run allocates the plan's exchange buffers (kept for the next runs): measure it
            long hwmBefore = resetHighWaterMark();
            DistArrays.redistribute(a, p, b);
            long extra = hwm() - hwmBefore;
            for (int w = 0; w < 3; w++) {
                DistArrays.redistribute(a, p, b); // warm-up (JIT)
            }
            check(b, nx);
            double[] t = new double[reps];
            for (int r = 0; r < reps; r++) {
                comm.barrier();
                long t0 = System.nanoTime();
                DistArrays.redistribute(a, p, b);
                t[r] = Collectives.max(comm, (System.nanoTime() - t0) / 1e9);
            }
            long extraMax = Collectives.max(comm, extra);
            long block = Collectives.max(comm, from.localElementCount() * 8);
            long planned = 0;
            for (int r = 0; r < comm.size(); r++) {
                planned = Math.max(planned, p.peakExtraBytes(r, 8));
            }
            report(comm, op, n, t, 16.0 * n, reps, from.shape()[0] + "x" + nx);
            report(comm, op + "_plan", n, planTimes, -1, reps, "plan-construction");
            if (comm.rank() == 0) {
                System.out.printf(Locale.ROOT, "# %s peak extra memory: measured %.1f MiB (VmHWM rise, largest rank),"
                        + " planned %.1f MiB, one local block %.1f MiB, rounds %d; rank 0 on huge pages: %.0f MiB%n", op,
                        extraMax / 1048576.0, planned / 1048576.0, block / 1048576.0, p.rounds(8), hugePages() / 1048576.0);
            }
        }
    }

    private static void check(DistArray b, long nx) {
        b.forEachOwned((g, off) -> {
            double v = b.local().getDouble(off);
            if (v != g[0] * nx + g[1]) {
                throw new IllegalStateException("redistribution gave " + v + " at " + Arrays.toString(g));
            }
        });
    }

    /** Resets the peak resident set to the current one (Linux {@code clear_refs} 5) and returns the current RSS. */
    private static long resetHighWaterMark() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        return status("VmRSS:");
    }

    private static long hugePages() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
            if (line.startsWith("AnonHugePages:")) {
                return Long.parseLong(line.substring(14).trim().split("\\s+")[0]) * 1024;
            }
        }
        return -1;
    }

    private static long hwm() throws IOException {
        return status("VmHWM:");
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        return -1;
    }

    private static void report(Communicator comm, String op, long n, double[] t, double bytes, int reps, String note) {
        if (comm.rank() != 0) {
            return;
        }
        double[] s = t.clone();
        Arrays.sort(s);
        int m = s.length;
        double median = m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
        String gbs = bytes > 0 ? String.format(Locale.ROOT, "%.2f", bytes / median / 1e9) : "-";
        System.out.printf(Locale.ROOT, "PEER impl=jdistarray op=%s ranks=%d N=%d seconds=%.6g gbs=%s reps=%d min=%.6g"
                + " note=%s%n", op, comm.size(), n, median, gbs, reps, s[0], note);
        System.out.flush();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
