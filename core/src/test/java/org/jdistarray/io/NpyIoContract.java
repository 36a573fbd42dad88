package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of parallel {@code .npy} reads and writes on every distribution kind (see {@link IoTesting#cases()}):
 * the file written in parallel holds the serial reference, the file read back on the same and on another distribution
 * gives every cell (ghosts included) its reference value; atomic saves; bad files fail on every rank. Subclasses run
 * it on threads or under mpirun.
 */
public abstract class NpyIoContract {
    /** SPMD code for one rank. */
    @FunctionalInterface
    public interface Spmd {
        void run(Communicator comm) throws Exception;
    }

    protected abstract void onRanks(Spmd task) throws Exception;

    @Test
    void saveThenLoadEveryDistribution() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            for (Cases.Case c : IoTesting.cases()) {
                for (DType t : List.of(DType.FLOAT64, DType.INT16)) {
                    String what = c.name() + " " + t + " on " + comm.size() + " ranks, rank " + comm.rank();
                    Distribution d = c.make().apply(comm);
                    Path file = dir.resolve(c.name() + "-" + t + ".npy");
                    boolean periodic = c.name().startsWith("periodic"); // boundary cells hold periodic images
                    try (DistArray a = IoTesting.reference(d, t)) {
                        ArrayIO.saveNpy(file, a);
                        try (DistArray b = ArrayIO.loadNpy(file, d, t)) {
                            IoTesting.assertSameCells(a, b, what + " (same distribution, every cell)");
                        }
                    }
                    if (comm.rank() == 0 && !periodic) {
                        double[] expected = Cases.reference(d.shape(), t);
                        assertArrayEquals(expected, IoTesting.readWhole(file), what + ": file contents");
                        NpyHeader h = ArrayIO.readNpyHeader(file);
                        assertEquals("1.0", h.version(), what);
                        assertEquals(0, h.dataOffset() % 64, what);
                        assertEquals(h.dataOffset() + h.dataBytes(), Files.size(file), what + ": file size");
                    }
                    if (!periodic) {
                        try (DistArray b = ArrayIO.loadNpy(file, d, t)) {
                            IoTesting.assertHoldsReference(b, t, what + " (same distribution)");
                        }
                    }
                    // into an existing array (ones first, so a cell left unread would show)
                    try (DistArray into = DistArrays.ones(d, t); DistArray ref = IoTesting.reference(d, t)) {
                        assertSame(into, ArrayIO.loadNpy(file, into));
                        IoTesting.assertSameCells(ref, into, what + " (into an existing array)");
                    }
                    Distribution other = Distribution.builder(comm).shape(d.shape()).build();
                    try (DistArray b = ArrayIO.loadNpy(file, other)) {
                        assertEquals(t, b.dtype());
                        IoTesting.assertHoldsReference(b, t, what + " (default distribution)");
                    }
                }
            }
            comm.barrier();
            if (comm.rank() == 0) {
                try (Stream<Path> s = Files.list(dir)) {
                    assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
                }
            }
        });
    }

    @Test
    void bigEndianAndFortranOrderAndVersions() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            long[] shape = {5, 3 * comm.size() + 1};
            long n = shape[0] * shape[1];
            if (comm.rank() == 0) {
                write(dir.resolve("be.npy"), "{'descr': '>i4', 'fortran_order': False, 'shape': (5, " + shape[1]
                        + "), }", 1, n, (b, i) -> b.order(ByteOrder.BIG_ENDIAN).putInt((int) Cases.value(i)), 4);
                // Fortran order: element (i, j) at j * 5 + i
                write(dir.resolve("f.npy"), "{'descr': '<f8', 'fortran_order': True, 'shape': (5, " + shape[1]
                        + "), }", 2, n, (b, k) -> b.putDouble(Cases.value((k % 5) * shape[1] + k / 5)), 8);
                write(dir.resolve("v3.npy"), "{'shape': (5, " + shape[1] + "), 'fortran_order': False, 'descr': '<f8'}",
                        3, n, (b, i) -> b.putDouble(Cases.value(i)), 8);
            }
            comm.barrier();
            for (Distribution d : List.of(Distribution.builder(comm).shape(shape).build(),
                    Distribution.builder(comm).shape(shape).undistributed(0).cyclic(1).build())) {
                try (DistArray a = ArrayIO.loadNpy(dir.resolve("be.npy"), d)) {
                    assertEquals(DType.INT32, a.dtype());
                    IoTesting.assertHoldsReference(a, DType.INT32, "big-endian");
                }
                for (String f : List.of("f.npy", "v3.npy")) {
                    try (DistArray a = ArrayIO.loadNpy(dir.resolve(f), d)) {
                        IoTesting.assertHoldsReference(a, DType.FLOAT64, f);
                    }
                }
            }
        });
    }

    @Test
    void failedSaveKeepsThePreviousFile() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("a.npy");
            Distribution d = Distribution.builder(comm).shape(4L * comm.size() + 3, 5).build();
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveNpy(file, a);
                a.fill(7.0);
                int failing = comm.size() - 1;
                comm.barrier();
                ArrayIO.saveFault = r -> {
                    if (r == failing) {
                        throw new IllegalStateException("injected failure on rank " + r);
                    }
                };
                try {
                    RuntimeException e = assertThrows(RuntimeException.class, () -> ArrayIO.saveNpy(file, a));
                    assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
                } finally {
                    comm.barrier();
                    ArrayIO.saveFault = null;
                }
            }
            try (DistArray b = ArrayIO.loadNpy(file, d)) {
                IoTesting.assertHoldsReference(b, DType.FLOAT64, "previous file after a failed save");
            }
            comm.barrier();
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of("a.npy"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file");
            }
            // a failed first save leaves nothing under the final name
            Path fresh = dir.resolve("fresh.npy");
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                comm.barrier();
                ArrayIO.saveFault = r -> {
                    throw new IllegalStateException("injected failure on rank " + r);
                };
                try {
                    assertThrows(RuntimeException.class, () -> ArrayIO.saveNpy(fresh, a));
                } finally {
                    comm.barrier();
                    ArrayIO.saveFault = null;
                }
            }
            assertTrue(Files.notExists(fresh));
        });
    }

    @Test
    void loadIntoAnArrayOfAnotherShapeDtypeOrAViewFailsOnEveryRank() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Distribution d = Distribution.builder(comm).shape(3L * comm.size() + 2, 3).build();
            Path file = dir.resolve("into.npy");
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveNpy(file, a);
            }
            try (DistArray wrongDtype = DistArrays.zeros(d, DType.INT32);
                 DistArray wrongShape = DistArrays.zeros(Distribution.builder(comm).shape(3L * comm.size() + 2, 4)
                         .build(), DType.FLOAT64);
                 DistArray base = DistArrays.zeros(Distribution.builder(comm).shape(3L * comm.size() + 2, 6).build(),
                         DType.FLOAT64);
                 DistArray view = base.get(":, ::2")) {
                ArrayFileException e = assertThrows(ArrayFileException.class, () -> ArrayIO.loadNpy(file, wrongDtype));
                assertTrue(e.getMessage().contains("the output array is int32"), e.getMessage());
                e = assertThrows(ArrayFileException.class, () -> ArrayIO.loadNpy(file, wrongShape));
                assertTrue(e.getMessage().contains("the output array has shape"), e.getMessage());
                IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                        () -> ArrayIO.loadNpy(file, view));
                assertTrue(v.getMessage().contains("slicing view"), v.getMessage());
                ArrayFileException missing = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.loadNpy(dir.resolve("missing.npy"), base));
                assertTrue(missing.getMessage().contains("missing.npy"), missing.getMessage());
            }
        });
    }

    @Test
    void badFilesFailOnEveryRank() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Distribution d = Distribution.builder(comm).shape(6, 4).build();
            Path good = dir.resolve("good.npy");
            try (DistArray a = IoTesting.reference(d, DType.FLOAT64)) {
                ArrayIO.saveNpy(good, a);
            }
            if (comm.rank() == 0) {
                byte[] bytes = Files.readAllBytes(good);
                Files.write(dir.resolve("truncated.npy"), Arrays.copyOf(bytes, bytes.length - 9));
                Files.write(dir.resolve("short.npy"), Arrays.copyOf(bytes, 7));
                byte[] magic = bytes.clone();
                magic[1] = 'X';
                Files.write(dir.resolve("magic.npy"), magic);
                byte[] liar = bytes.clone();
                liar[8] = (byte) 0xf0;
                liar[9] = (byte) 0x7f; // header length 32752: past the end of the file
                Files.write(dir.resolve("liar.npy"), liar);
                byte[] shortLen = bytes.clone();
                shortLen[8] = 20;
                shortLen[9] = 0; // header length 20: the dict is cut
                Files.write(dir.resolve("cut.npy"), shortLen);
                write(dir.resolve("huge.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (6, 4000000000000000),"
                        + " }", 1, 0, (b, i) -> { }, 8);
                write(dir.resolve("overflow.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,"
                        + " 4), }", 1, 0, (b, i) -> { }, 8);
                write(dir.resolve("complex.npy"), "{'descr': '<c16', 'fortran_order': False, 'shape': (6, 4), }", 1, 24,
                        (b, i) -> b.putDouble(0).putDouble(0), 16);
                write(dir.resolve("keys.npy"), "{'descr': '<f8', 'shape': (6, 4), }", 1, 24, (b, i) -> b.putDouble(0), 8);
                write(dir.resolve("v9.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (6, 4), }", 9, 24,
                        (b, i) -> b.putDouble(0), 8);
            }
            comm.barrier();
            String[][] expectations = {
                {"truncated.npy", "truncated"}, {"short.npy", "shorter than the 10-byte preamble"},
                {"magic.npy", "magic"}, {"liar.npy", "header length field says 32752"}, {"cut.npy", "corrupt"},
                {"huge.npy", "truncated"}, {"overflow.npy", "overflows"}, {"complex.npy", "unsupported dtype '<c16'"},
                {"keys.npy", "keys"}, {"v9.npy", "version 9.0"}, {"missing.npy", "no such file"}};
            for (String[] e : expectations) {
                ArrayFileException x = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.loadNpy(dir.resolve(e[0]), d).close(), e[0]);
                assertTrue(x.getMessage().contains(e[0]) && x.getMessage().contains(e[1]), e[0] + ": " + x.getMessage());
            }
            ArrayFileException shape = assertThrows(ArrayFileException.class, () -> ArrayIO.loadNpy(good,
                    Distribution.builder(comm).shape(4, 6).build()).close());
            assertTrue(shape.getMessage().contains("shape (6, 4), the distribution has shape (4, 6)"), shape.getMessage());
            ArrayFileException type = assertThrows(ArrayFileException.class, () -> ArrayIO.loadNpy(good, d,
                    DType.INT32).close());
            assertTrue(type.getMessage().contains("float64"), type.getMessage());
            // one rank sees another file: every rank throws
            if (comm.rank() == 0) {
                Files.createDirectory(dir.resolve("other"));
                Files.copy(dir.resolve("truncated.npy"), dir.resolve("other").resolve("good.npy"));
            }
            comm.barrier();
            Path mine = comm.rank() == comm.size() - 1 ? dir.resolve("other").resolve("good.npy") : good;
            if (comm.size() > 1) {
                ArrayFileException x = assertThrows(ArrayFileException.class, () -> ArrayIO.loadNpy(mine, d).close());
                assertTrue(x.getMessage().contains("truncated"), x.getMessage());
            }
        });
    }

    @Test
    void memmapNpy() throws Exception {
        onRanks(comm -> {
            Path dir = IoTesting.sharedDir(comm);
            Path file = dir.resolve("m.npy");
            Distribution rows = Distribution.builder(comm).shape(3L * comm.size() + 2, 5).block(0).undistributed(1)
                    .build();
            try (DistArray a = IoTesting.reference(rows, DType.FLOAT64)) {
                ArrayIO.saveNpy(file, a);
            }
            try (DistArray m = ArrayIO.memmapNpy(file, rows, NpyMapMode.READ_ONLY)) {
                IoTesting.assertHoldsReference(m, DType.FLOAT64, "read-only mapping");
            }
            try (DistArray m = ArrayIO.memmapNpy(file, rows, NpyMapMode.READ_WRITE, DType.FLOAT64)) {
                m.fill(3.0);
            }
            comm.barrier();
            try (DistArray b = ArrayIO.loadNpy(file, Distribution.builder(comm).shape(rows.shape()).cyclic(0).build())) {
                for (long k = 0; k < b.local().elementCount(); k++) {
                    assertEquals(3.0, b.local().getDouble(k));
                }
            }
            Path fresh = dir.resolve("new.npy");
            try (DistArray m = ArrayIO.memmapNpy(fresh, rows, NpyMapMode.CREATE, DType.INT32)) {
                assertEquals(0.0, m.local().elementCount() > 0 ? m.local().getDouble(0) : 0.0, "zero-filled");
                long[] shape = rows.shape();
                m.forEachOwned((g, off) -> m.local().setDouble(off, Cases.valueAs(Cases.flat(shape, g), DType.INT32)));
            }
            comm.barrier();
            if (comm.rank() == 0) {
                assertArrayEquals(Cases.reference(rows.shape(), DType.INT32), IoTesting.readWhole(fresh));
            }
            Distribution cyclic = Distribution.builder(comm).shape(rows.shape()).cyclic(0).build();
            if (comm.size() > 1) {
                ArrayFileException e = assertThrows(ArrayFileException.class,
                        () -> ArrayIO.memmapNpy(file, cyclic, NpyMapMode.READ_ONLY).close());
                assertTrue(e.getMessage().contains("not one contiguous run"), e.getMessage());
            }
            comm.barrier();
        });
    }

    /** Writes elements by index. */
    interface ElementWriter {
        void put(ByteBuffer b, long i);
    }

    /** A .npy file with the given dict and format version, elements written by {@code w}. */
    static void write(Path file, String dict, int major, long n, ElementWriter w, int item) throws java.io.IOException {
        int pre = major == 1 ? 10 : 12;
        int total = ((pre + dict.length() + 1 + 63) / 64) * 64;
        int len = total - pre;
        ByteBuffer b = ByteBuffer.allocate(total + (int) n * item).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) len);
        } else {
            b.putInt(len);
        }
        b.put((dict + " ".repeat(len - dict.length() - 1) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (long i = 0; i < n; i++) {
            w.put(b.order(ByteOrder.LITTLE_ENDIAN), i);
        }
        Files.write(file, b.array());
    }
}
