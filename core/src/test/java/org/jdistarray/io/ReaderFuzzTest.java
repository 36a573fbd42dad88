package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * A fuzz of the collective readers on 3 thread ranks: {@code .npy} files, {@code .dnpy} sets and HDF5 files (jHDF
 * engine) with mutated headers (flipped, inserted and deleted bytes, truncations, forged lengths, shapes and dtypes;
 * for HDF5 the superblock and object headers) are loaded by every rank, and either every rank loads the array or
 * every rank throws an {@link ArrayFileException} naming the file: never another exception, never a rank that
 * succeeds while another fails, never a hang (each case has a deadline), never a JVM crash.
 *
 * <p>The normal suite runs {@value #DEFAULT_CASES} cases per format (a few seconds); {@code -Djdistarray.fuzz.cases=N}
 * runs N ({@code mvn -o -q -B -pl core -am test -Dtest=ReaderFuzzTest -Djdistarray.fuzz.cases=3000}), and
 * {@code -Djdistarray.fuzz.seed=S} another sequence.
 */
class ReaderFuzzTest {
    static final int DEFAULT_CASES = 40;
    private static final int RANKS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static int cases() {
        return Integer.getInteger("jdistarray.fuzz.cases", DEFAULT_CASES);
    }

    private static long seed() {
        return Long.getLong("jdistarray.fuzz.seed", 18L);
    }

    /** What one rank saw: null for a load that worked, else the exception. */
    private static RuntimeException attempt(Supplier<DistArray> load) {
        try {
            load.get().close();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Every rank succeeded, or every rank threw an ArrayFileException; returns whether they failed. */
    private static boolean agreed(Communicator comm, RuntimeException e, String what) {
        if (e != null && !(e instanceof ArrayFileException)) {
            fail(what + " on rank " + comm.rank() + ": " + e, e);
        }
        if (e != null && e.getMessage().isBlank()) {
            fail(what + ": empty message");
        }
        long failed = Collectives.sum(comm, e == null ? 0L : 1L);
        assertTrue(failed == 0 || failed == comm.size(), what + ": " + failed + " of " + comm.size()
                + " ranks failed (" + e + ")");
        return failed != 0;
    }

    private static Path shared(Communicator comm) throws Exception {
        return IoTesting.sharedDir(comm);
    }

    @Test
    void npyFiles() {
        LocalCluster.run(RANKS, TIMEOUT.multipliedBy(Math.max(1, cases() / DEFAULT_CASES)), comm -> {
            Path dir = shared(comm);
            Path f = dir.resolve("fuzz.npy");
            Distribution d = Distribution.builder(comm).shape(6, 4).build();
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveNpy(f, a);
            }
            byte[] seed = Files.readAllBytes(f);
            SplittableRandom rnd = new SplittableRandom(seed());
            int failures = 0;
            for (int i = 0; i < cases(); i++) {
                byte[] b = mutate(seed, rnd, 128);
                if (comm.rank() == 0) {
                    Files.write(f, b);
                }
                comm.barrier();
                RuntimeException e = attempt(() -> ArrayIO.loadNpy(f, d));
                if (agreed(comm, e, "npy case " + i)) {
                    failures++;
                    assertTrue(e.getMessage().contains(f.toString()) || e.getMessage().contains("rank "),
                            e.getMessage());
                }
                comm.barrier();
            }
            assertTrue(failures > 0, "the fuzz makes bad files");
        });
    }

    @Test
    void dnpySets() {
        LocalCluster.run(RANKS, TIMEOUT.multipliedBy(Math.max(1, cases() / DEFAULT_CASES)), comm -> {
            Path dir = shared(comm);
            String prefix = dir.resolve("fuzz").toString();
            Distribution d = Distribution.builder(comm).shape(7, 3).cyclic(0).build();
            try (DistArray a = IoTesting.reference(d, DType.INT32)) {
                ArrayIO.saveDnpy(prefix, a);
            }
            Path mine = Path.of(prefix + "_" + comm.rank() + ".dnpy");
            byte[] seed = Files.readAllBytes(mine);
            SplittableRandom rnd = new SplittableRandom(seed() + 1);
            int failures = 0;
            for (int i = 0; i < cases(); i++) {
                // one rank's file mutated per case (the others intact): the hardest case for agreement
                int victim = (int) Collectives.broadcast(comm, comm.rank() == 0 ? rnd.nextInt(comm.size()) : 0L, 0);
                byte[] b = mutate(seed, rnd, 200);
                comm.barrier();
                if (comm.rank() == victim) {
                    Files.write(mine, b);
                }
                comm.barrier();
                RuntimeException e = attempt(() -> ArrayIO.loadDnpy(comm, prefix));
                if (agreed(comm, e, "dnpy case " + i)) {
                    failures++;
                }
                comm.barrier();
                Files.write(mine, seed);
            }
            assertTrue(failures > 0, "the fuzz makes bad files");
        });
    }

    @Test
    void hdf5Files() {
        LocalCluster.run(RANKS, TIMEOUT.multipliedBy(Math.max(1, cases() / DEFAULT_CASES)), comm -> {
            Path dir = shared(comm);
            Path f = dir.resolve("fuzz.h5");
            Distribution d = Distribution.builder(comm).shape(6, 4).build();
            Hdf5Options jhdf = Hdf5Options.defaults().engine(Hdf5Engine.JHDF);
            for (Hdf5Options o : List.of(jhdf, jhdf.chunks(2, 4).gzip(1))) {
                try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                    ArrayIO.saveHdf5(f, "/g/x", a, Hdf5Mode.TRUNCATE, o);
                }
                byte[] seed = Files.readAllBytes(f);
                SplittableRandom rnd = new SplittableRandom(seed() + 2);
                int failures = 0;
                for (int i = 0; i < cases(); i++) {
                    byte[] b = mutateHdf5(seed, rnd);
                    comm.barrier();
                    if (comm.rank() == 0) {
                        Files.write(f, b);
                    }
                    comm.barrier();
                    RuntimeException e = attempt(() -> ArrayIO.loadHdf5(f, "/g/x", d, null, jhdf));
                    if (agreed(comm, e, "hdf5 case " + i + " (" + (o.chunks() == null ? "contiguous" : "chunked")
                            + ")")) {
                        failures++;
                    }
                    comm.barrier();
                }
                assertTrue(failures > 0, "the fuzz makes bad files");
            }
        });
    }

    /** Byte edits within the first {@code span} bytes (the header), truncations, insertions, forged fields. */
    static byte[] mutate(byte[] seed, SplittableRandom rnd, int span) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int lim = Math.max(1, Math.min(span, b.length));
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[rnd.nextInt(lim)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 2 -> { // forged length fields: .npy at 8..11, .dnpy at 8..9 and its embedded .npy
                    if (b.length > 12) {
                        b[8 + rnd.nextInt(4)] = (byte) rnd.nextInt(256);
                    }
                }
                case 3 -> b = replace(b, List.of("(6, 4)", "'<f8'", "'<i4'", "'c'", "'size': 7", "'proc_grid_size': 3",
                        "False").get(rnd.nextInt(7)), List.of("(-1, 4)", "(4611686018427387904, 4)", "'<c16'",
                        "'O'", "'u'", "'size': 70000000000", "True", "()", "(6, 5)").get(rnd.nextInt(9)));
                case 4 -> { // insert a byte
                    int p = rnd.nextInt(lim);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, p);
                    c[p] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, p, c, p + 1, b.length - p);
                    b = c;
                }
                default -> { // delete a byte
                    if (b.length > 0) {
                        int p = rnd.nextInt(lim);
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, p);
                        System.arraycopy(b, p + 1, c, p, b.length - p - 1);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    /** Flipped bytes and bits anywhere in the file's metadata (the first 2 KiB and the last KiB), or a truncation. */
    static byte[] mutateHdf5(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int p = rnd.nextBoolean() || b.length <= 1024 ? rnd.nextInt(Math.min(2048, b.length))
                    : b.length - 1 - rnd.nextInt(Math.min(1024, b.length));
            switch (rnd.nextInt(4)) {
                case 0 -> b[p] = (byte) rnd.nextInt(256);
                case 1 -> b[p] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b[p] = (byte) (rnd.nextBoolean() ? 0xff : 0x7f);
                default -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
        }
        return b;
    }

    private static byte[] replace(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
