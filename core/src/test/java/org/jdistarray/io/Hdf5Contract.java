package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of HDF5 reads and writes through one engine ({@link #engine()}) on every distribution kind of
 * {@link IoTesting#cases()}: a dataset written in parallel holds the serial reference (read back by jHDF serially, the
 * test's oracle reader), datasets read back on the same and another distribution give every cell its reference
 * value; contiguous, chunked and gzip-compressed storage; create/truncate/append; atomic saves; bad files fail on
 * every rank. Subclasses run it on threads or under mpirun.
 */
public abstract class Hdf5Contract {
    /** Steps seen per rank (thread ranks share it, each rank its own entry). */
    private static final Map<Integer, List<String>> SEEN = new ConcurrentHashMap<>();

    /** SPMD code for one rank. */
    @FunctionalInterface
    public interface Spmd {
        void run(Communicator comm) throws Exception;
    }

    protected abstract void onRanks(Spmd task) throws Exception;

    /** The engine under test. */
    protected Hdf5Engine engine() {
        return Hdf5Engine.JHDF;
    }

    private Hdf5Options opts() {
        return Hdf5Options.defaults().engine(engine());
    }

    /** Whether the engine writes empty datasets (jHDF cannot). */
    private boolean writesEmpty() {
        return engine() != Hdf5Engine.JHDF;
    }

    @Test
    void saveThenLoadEveryDistribution() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            for (Cases.Case c : IoTesting.cases()) {
                for (DType t : List.of(DType.FLOAT64, DType.INT16, DType.UINT32, DType.BOOL)) {
                    String what = c.name() + " " + t + " on " + comm.size() + " ranks, rank " + comm.rank();
                    Distribution d = c.make().apply(comm);
                    Path file = dir.resolve(c.name() + "-" + t + ".h5");
                    boolean periodic = c.name().startsWith("periodic");
                    try (DistArray a = IoTesting.reference(d, t)) {
                        if (d.globalSize() == 0 && !writesEmpty()) {
                            ArrayFileException e = assertThrows(ArrayFileException.class,
                                    () -> ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, opts()), what);
                            assertTrue(e.getMessage().contains("empty dataset"), e.getMessage());
                            continue;
                        }
                        // int16 chunked by 2 along every axis (edge chunks, ranks with empty blocks), bool gzip
                        // with automatic chunks, the others contiguous
                        long[] twos = new long[d.ndim()];
                        Arrays.fill(twos, 2);
                        Hdf5Options o = d.ndim() == 0 ? opts() : t == DType.INT16 ? opts().chunks(twos)
                                : t == DType.BOOL ? opts().gzip(1) : opts();
                        ArrayIO.saveHdf5(file, "/data/x", a, Hdf5Mode.TRUNCATE, o);
                        try (DistArray b = ArrayIO.loadHdf5(file, "data/x", d, t, opts())) {
                            assertEquals(t, b.dtype(), what);
                            IoTesting.assertSameCells(a, b, what + " (same distribution, every cell)");
                        }
                    }
                    if (comm.rank() == 0 && !periodic) {
                        assertArrayEqualsWhole(Cases.reference(d.shape(), t), file, "/data/x", what);
                    }
                    if (!periodic) {
                        try (DistArray b = ArrayIO.loadHdf5(file, "/data/x", d, null, opts())) {
                            IoTesting.assertHoldsReference(b, t, what + " (same distribution)");
                        }
                    }
                    Distribution other = Distribution.builder(comm).shape(d.shape()).build();
                    try (DistArray b = ArrayIO.loadHdf5(file, "/data/x", other, null, opts())) {
                        assertEquals(t, b.dtype(), what);
                        IoTesting.assertHoldsReference(b, t, what + " (default distribution)");
                    }
                }
            }
            comm.barrier();
            if (comm.rank() == 0) {
                try (Stream<Path> s = Files.list(dir)) {
                    assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary file left");
                }
            }
        });
    }

    @Test
    void chunkedAndCompressed() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            long[] shape = {3L * comm.size() + 4, 11, 5};
            Distribution written = Distribution.builder(comm).shape(shape).cyclic(0).block(1).build();
            List<Distribution> readers = List.of(written,
                    Distribution.builder(comm).shape(shape).build(),
                    Distribution.builder(comm).shape(shape).undistributed(0).cyclic(1, 2).cyclic(2).build(),
                    Distribution.builder(comm).shape(shape).undistributed(0).undistributed(1).undistributed(2).build(),
                    // ghosts: periodic (wrapping at the edges) on axis 0, between ranks only on axis 1
                    Distribution.builder(comm).shape(shape).padding(0, 1, 1).periodic(0).build(),
                    Distribution.builder(comm).shape(shape).undistributed(0).padding(1, 1, 0).build());
            Hdf5Options[] storage = {opts().chunks(2, 3, 5), opts().chunks(4, 4, 2).gzip(6), opts().gzip(1)};
            for (int s = 0; s < storage.length; s++) {
                Path file = dir.resolve("chunked" + s + ".h5");
                try (DistArray a = IoTesting.reference(written, DType.INT32)) {
                    ArrayIO.saveHdf5(file, "/c", a, Hdf5Mode.CREATE, storage[s]);
                }
                if (comm.rank() == 0) {
                    assertArrayEqualsWhole(Cases.reference(shape, DType.INT32), file, "/c", storage[s].toString());
                    Hdf5DatasetInfo info = ArrayIO.listHdf5(file).get(0);
                    assertNotNull(info.chunks(), info.toString());
                    assertEquals(s == 0 ? null : "gzip", info.compression(), info.toString());
                    if (s < 2) {
                        assertEquals(Arrays.toString(storage[s].chunks()), Arrays.toString(info.chunks()));
                    }
                }
                for (Distribution d : readers) {
                    try (DistArray b = ArrayIO.loadHdf5(file, "/c", d, DType.INT32, opts())) {
                        IoTesting.assertHoldsReference(b, DType.INT32, storage[s] + " read on " + d);
                    }
                }
            }
        });
    }

    @Test
    void createTruncateAppend() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("several.h5");
            Distribution d1 = Distribution.builder(comm).shape(2L * comm.size() + 1, 3).build();
            Distribution d2 = Distribution.builder(comm).shape(5L * comm.size()).cyclic(0).build();
            try (DistArray a = IoTesting.reference(d1, DType.FLOAT64);
                    DistArray b = IoTesting.reference(d2, DType.INT64)) {
                ArrayIO.saveHdf5(file, "a", a, Hdf5Mode.CREATE, opts());
                ArrayFileException exists = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.saveHdf5(file, "a", a, Hdf5Mode.CREATE, opts()));
                assertTrue(exists.getMessage().contains("file exists"), exists.getMessage());
                ArrayIO.saveHdf5(file, "/g/b", b, Hdf5Mode.APPEND, opts().gzip(4));
                ArrayIO.saveHdf5(file, "/g/h/a2", a, Hdf5Mode.APPEND, opts());
                ArrayFileException twice = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.saveHdf5(file, "/g/b", b, Hdf5Mode.APPEND, opts()));
                assertTrue(twice.getMessage().contains("name already exists"), twice.getMessage());
                ArrayFileException underDataset = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.saveHdf5(file, "/a/z", b, Hdf5Mode.APPEND, opts()));
                assertTrue(underDataset.getMessage().contains("not a group"), underDataset.getMessage());
            }
            for (String ds : List.of("/a", "/g/h/a2")) {
                try (DistArray x = ArrayIO.loadHdf5(file, ds, d2.shape().length == 1 ? d1 : d1, null, opts())) {
                    IoTesting.assertHoldsReference(x, DType.FLOAT64, ds);
                }
            }
            try (DistArray x = ArrayIO.loadHdf5(file, "/g/b", d2, DType.INT64, opts())) {
                IoTesting.assertHoldsReference(x, DType.INT64, "/g/b");
            }
            if (comm.rank() == 0) {
                List<String> paths = ArrayIO.listHdf5(file).stream().map(Hdf5DatasetInfo::path).sorted().toList();
                assertEquals(List.of("/a", "/g/b", "/g/h/a2"), paths);
                assertEquals("gzip", ArrayIO.listHdf5(file).stream().filter(i -> i.path().equals("/g/b"))
                        .findFirst().orElseThrow().compression());
                try (HdfFile f = new HdfFile(file)) {
                    Dataset a = f.getDatasetByPath("/a");
                    assertEquals("float64", a.getAttribute("jdistarray_dtype").getData());
                    assertEquals("b,b", a.getAttribute("jdistarray_dist").getData());
                    assertEquals((long) comm.size(), ((Number) a.getAttribute("jdistarray_ranks").getData())
                            .longValue());
                    assertEquals("c", f.getDatasetByPath("/g/b").getAttribute("jdistarray_dist").getData());
                }
            }
            // truncate: one dataset left
            try (DistArray b = IoTesting.reference(d2, DType.INT64)) {
                ArrayIO.saveHdf5(file, "/only", b, Hdf5Mode.TRUNCATE, opts());
            }
            if (comm.rank() == 0) {
                assertEquals(List.of("/only"), ArrayIO.listHdf5(file).stream().map(Hdf5DatasetInfo::path).toList());
            }
            // append to a missing file creates it
            Path fresh = dir.resolve("fresh.h5");
            try (DistArray b = IoTesting.reference(d2, DType.INT64)) {
                ArrayIO.saveHdf5(fresh, "/n", b, Hdf5Mode.APPEND, opts());
                try (DistArray x = ArrayIO.loadHdf5(fresh, "/n", d2, null, opts())) {
                    IoTesting.assertHoldsReference(x, DType.INT64, "append to a missing file");
                }
            }
        });
    }

    @Test
    void failedSaveKeepsThePreviousFile() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("keep.h5");
            Distribution d = Distribution.builder(comm).shape(4L * comm.size() + 3, 5).build();
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.CREATE, opts());
                a.fill(7.0);
                int failing = comm.size() - 1;
                // the native engine appends in place (not atomic): only the jHDF engine's append is checked here
                for (Hdf5Mode mode : engine() == Hdf5Engine.JHDF ? List.of(Hdf5Mode.TRUNCATE, Hdf5Mode.APPEND)
                        : List.of(Hdf5Mode.TRUNCATE)) {
                    comm.barrier();
                    Hdf5Files.saveFault = r -> {
                        if (r == failing) {
                            throw new IllegalStateException("injected failure on rank " + r);
                        }
                    };
                    try {
                        RuntimeException e = assertThrows(RuntimeException.class,
                                () -> ArrayIO.saveHdf5(file, mode == Hdf5Mode.APPEND ? "/y" : "/x", a, mode, opts()));
                        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
                    } finally {
                        comm.barrier();
                        Hdf5Files.saveFault = null;
                    }
                }
            }
            try (DistArray b = ArrayIO.loadHdf5(file, "/x", d)) {
                IoTesting.assertHoldsReference(b, DType.FLOAT64, "previous file after a failed save");
            }
            comm.barrier();
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of("keep.h5"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file");
            }
            if (comm.rank() == 0) {
                assertEquals(List.of("/x"), ArrayIO.listHdf5(file).stream().map(Hdf5DatasetInfo::path).toList());
            }
        });
    }

    /**
     * A failure injected on one rank (the last) at each step of a save and of a load, one step at a time: every rank
     * throws (the others naming the failing rank), none waits inside HDF5 for it, no temporary file is left, and the
     * next save and load on the same ranks work (every handle was closed on every rank).
     */
    @Test
    void failureOnOneRankAtEveryStepFailsEveryRank() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("steps.h5");
            int failing = comm.size() - 1;
            // contiguous, and chunked + gzip (jHDF: the ranks' scratch file, then rank 0 cutting the chunks)
            for (Hdf5Options o : List.of(opts(), opts().chunks(2, 2).gzip(1))) {
                for (Distribution d : List.of(Distribution.builder(comm).shape(4L * comm.size() + 3, 5).build(),
                        Distribution.builder(comm).shape(3L * comm.size() + 2, 4).cyclic(0).build())) {
                    try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                        comm.barrier();
                        CollectiveSteps.fault = (step, r) -> SEEN.computeIfAbsent(r, k -> new CopyOnWriteArrayList<>())
                                .add(step);
                        List<String> saveSteps;
                        List<String> loadSteps;
                        try {
                            ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, o);
                            saveSteps = SEEN.remove(comm.rank());
                            ArrayIO.loadHdf5(file, "/x", d, null, opts()).close();
                            loadSteps = SEEN.remove(comm.rank());
                        } finally {
                            comm.barrier();
                            CollectiveSteps.fault = null;
                        }
                        assertTrue(saveSteps.size() >= 2 && loadSteps.size() >= 2, saveSteps + " " + loadSteps);
                        if (engine() == Hdf5Engine.NATIVE) {
                            assertTrue(saveSteps.containsAll(List.of("H5Fcreate", "H5Dcreate2", "H5Dwrite round 0",
                                    "attributes")) && loadSteps.containsAll(List.of("H5Fopen", "H5Dopen2",
                                    "H5Dread round 0")), saveSteps + " " + loadSteps);
                        }
                        for (boolean save : new boolean[] {true, false}) {
                            for (String at : save ? saveSteps : loadSteps) {
                                comm.barrier();
                                CollectiveSteps.fault = (step, r) -> {
                                    if (r == failing && step.equals(at)) {
                                        throw new IllegalStateException("injected failure at " + step);
                                    }
                                };
                                try {
                                    RuntimeException e = assertThrows(RuntimeException.class, () -> {
                                        if (save) {
                                            ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, o);
                                        } else {
                                            ArrayIO.loadHdf5(file, "/x", d, null, opts()).close();
                                        }
                                    }, o + " " + at);
                                    assertTrue(e.getMessage().contains("injected failure at " + at), at + ": "
                                            + e.getMessage());
                                    if (comm.rank() != failing) {
                                        assertTrue(e.getMessage().contains("rank " + failing), e.getMessage());
                                    }
                                } finally {
                                    comm.barrier();
                                    CollectiveSteps.fault = null;
                                }
                            }
                        }
                        ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, o);
                        try (DistArray b = ArrayIO.loadHdf5(file, "/x", d, null, opts())) {
                            IoTesting.assertSameCells(a, b, "after the failures");
                        }
                    }
                }
            }
            comm.barrier();
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of("steps.h5"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file");
            }
        });
    }

    /**
     * Ranks that make different {@code saveHdf5} calls (another dataset, other chunks, gzip on one rank only: other
     * storage would mean other collective steps) get a {@code CollectiveMismatchException} naming each rank's call, on
     * every rank, before anything is written; the next save works.
     */
    @Test
    void mismatchedSavesFailOnEveryRank() throws Exception {
        onRanks(comm -> {
            if (comm.size() == 1) {
                return; // one rank: no other call to compare with
            }
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("mismatch.h5");
            boolean last = comm.rank() == comm.size() - 1;
            Distribution d = Distribution.builder(comm).shape(3L * comm.size() + 1, 4).build();
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                List<Hdf5Options> mine = List.of(last ? opts().chunks(2, 2) : opts(),
                        last ? opts().gzip(1) : opts().chunks(2, 2).gzip(1), opts().chunks(last ? 3 : 2, 4));
                for (Hdf5Options o : mine) {
                    org.jdistarray.comm.CollectiveMismatchException e = assertThrows(
                            org.jdistarray.comm.CollectiveMismatchException.class,
                            () -> ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, o), o.toString());
                    assertTrue(e.getMessage().contains("saveHdf5"), e.getMessage());
                }
                org.jdistarray.comm.CollectiveMismatchException e = assertThrows(
                        org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> ArrayIO.saveHdf5(file, last ? "/y" : "/x", a, Hdf5Mode.TRUNCATE, opts().gzip(1)));
                assertTrue(e.getMessage().contains("saveHdf5"), e.getMessage());
                comm.barrier();
                assertFalse(Files.exists(file), "nothing written");
                ArrayIO.saveHdf5(file, "/x", a, Hdf5Mode.TRUNCATE, opts().chunks(2, 2).gzip(1));
                try (DistArray b = ArrayIO.loadHdf5(file, "/x", d, DType.FLOAT64, opts())) {
                    IoTesting.assertHoldsReference(b, DType.FLOAT64, "after the mismatches");
                }
            }
        });
    }

    @Test
    void badFilesFailOnEveryRank() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Distribution d = Distribution.builder(comm).shape(3L * comm.size() + 1, 4).build();
            Path good = dir.resolve("good.h5");
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveHdf5(good, "/g/x", a, Hdf5Mode.CREATE, opts());
                ArrayIO.saveNpy(dir.resolve("not.h5"), a);
            }
            if (comm.rank() == 0) {
                byte[] bytes = Files.readAllBytes(good);
                Files.write(dir.resolve("truncated.h5"), Arrays.copyOf(bytes, bytes.length / 2));
                Files.write(dir.resolve("header-only.h5"), Arrays.copyOf(bytes, 40));
                try (var w = HdfFile.write(dir.resolve("strings.h5"))) {
                    w.putDataset("s", new String[] {"a", "bc"});
                }
            }
            comm.barrier();
            record Bad(String file, String dataset, Distribution dist, DType dtype, String message) {
            }
            Distribution wrong = Distribution.builder(comm).shape(3L * comm.size() + 1, 5).build();
            List<Bad> bad = List.of(new Bad("missing.h5", "/x", d, null, "no such file"),
                    new Bad("not.h5", "/x", d, null, "not an HDF5 file"),
                    new Bad("good.h5", "/g/nothere", d, null, "no dataset /g/nothere"),
                    new Bad("good.h5", "/g", d, null, "is a group"),
                    new Bad("good.h5", "/g/x", wrong, null, "has shape"),
                    new Bad("good.h5", "/g/x", d, DType.INT32, "int32 was asked for"),
                    new Bad("truncated.h5", "/g/x", d, null, "truncated.h5"),
                    new Bad("header-only.h5", "/g/x", d, null, "header-only.h5"),
                    new Bad("strings.h5", "/s", Distribution.builder(comm).shape(2).build(), null, "string"));
            for (Bad b : bad) {
                ArrayFileException e = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.loadHdf5(dir.resolve(b.file()), b.dataset(), b.dist(), b.dtype(), opts()),
                        b.toString());
                assertTrue(e.getMessage().contains(b.message()), b + ": " + e.getMessage());
                assertFalse(e.getMessage().isBlank());
            }
            IllegalArgumentException root = assertThrows(IllegalArgumentException.class,
                    () -> ArrayIO.loadHdf5(good, "/", d));
            assertTrue(root.getMessage().contains("names no dataset"), root.getMessage());
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                IllegalArgumentException chunks = assertThrows(IllegalArgumentException.class,
                        () -> ArrayIO.saveHdf5(good, "/y", a, Hdf5Mode.APPEND, opts().chunks(2)));
                assertTrue(chunks.getMessage().contains("has 1 axes"), chunks.getMessage());
            }
            assertNull(Hdf5Files.saveFault);
        });
    }

    @Test
    void h5pyInterop() throws Exception {
        onRanks(comm -> {
            Path dir = h5pyWritten(comm);
            java.util.Map<String, DType> theirs = h5pyFiles(true);
            for (var e : theirs.entrySet()) {
                Path file = dir.resolve(e.getKey() + ".h5");
                long[] shape = ArrayIO.listHdf5(file).get(0).shape();
                List<Distribution> dists = new java.util.ArrayList<>(List.of(
                        Distribution.builder(comm).shape(shape).build()));
                if (shape.length > 0) {
                    dists.add(Distribution.builder(comm).shape(shape).cyclic(shape.length - 1).build());
                }
                for (Distribution d : dists) {
                    try (DistArray a = ArrayIO.loadHdf5(file, "/g/data", d, null, opts())) {
                        assertEquals(e.getValue(), a.dtype(), e.getKey());
                        IoTesting.assertHoldsReference(a, e.getValue(), e.getKey() + " (h5py's) on " + d);
                    }
                }
            }
            record Mine(DType t, long... shape) {
                String name() {
                    StringBuilder sb = new StringBuilder(t.typeString().substring(1) + "__");
                    for (int i = 0; i < shape.length; i++) {
                        sb.append(i == 0 ? "" : "x").append(shape[i]);
                    }
                    return (shape.length == 0 ? sb.append("0d") : sb).toString().replace("b1__", "b1__");
                }
            }
            List<Mine> mine = new java.util.ArrayList<>(List.of(new Mine(DType.FLOAT64, 9, 7),
                    new Mine(DType.INT32, 31), new Mine(DType.UINT8, 4, 5, 6), new Mine(DType.BOOL, 10),
                    new Mine(DType.FLOAT32, 3, 11), new Mine(DType.INT64), new Mine(DType.UINT64, 13),
                    new Mine(DType.INT8, 2, 3)));
            if (writesEmpty()) {
                mine.add(new Mine(DType.INT16, 0, 4));
            }
            for (Mine m : mine) {
                Distribution d = m.shape().length == 0 ? Distribution.builder(comm).shape().build()
                        : Distribution.builder(comm).shape(m.shape()).cyclic(0).build();
                try (DistArray a = IoTesting.reference(d, m.t())) {
                    ArrayIO.saveHdf5(dir.resolve(m.name() + ".h5"), "data", a, Hdf5Mode.CREATE,
                            m.t() == DType.UINT8 ? opts().gzip(3) : opts());
                }
            }
            if (comm.rank() == 0) {
                List<String> args = new java.util.ArrayList<>(List.of("check", dir.toString()));
                mine.forEach(m -> args.add(m.name()));
                assertTrue(H5py.run(dir, args.toArray(String[]::new)).contains("OK " + mine.size()));
            }
            comm.barrier();
        });
    }

    /**
     * Append copies the previous file's datasets with bounded memory (the copy threshold set to 0, so every dataset
     * that can be is streamed: contiguous ones as bytes into a reserved place, chunked ones chunk by chunk, h5py's
     * big-endian, shuffled, LZF and bool datasets included): the old datasets and the new one read back right, here
     * and in h5py, and {@code h5dump -H} accepts the file.
     */
    @Test
    void appendStreamsPreviousDatasets() throws Exception {
        onRanks(comm -> {
            Path dir = h5pyWritten(comm);
            long saved = JhdfWriter.wholeCopyBytes;
            comm.barrier();
            JhdfWriter.wholeCopyBytes = 0;
            try {
                java.util.Map<String, DType> theirs = h5pyFiles(false);
                long[] mineShape = {3L * comm.size() + 2, 5};
                Distribution mine = Distribution.builder(comm).shape(mineShape).cyclic(0).build();
                int i = 0;
                for (var e : theirs.entrySet()) {
                    Path file = dir.resolve(e.getKey() + ".h5");
                    try (DistArray m = IoTesting.reference(mine, DType.INT32)) {
                        ArrayIO.saveHdf5(file, "/mine", m, Hdf5Mode.APPEND, i++ % 2 == 0 ? opts()
                                : opts().chunks(2, 5).gzip(1));
                    }
                    long[] shape = ArrayIO.listHdf5(file).stream().filter(x -> x.path().equals("/g/data"))
                            .findFirst().orElseThrow().shape();
                    try (DistArray a = ArrayIO.loadHdf5(file, "/g/data", Distribution.builder(comm).shape(shape)
                            .build(), null, opts())) {
                        assertEquals(e.getValue(), a.dtype(), e.getKey());
                        IoTesting.assertHoldsReference(a, e.getValue(), e.getKey() + " copied by append");
                    }
                    try (DistArray m = ArrayIO.loadHdf5(file, "/mine", mine, DType.INT32, opts())) {
                        IoTesting.assertHoldsReference(m, DType.INT32, e.getKey() + ": the appended dataset");
                    }
                }
                // our own files: contiguous and chunked + gzip with edge chunks, then two appends
                Path ours = dir.resolve("ours.h5");
                long[] shape = {5L * comm.size() + 3, 7, 6};
                Distribution d = Distribution.builder(comm).shape(shape).cyclic(1).build();
                try (DistArray a = IoTesting.reference(d, DType.FLOAT64);
                        DistArray m = IoTesting.reference(mine, DType.INT32)) {
                    ArrayIO.saveHdf5(ours, "/g/data", a, Hdf5Mode.CREATE, opts());
                    ArrayIO.saveHdf5(ours, "/g/z", a, Hdf5Mode.APPEND, opts().chunks(4, 3, 4).gzip(2));
                    ArrayIO.saveHdf5(ours, "/mine", m, Hdf5Mode.APPEND, opts());
                }
                for (String ds : List.of("/g/data", "/g/z")) {
                    try (DistArray a = ArrayIO.loadHdf5(ours, ds, d, DType.FLOAT64, opts())) {
                        IoTesting.assertHoldsReference(a, DType.FLOAT64, "ours.h5" + ds + " after two appends");
                    }
                }
                // a truncated previous file: an error on every rank, the file as it was, nothing left beside it
                Path cut = dir.resolve("cut").resolve("cut.h5");
                if (comm.rank() == 0) {
                    Files.createDirectories(cut.getParent());
                    byte[] whole = Files.readAllBytes(ours);
                    Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
                }
                comm.barrier();
                long cutSize = Files.size(cut);
                try (DistArray m = IoTesting.reference(mine, DType.INT32)) {
                    ArrayFileException e = assertThrows(ArrayFileException.class,
                            () -> ArrayIO.saveHdf5(cut, "/mine", m, Hdf5Mode.APPEND, opts()));
                    assertTrue(e.getMessage().contains("cut.h5"), e.getMessage());
                }
                comm.barrier();
                assertEquals(cutSize, Files.size(cut));
                try (Stream<Path> files = Files.list(cut.getParent())) {
                    assertEquals(List.of("cut.h5"), files.map(x -> x.getFileName().toString()).toList());
                }
                if (comm.rank() == 0) {
                    assertEquals(Arrays.toString(new long[] {4, 3, 4}), Arrays.toString(ArrayIO.listHdf5(ours)
                            .stream().filter(x -> x.path().equals("/g/z")).findFirst().orElseThrow().chunks()));
                    List<String> args = new java.util.ArrayList<>(List.of("appended", dir.toString(),
                            mineShape[0] + "x" + mineShape[1]));
                    args.addAll(theirs.keySet());
                    assertTrue(H5py.run(dir, args.toArray(String[]::new)).contains("OK " + theirs.size()));
                }
            } finally {
                comm.barrier();
                JhdfWriter.wholeCopyBytes = saved;
            }
        });
    }

    /** A shared directory holding h5py's files ({@code h5_interop.py write} on rank 0); skips without h5py. */
    private static Path h5pyWritten(Communicator comm) throws Exception {
        String skip = H5py.skipReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(skip == null, skip);
        Path dir = IoTesting.sharedDir(comm);
        if (comm.rank() == 0) {
            assertTrue(H5py.run(dir, "write", dir.toString()).contains("WROTE"));
        }
        comm.barrier();
        return dir;
    }

    /**
     * The files {@code h5_interop.py write} makes (name: dtype), those the engine reads: LZF is h5py's own filter,
     * which the C library has no decoder for; the empty one if asked for.
     */
    private java.util.Map<String, DType> h5pyFiles(boolean empty) {
        java.util.Map<String, DType> theirs = new java.util.LinkedHashMap<>();
        theirs.put("contig_f8_2d", DType.FLOAT64);
        theirs.put("chunk_gzip_i4_3d", DType.INT32);
        theirs.put("shuffle_gzip_u2_2d", DType.UINT16);
        if (engine() == Hdf5Engine.JHDF) {
            theirs.put("lzf_f4_2d", DType.FLOAT32);
        }
        theirs.put("be_f4_2d", DType.FLOAT32);
        theirs.put("be_chunk_i8_1d", DType.INT64);
        theirs.put("bool_1d", DType.BOOL);
        theirs.put("u1_chunk_2d", DType.UINT8);
        theirs.put("i8_0d", DType.INT64);
        if (empty) {
            theirs.put("empty_2d", DType.FLOAT64);
        }
        return theirs;
    }

    /** Rank 0 alone: the whole dataset read serially by jHDF equals {@code expected}. */
    static void assertArrayEqualsWhole(double[] expected, Path file, String dataset, String what) {
        try (HdfFile f = new HdfFile(file)) {
            Dataset d = f.getDatasetByPath(dataset);
            DType t = JhdfTypes.dtypeOf(d);
            Object flat = d.isScalar() ? new Object[] {d.getData()} : d.getDataFlat();
            java.nio.ByteBuffer b = JhdfTypes.flatToBytes(flat, t);
            double[] got = new double[expected.length];
            for (int i = 0; i < got.length; i++) {
                got[i] = IoTesting.element(b, i * t.itemSize(), t);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got, what + ": dataset contents");
        }
    }
}
