package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.io.Hdf5Options;
import org.jdistarray.io.NpyHeader;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdistarray convert} through every format pair (.npy to HDF5 to a .dnpy set in another layout and back to
 * .npy: the bytes of the data identical, dtypes kept) and {@code info} of HDF5 files; bad input exits 1 with one line.
 */
class ConvertCommandTest {
    @TempDir
    Path dir;

    private void source(DType t, long... shape) {
        LocalCluster.run(3, comm -> {
            Distribution d = Distribution.builder(comm).shape(shape).build();
            try (DistArray a = DistArrays.fromFunction(d, t, g -> {
                long f = 0;
                for (int i = 0; i < shape.length; i++) {
                    f = f * shape[i] + g[i];
                }
                return (f * 37) % 101 - 50;
            })) {
                ArrayIO.saveNpy(dir.resolve("src-" + t + ".npy"), a);
            }
        });
    }

    private static byte[] data(Path npy) throws Exception {
        NpyHeader h = ArrayIO.readNpyHeader(npy);
        byte[] all = Files.readAllBytes(npy);
        return java.util.Arrays.copyOfRange(all, (int) h.dataOffset(), all.length);
    }

    @Test
    void roundTripThroughEveryFormat() throws Exception {
        for (DType t : List.of(DType.FLOAT64, DType.INT16, DType.UINT8, DType.BOOL)) {
            source(t, 7, 5);
            Path npy = dir.resolve("src-" + t + ".npy");
            String h5 = dir.resolve("all.h5") + ":/g/" + t;
            CliRun r = CliRun.of("convert", npy.toString(), h5, "--ranks", "3");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("on 3 ranks"), r.out());
            String set = dir.resolve("set-" + t + ".dnpy").toString();
            r = CliRun.of("convert", h5, set, "--ranks", "2", "--dist", "c,b");
            assertEquals(0, r.code(), r.err());
            assertEquals(2, ArrayIO.dnpyFiles(dir.resolve("set-" + t).toString()).size());
            assertEquals("c", ArrayIO.readDnpyHeader(dir.resolve("set-" + t + "_0.dnpy")).dimData().get(0).kind()
                    .code() + "");
            Path back = dir.resolve("back-" + t + ".npy");
            r = CliRun.of("convert", dir.resolve("set-" + t).toString(), back.toString(), "--dist", "n,c");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("on 2 ranks"), r.out()); // a .dnpy source: its file count
            assertEquals(ArrayIO.readNpyHeader(npy).descr(), ArrayIO.readNpyHeader(back).descr(), t.toString());
            assertArrayEquals(data(npy), data(back), t + ": values after npy -> hdf5 -> dnpy -> npy");
        }
        CliRun info = CliRun.of("info", dir.resolve("all.h5").toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith(dir.resolve("all.h5") + ": hdf5, 4 datasets"), info.out());
        assertTrue(info.out().contains("  /g/INT16  shape (7, 5)  dtype int16  chunks None  compression None"),
                info.out());
    }

    @Test
    void infoOfHdf5() {
        LocalCluster.run(2, comm -> {
            try (DistArray a = DistArrays.zeros(Distribution.builder(comm).shape(6, 4).build(), DType.INT32)) {
                ArrayIO.saveHdf5(dir.resolve("x.h5"), "/a", a, Hdf5Mode.CREATE);
                ArrayIO.saveHdf5(dir.resolve("x.h5"), "/g/z", a, Hdf5Mode.APPEND,
                        Hdf5Options.defaults().chunks(3, 4).gzip(5));
            }
        });
        CliRun r = CliRun.of("info", dir.resolve("x.h5").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"format\":\"hdf5\",\"datasets\":[{\"path\":\"/a\",\"shape\":[6,4],\"dtype\":\"int32\","
                + "\"chunks\":null,\"compression\":null},{\"path\":\"/g/z\",\"shape\":[6,4],\"dtype\":\"int32\","
                + "\"chunks\":[3,4],\"compression\":\"gzip\"}]}", r.out().strip());
        r = CliRun.of("info", dir.resolve("x.h5") + ":/g/z", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"format\":\"hdf5\",\"shape\":[6,4],\"dtype\":\"int32\",\"datasets\":[{"),
                r.out());
        r = CliRun.of("info", dir.resolve("x.h5") + ":/nothere");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("no dataset /nothere"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void badInputIsOneLineExitOne() throws Exception {
        source(DType.INT32, 4, 3);
        String npy = dir.resolve("src-INT32.npy").toString();
        Files.write(dir.resolve("junk.h5"), new byte[] {1, 2, 3});
        Path corrupt = dir.resolve("corrupt.npy");
        Files.write(corrupt, "\u0093NUMPY garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        List<List<String>> bad = List.of(
                List.of("convert", dir.resolve("missing.npy").toString(), dir.resolve("o.npy").toString()),
                List.of("convert", npy, dir.resolve("o.h5") + ":/a", "--dist", "b"),
                List.of("convert", npy, dir.resolve("o.h5") + ":/a", "--dist", "x,b"),
                List.of("convert", npy, dir.resolve("o.txt").toString()),
                List.of("convert", corrupt.toString(), dir.resolve("o.npy").toString()),
                List.of("convert", dir.resolve("junk.h5") + ":/a", dir.resolve("o.npy").toString()),
                List.of("convert", npy, dir.resolve("o.h5").toString()),
                List.of("convert", npy, dir.resolve("o.npy").toString(), "--ranks", "0"));
        for (List<String> args : bad) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(1, r.code(), args + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("error: "), args + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        // an existing dataset is not overwritten
        assertEquals(0, CliRun.of("convert", npy, dir.resolve("d.h5") + ":/a").code());
        CliRun twice = CliRun.of("convert", npy, dir.resolve("d.h5") + ":/a");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("name already exists"), twice.err());
        ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
}
