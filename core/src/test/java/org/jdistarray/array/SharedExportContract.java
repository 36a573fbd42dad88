package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.internal.SharedSegment;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;
import org.junit.jupiter.api.Test;

/**
 * Shared-memory arrays and their protocol export read by Debian's NumPy through {@code python/jdistarray_dap.py}:
 * uneven, empty and cyclic blocks, 1-D and 2-D grids. Subclasses run it on threads or under mpirun (the ranks of one
 * node share {@code /dev/shm}; rank 0 runs the Python side for every rank).
 */
public abstract class SharedExportContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>();
        c.add(new Cases.Case("block1d", comm -> Distribution.builder(comm).shape(10).build()));
        c.add(new Cases.Case("emptyBlocks1d", comm -> Distribution.builder(comm).shape(3).build()));
        c.add(new Cases.Case("grid2d", comm -> Distribution.builder(comm).shape(5, 2L * comm.size() + 1)
                .grid(comm.size() % 2 == 0 ? 2 : 1, comm.size() % 2 == 0 ? comm.size() / 2 : comm.size()).build()));
        c.add(new Cases.Case("blockCyclic", comm -> Distribution.builder(comm).shape(4L * comm.size() + 3, 3)
                .cyclic(0, 2).build()));
        c.add(new Cases.Case("cyclic2d", comm -> Distribution.builder(comm).shape(4, 3 + comm.size()).cyclic(1).build()));
        return c;
    }

    /** A directory every rank agrees on (rank 0 draws its name). */
    static Path sharedDir(Communicator comm, String what) {
        long id = Collectives.broadcast(comm, comm.rank() == 0 ? System.nanoTime() ^ ProcessHandle.current().pid() : 0L, 0);
        return Path.of(System.getProperty("java.io.tmpdir"), "jdap-" + what + "-" + Long.toHexString(id));
    }

    static double value(long flat) {
        return flat + 0.25;
    }

    static DistArray sharedOf(Distribution d) {
        try (DistArray plain = DistArrays.fromFunction(d, DType.FLOAT64, g -> value(Cases.flat(d.shape(), g)))) {
            return SharedArrays.toShared(plain);
        }
    }

    @Test
    void sharedBlockIsOwnerOnlyAlignedAndUnlinkedOnClose() throws Exception {
        onRanks(comm -> {
            Path dir = sharedDir(comm, "mode");
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                Path seg;
                Path desc;
                try (DistArray a = DistArrays.zerosShared(d, DType.FLOAT64)) {
                    assertTrue(SharedArrays.isShared(a), c.name());
                    seg = SharedArrays.segmentPath(a);
                    assertEquals(SharedSegment.SHM_DIR, seg.getParent(), c.name());
                    assertTrue(seg.getFileName().toString().startsWith("jdistarray-" + ProcessHandle.current().pid() + "-"));
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(seg)), c.name());
                    assertEquals(0, a.local().address() % 64, c.name());
                    assertTrue(a.local().isContiguous(), c.name());
                    assertEquals(d.localElementCount() * 8, a.local().byteSize(), c.name());
                    for (long i = 0; i < a.local().elementCount(); i++) {
                        assertEquals(0.0, a.local().getDouble(i));
                    }
                    desc = a.exportShared(dir);
                    assertEquals(SharedArrays.descriptorFile(dir, comm.rank()), desc);
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(desc)));
                    assertTrue(Files.exists(seg));
                }
                assertFalse(Files.exists(seg), c.name() + ": the segment outlived close");
                assertFalse(Files.exists(desc), c.name() + ": the descriptor outlived close");
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(dir);
            }
        });
    }

    @Test
    void numpyReadsAndWritesTheBlock() throws Exception {
        assumeTrue(DapPython.skipReason() == null, DapPython.skipReason());
        onRanks(comm -> {
            Path dir = sharedDir(comm, "rw");
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                try (DistArray a = sharedOf(d)) {
                    a.exportShared(dir);
                    double mine = 0;
                    for (long i = 0; i < a.local().elementCount(); i++) {
                        mine += a.local().getDouble(i);
                    }
                    double ours = Collectives.sum(comm, mine);
                    comm.barrier();
                    double theirs = 0;
                    if (comm.rank() == 0) {
                        String out = DapPython.run(DapPython.script(dir).toString(), "readwrite", dir.toString(),
                                Integer.toString(comm.size()));
                        theirs = Double.parseDouble(out.strip().replaceFirst("(?s).*sum ", ""));
                    }
                    theirs = Collectives.broadcast(comm, theirs, 0);
                    assertEquals(ours, theirs, 1e-9 * Math.max(1, Math.abs(ours)), c.name() + ": numpy's sum");
                    long[] g = new long[d.ndim()];
                    final Distribution dd = d;
                    a.forEachOwned((global, offset) -> assertEquals(-value(Cases.flat(dd.shape(), global)),
                            a.local().getDouble(offset), c.name() + ": numpy's write at " + java.util.Arrays.toString(global)));
                    Path py = dir.resolve("py-rank" + comm.rank() + ".json");
                    JsonNode fromPython = JSON.readTree(Files.readString(py));
                    JsonNode fromJava = JSON.readTree(JsonCodec.write(a.export().descriptor()));
                    assertEquals(fromJava, fromPython, c.name() + ": jdistarray_dap's dictionary vs export()");
                    Files.delete(py);
                    comm.barrier();
                }
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(dir.resolve("dap_check.py"));
                Files.deleteIfExists(dir);
            }
        });
    }

    @Test
    void pythonExportsAndJavaImportsWithNoCopy() throws Exception {
        assumeTrue(DapPython.skipReason() == null, DapPython.skipReason());
        onRanks(comm -> {
            Path dir = sharedDir(comm, "import");
            long n = 3L * comm.size() + 2;
            Process py = null;
            RuntimeException started = null;
            if (comm.rank() == 0) {
                Files.createDirectories(dir);
                py = DapPython.start(List.of(DapPython.script(dir).toString(), "export", dir.toString(),
                        Integer.toString(comm.size()), Long.toString(n)));
                java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(py.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8));
                String line = r.readLine();
                if (!"exported".equals(line)) {
                    started = new IllegalStateException("python did not export: " + line);
                }
            }
            org.jdistarray.comm.CollectiveErrors.agree(comm, started);
            Path seg;
            try (DistArray a = DistArray.importShared(comm, dir)) {
                assertFalse(SharedArrays.isShared(a) && SharedArrays.segmentPath(a) != null
                        && SharedArrays.segmentPath(a).toString().contains("jdistarray-" + ProcessHandle.current().pid()));
                assertEquals(n, a.shape()[0]);
                JsonNode desc = JSON.readTree(Files.readString(SharedArrays.descriptorFile(dir, comm.rank())));
                seg = Path.of(desc.get("shm").get("path").asText());
                double mine = 0;
                for (long i = 0; i < a.local().elementCount(); i++) {
                    long g = a.local().globalFromLocal(i)[0];
                    assertEquals(2.0 * g + 1, a.local().getDouble(i), "python's value at " + g);
                    mine += a.local().getDouble(i);
                    a.local().setDouble(i, -(2.0 * g + 1)); // written into Python's memory
                }
                assertEquals((double) n * n, Collectives.sum(comm, mine), "sum of 2g+1 over 0..n-1");
            }
            assertTrue(Files.exists(seg), "closing the importer must not unlink the exporter's block");
            comm.barrier();
            if (comm.rank() == 0) {
                Files.createFile(dir.resolve("done"));
                String out = new String(py.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(py.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(0, py.exitValue(), out);
                assertTrue(out.contains("java writes seen"), out);
                assertFalse(Files.exists(seg), "python's exporter unlinks its block on close");
                Files.delete(dir.resolve("done"));
                Files.deleteIfExists(dir.resolve("dap_check.py"));
                Files.deleteIfExists(dir);
            }
            comm.barrier();
        });
    }

    @Test
    void javaReimportsItsOwnExportAndReadOnlyStaysReadOnly() throws Exception {
        onRanks(comm -> {
            Path dir = sharedDir(comm, "ro");
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                try (DistArray a = sharedOf(d)) {
                    a.exportShared(dir);
                    comm.barrier();
                    try (DistArray b = DistArray.importShared(comm, dir)) {
                        assertTrue(b.distribution().isCompatible(d), c.name());
                        for (long i = 0; i < b.local().elementCount(); i++) {
                            b.local().setDouble(i, 7.0); // the same memory: shows in a
                        }
                        for (long i = 0; i < a.local().elementCount(); i++) {
                            assertEquals(7.0, a.local().getDouble(i), c.name());
                        }
                    }
                    a.exportSharedReadOnly(dir);
                    comm.barrier();
                    try (DistArray b = DistArray.importShared(comm, dir)) {
                        for (long i = 0; i < b.local().elementCount(); i++) {
                            assertEquals(7.0, b.local().getDouble(i), c.name());
                            b.local().setDouble(i, 8.0); // copy-on-write: stays in b
                        }
                        for (long i = 0; i < a.local().elementCount(); i++) {
                            assertEquals(7.0, a.local().getDouble(i), c.name() + ": a read-only import wrote through");
                        }
                    }
                    if (DapPython.skipReason() == null && comm.rank() == 0) {
                        String out = DapPython.run(DapPython.script(dir).toString(), "readonly", dir.toString(),
                                Integer.toString(comm.size()));
                        assertTrue(out.contains("readonly ok"), out);
                    }
                    comm.barrier();
                }
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(dir.resolve("dap_check.py"));
                Files.deleteIfExists(dir);
            }
        });
    }

    @Test
    void invalidDescriptorsThrowTheViolationsOnEveryRank() throws Exception {
        String[][] broken = {
            {"dist_type q", "\"dist_type\":\"b\"", "\"dist_type\":\"q\""},
            {"bad version", "\"0.10.0\"", "\"v1.0.0alpha\""},
            {"nbytes", "\"nbytes\":", "\"nbytes\":1"},
            {"no shm", "\"shm\"", "\"shm_\""},
            {"not json", "{", "{{"},
            {"no segment", "\"path\":\"", "\"path\":\"/nonexistent"},
        };
        onRanks(comm -> {
            Path dir = sharedDir(comm, "bad");
            Distribution d = Distribution.builder(comm).shape(4L * comm.size()).build();
            try (DistArray a = sharedOf(d)) {
                Path mine = a.exportShared(dir);
                String good = Files.readString(mine);
                for (String[] b : broken) {
                    int bad = comm.size() - 1;
                    Path file = dir.resolve("case-rank" + comm.rank() + ".json");
                    Files.writeString(file, comm.rank() == bad ? good.replaceFirst(
                            java.util.regex.Pattern.quote(b[1]), java.util.regex.Matcher.quoteReplacement(b[2])) : good);
                    comm.barrier();
                    org.jdistarray.protocol.ProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(
                            org.jdistarray.protocol.ProtocolException.class, () -> DistArray.importShared(comm, file),
                            b[0]);
                    if (comm.rank() == bad) {
                        assertTrue(!e.violations().isEmpty() || b[0].equals("not json"), b[0] + ": " + e);
                    }
                    comm.barrier();
                    Files.delete(file);
                }
                if (DapPython.skipReason() == null && comm.rank() == 0) {
                    String out = DapPython.run(DapPython.script(dir).toString(), "invalid", dir.toString(), "1");
                    assertTrue(out.contains("invalid ok 8"), out); // jdistarray_dap: InvalidDescriptor, not a crash
                    Files.delete(dir.resolve("dap_check.py"));
                }
                comm.barrier();
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(dir);
            }
        });
    }

    @Test
    void ranksExportingDifferentArraysAllThrow() throws Exception {
        onRanks(comm -> {
            Path dir = sharedDir(comm, "mismatch");
            Distribution d = Distribution.builder(comm).shape(5).build();
            try (DistArray a = DistArrays.zerosShared(d, DType.INT64); DistArray b = DistArrays.zerosShared(d, DType.INT64)) {
                if (comm.size() > 1) {
                    org.junit.jupiter.api.Assertions.assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                            () -> (comm.rank() == 0 ? a : b).exportShared(dir));
                }
                try (DistArray plain = DistArrays.zeros(d, DType.INT64)) {
                    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                            () -> plain.exportShared(dir));
                    assertTrue(e.getMessage().contains("toShared"), e.getMessage());
                }
                a.exportShared(dir); // still usable after the failures
            }
            comm.barrier();
            if (comm.rank() == 0) {
                Files.deleteIfExists(dir);
            }
        });
    }
}
