package org.jdistarray.cli;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.ops.Np;
import org.jdistarray.plot.Palette;
import org.jdistarray.plot.Picture;
import org.jdistarray.plot.PlotOptions;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.NdMap;
import org.jdistarray.protocol.ProtocolValidator;
import org.jdistarray.protocol.BufferSpec;

/**
 * The built-in checks of {@code jdistarray selftest}: each computes something small with the installed build and
 * compares it with a serial answer. The MPI, PETSc and Trilinos checks run in one {@code mpirun -np 2} of
 * {@link SelfTestMpi} ({@link MpiChecks}); they are skipped, with the reason, where that is not possible.
 */
final class SelfTest {
    /** A check that is not possible here: counted as skipped, with its reason. */
    static final class Skip extends RuntimeException {
        Skip(String reason) {
            super(reason);
        }
    }

    /** One check: a name and code that returns a short detail or throws (a failure, or {@link Skip}). */
    record Check(String name, CheckBody body) {
    }

    @FunctionalInterface
    interface CheckBody {
        String run() throws Exception;
    }

    /** The counts of a run. */
    record Summary(int passed, int failed, int skipped) {
    }

    private static final Duration RANK_TIMEOUT = Duration.ofSeconds(30);

    private SelfTest() {
    }

    /** The in-process checks. */
    static List<Check> localChecks() {
        return List.of(
                new Check("protocol maps", SelfTest::protocolMaps),
                new Check("thread-rank collectives", SelfTest::collectives),
                new Check("array operations", SelfTest::arrayOperations),
                new Check("redistribution and ghost exchange", SelfTest::redistribution),
                new Check("IO round trips (.npy, .dnpy)", SelfTest::io),
                new Check("pictures", SelfTest::pictures));
    }

    /** Runs {@code checks}, one line each, then the summary line. */
    static Summary run(List<Check> checks, PrintWriter out) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Check c : checks) {
            long t0 = System.nanoTime();
            String status;
            try {
                String detail = c.body().run();
                status = "ok    " + c.name() + (detail.isEmpty() ? "" : ": " + detail);
                passed++;
            } catch (Skip s) {
                status = "skip  " + c.name() + ": " + s.getMessage();
                skipped++;
            } catch (Throwable e) {
                status = "FAIL  " + c.name() + ": " + JDistArrayCli.oneLine(e);
                failed++;
            }
            out.println(String.format(Locale.ROOT, "%s (%.2f s)", status, (System.nanoTime() - t0) * 1e-9));
            out.flush();
        }
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        out.flush();
        return new Summary(passed, failed, skipped);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Every index has one owner, whose map owns it; JSON round trips; the validator accepts every rank's export. */
    static String protocolMaps() {
        long[] shape = {7, 10};
        int layouts = 0;
        for (int ranks : new int[] {1, 2, 3, 4, 7}) {
            for (List<DistKind> kinds : List.of(List.of(DistKind.BLOCK, DistKind.BLOCK),
                    List.of(DistKind.CYCLIC, DistKind.BLOCK), List.of(DistKind.UNDISTRIBUTED, DistKind.CYCLIC))) {
                for (long[] bs : new long[][] {null, {kinds.get(0) == DistKind.CYCLIC ? 2 : 1, 1}}) {
                    GlobalLayout l = GlobalLayout.fromShape(shape, kinds, null, bs, ranks);
                    long owned = 0;
                    for (int r = 0; r < l.rankCount(); r++) {
                        NdMap m = l.mapFor(r);
                        owned += m.ownedElementCount();
                        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(DType.FLOAT64, m.localShape()),
                                l.dimDataFor(r));
                        String json = JsonCodec.write(d);
                        check(JsonCodec.write(JsonCodec.read(json)).equals(json), "JSON round trip of " + json);
                        check(ProtocolValidator.validate(d).isEmpty(), "validator: " + ProtocolValidator.validate(d));
                    }
                    check(owned == 70, "owned counts add up to " + owned + ", not 70, for " + l);
                    for (long i = 0; i < shape[0]; i++) {
                        for (long j = 0; j < shape[1]; j++) {
                            int o = l.ownerOf(i, j);
                            for (int r = 0; r < l.rankCount(); r++) {
                                check(l.mapFor(r).owns(i, j) == (r == o), "owner of (" + i + ", " + j + ") in " + l);
                            }
                        }
                    }
                    layouts++;
                }
            }
        }
        return layouts + " layouts on 1, 2, 3, 4, 7 ranks";
    }

    static String collectives() {
        List<long[]> out = LocalCluster.call(4, RANK_TIMEOUT, comm -> new long[] {
            Collectives.sum(comm, (long) comm.rank() + 1), Collectives.max(comm, (long) comm.rank()),
            Arrays.stream(Collectives.allGather(comm, comm.rank() * 10L)).sum(),
            Collectives.broadcast(comm, comm.rank() == 2 ? 42L : -1L, 2)});
        for (long[] r : out) {
            check(Arrays.equals(r, new long[] {10, 3, 60, 42}), "sum, max, allGather, broadcast gave "
                    + Arrays.toString(r) + " instead of [10, 3, 60, 42]");
        }
        return "sum, max, allGather, broadcast on 4 thread ranks";
    }

    static String arrayOperations() {
        List<double[]> out = LocalCluster.call(3, RANK_TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(10, 7).cyclic(1).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 7 + g[1]);
                    DistArray sq = Np.multiply(a, a); DistArray s = Np.sum(sq); DistArray r = Np.sqrt(sq);
                    DistArray m = Np.mean(r)) {
                return new double[] {s.getDouble(), m.getDouble(), r.getDouble(9, 6)};
            }
        });
        double sumSq = 69.0 * 70 * 139 / 6; // sum of k^2, k < 70
        for (double[] r : out) {
            check(r[0] == sumSq && r[1] == 34.5 && r[2] == 69, "sum(a*a), mean(sqrt(a*a)), element gave "
                    + Arrays.toString(r) + " instead of [" + sumSq + ", 34.5, 69.0]");
        }
        return "multiply, sum, sqrt, mean on 3 thread ranks; " + org.jdistarray.ops.ElementLoops.status() + "; "
                + org.jdistarray.ops.ElementLoops.checkCompiler();
    }

    static String redistribution() {
        LocalCluster.run(4, RANK_TIMEOUT, comm -> {
            Distribution from = Distribution.builder(comm).shape(9, 11).build();
            Distribution to = Distribution.builder(comm).shape(9, 11).cyclic(0, 2).undistributed(1).build();
            try (DistArray a = DistArrays.fromFunction(from, DType.INT64, g -> g[0] * 11 + g[1]);
                    DistArray b = DistArrays.redistribute(a, to)) {
                double[] all = b.toDoubleArray(0);
                if (comm.rank() == 0) {
                    for (int k = 0; k < all.length; k++) {
                        check(all[k] == k, "element " + k + " is " + all[k] + " after the redistribution");
                    }
                }
            }
            Distribution padded = Distribution.builder(comm).shape(12).padding(0, 1, 0).build();
            try (DistArray g = DistArrays.fromFunction(padded, DType.FLOAT64, i -> 100 + i[0])) {
                g.exchangeGhosts();
                var block = g.local();
                for (long l = 0; l < padded.localShape()[0]; l++) {
                    long gi = padded.globalFromLocal(l)[0];
                    check(block.getDoubleAt(l) == 100 + gi, "rank " + comm.rank() + " local " + l + " holds "
                            + block.getDoubleAt(l) + " instead of " + (100 + gi));
                }
            }
        });
        return "block -> block-cyclic on 4 thread ranks, ghosts filled";
    }

    static String io() throws IOException {
        Path dir = Files.createTempDirectory("jdistarray-selftest");
        try {
            LocalCluster.run(3, RANK_TIMEOUT, comm -> {
                Distribution d = Distribution.builder(comm).shape(8, 5).build();
                Distribution other = Distribution.builder(comm).shape(8, 5).cyclic(1).undistributed(0).build();
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT32, g -> g[0] * 5 + g[1] + 0.25)) {
                    ArrayIO.saveNpy(dir.resolve("a.npy"), a);
                    ArrayIO.saveDnpy(dir.resolve("a").toString(), a);
                    try (DistArray b = ArrayIO.loadNpy(dir.resolve("a.npy"), other);
                            DistArray c = ArrayIO.loadDnpy(comm, dir.resolve("a").toString())) {
                        double[] vb = b.toDoubleArray(0);
                        double[] vc = c.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            for (int k = 0; k < 40; k++) {
                                check(vb[k] == k + 0.25 && vc[k] == k + 0.25, "element " + k + " read back as "
                                        + vb[k] + " (.npy) and " + vc[k] + " (.dnpy)");
                            }
                        }
                    }
                }
            });
            byte[] npy = Files.readAllBytes(dir.resolve("a.npy"));
            check(new String(npy, 1, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("NUMPY"), "no .npy magic");
            return "float32 (8, 5) on 3 thread ranks, read into another layout";
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String pictures() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {6, 9}, List.of(DistKind.BLOCK, DistKind.CYCLIC), null,
                null, 6);
        Picture pic = Plots.distribution(l, PlotOptions.defaults().cellPixels(12));
        BufferedImage img = pic.image();
        for (long i = 0; i < 6; i++) {
            for (long j = 0; j < 9; j++) {
                Point2D c = pic.cellCenter(i, j);
                check(img.getRGB((int) c.getX(), (int) c.getY()) == Palette.rankColor(l.ownerOf(i, j)).getRGB(),
                        "cell (" + i + ", " + j + ") is not drawn in its owner's colour");
            }
        }
        check(pic.svg().contains("grid (2, 3)"), "the SVG title names the grid");
        return "owner colours of a (6, 9) b,c layout on 6 ranks, PNG and SVG";
    }

    /** The names of the checks {@link SelfTestMpi} runs, in order. */
    static final List<String> MPI_CHECKS = List.of("mpi", "petsc", "trilinos");

    static List<String> mpiCheckTitles() {
        List<String> t = new ArrayList<>();
        t.add("mpirun -np 2: MPI collectives and arrays");
        t.add("mpirun -np 2: PETSc CG solve of a Poisson problem");
        t.add("mpirun -np 2: Trilinos Belos solve of a Poisson problem");
        return t;
    }
}
