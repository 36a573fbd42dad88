package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;
import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5DatasetInfo;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HDF5 volume example on thread ranks: the dataset it writes back equals the serial filter of the dataset it
 * read, along each axis, for uneven blocks (shape 7 x 5 x 6) and ranks that hold nothing; the weights are the
 * binomial ones; its one command writes the input, appends the output and prints the timings.
 */
class VolumeFilterThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The whole dataset, read on one rank. */
    static double[] whole(Path file, String dataset, long[] shape) {
        return LocalCluster.call(1, TIMEOUT, comm -> {
            try (DistArray a = ArrayIO.loadHdf5(file, dataset, VolumeFilter.slabs(comm, shape))) {
                assertEquals(DType.FLOAT64, a.dtype());
                return a.toDoubleArray(0);
            }
        }).get(0);
    }

    @Test
    void binomialWeights() {
        assertArrayEquals(new double[] {1}, VolumeFilter.binomial(0));
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, VolumeFilter.binomial(1));
        assertArrayEquals(new double[] {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0}, VolumeFilter.binomial(2));
        assertThrows(IllegalArgumentException.class, () -> VolumeFilter.binomial(-1));
    }

    @Test
    void serialFilterKeepsLinesAndRepeatsTheEdges() {
        // along axis 1 of a 2 x 3 x 2 volume: a constant line stays constant; the ends see their edge value repeated
        double[] a = {0, 0, 1, 0, 2, 0, 5, 5, 5, 5, 5, 5};
        double[] f = VolumeFilter.filterSerial(a, new long[] {2, 3, 2}, 1, VolumeFilter.binomial(1));
        assertArrayEquals(new double[] {0.25, 0, 1, 0, 1.75, 0, 5, 5, 5, 5, 5, 5}, f, 1e-15);
    }

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnRanks {
        @Parameter
        int ranks;

        @Test
        void writtenBackEqualsTheSerialFilterAlongEveryAxis() {
            long[] shape = {7, 5, 6};
            Path file = dir.resolve("v" + ranks + ".h5");
            LocalCluster.run(ranks, TIMEOUT, comm -> VolumeFilter.writeInput(comm, file, "/volume", 7, 5, 6));
            double[] in = whole(file, "/volume", shape);
            for (int axis = 0; axis < 3; axis++) {
                int ax = axis;
                String out = "/filtered" + axis;
                List<VolumeFilter.Result> r = LocalCluster.call(ranks, TIMEOUT,
                        comm -> VolumeFilter.run(comm, file, "/volume", out, ax, 2));
                // what must move: every element whose owner differs between the slab and the pencil layout
                long moving = LocalCluster.call(ranks, TIMEOUT, comm -> {
                    var from = VolumeFilter.slabs(comm, shape);
                    var to = VolumeFilter.pencils(comm, ax, shape);
                    long n = 0;
                    for (long i = 0; i < 7; i++) {
                        for (long j = 0; j < 5; j++) {
                            for (long k = 0; k < 6; k++) {
                                n += from.ownerOf(i, j, k) != to.ownerOf(i, j, k) ? 1 : 0;
                            }
                        }
                    }
                    return n;
                }).get(0);
                assertTrue(ranks == 1 || axis != 0 || moving > 0, "axis 0 whole: something moves");
                double[] want = VolumeFilter.filterSerial(in, shape, axis, VolumeFilter.binomial(2));
                assertArrayEquals(want, whole(file, out, shape), 1e-14, "axis " + axis + " on " + ranks + " ranks");
                double sumIn = 0;
                double sumOut = 0;
                for (int i = 0; i < in.length; i++) {
                    sumIn += in[i];
                    sumOut += want[i];
                }
                for (VolumeFilter.Result x : r) {
                    assertEquals(sumIn, x.sumIn(), 1e-9);
                    assertEquals(sumOut, x.sumOut(), 1e-9);
                    assertEquals(ranks, x.ranks());
                    assertTrue(x.readSeconds() >= 0 && x.writeSeconds() >= 0 && x.filterSeconds() >= 0);
                    assertEquals(8 * moving, x.bytesMoved(), "bytes moved, axis " + axis);
                }
            }
            List<String> names = ArrayIO.listHdf5(file).stream().map(Hdf5DatasetInfo::path).sorted().toList();
            assertEquals(List.of("/filtered0", "/filtered1", "/filtered2", "/volume"), names);
        }

        @Test
        void badRequestsFailOnEveryRank() {
            Path file = dir.resolve("bad" + ranks + ".h5");
            LocalCluster.run(ranks, TIMEOUT, comm -> VolumeFilter.writeInput(comm, file, "/volume", 4, 3, 2));
            List<String> msgs = LocalCluster.call(ranks, TIMEOUT, comm -> assertThrows(IllegalArgumentException.class,
                    () -> VolumeFilter.run(comm, file, "/volume", "/f", 3, 1)).getMessage());
            msgs.forEach(m -> assertTrue(m.contains("axis 3"), m));
            msgs = LocalCluster.call(ranks, TIMEOUT, comm -> assertThrows(IllegalArgumentException.class,
                    () -> VolumeFilter.run(comm, file, "/nothing", "/f", 0, 1)).getMessage());
            msgs.forEach(m -> assertTrue(m.contains("no dataset /nothing"), m));
        }
    }

    @Test
    void mainRefusesAFileThatIsNotHdf5OnEveryRank() throws Exception {
        Path file = dir.resolve("not.h5");
        java.nio.file.Files.writeString(file, "not an HDF5 file");
        Throwable e = assertThrows(Throwable.class, () -> VolumeFilter.main(new String[] {"NZ=4", "NY=3", "NX=2",
                "ranks=3", "file=" + file}));
        String all = String.valueOf(e) + " " + String.valueOf(e.getCause());
        for (Throwable s : e.getSuppressed()) {
            all += " " + s;
        }
        assertTrue(all.contains("cannot be read as HDF5"), all);
    }

    @Test
    void mainWritesTheInputFiltersAndPrintsTheTimings() throws Exception {
        Path file = dir.resolve("main.h5");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            VolumeFilter.main(new String[] {"NZ=12", "NY=10", "NX=8", "axis=0", "radius=1", "ranks=3",
                    "file=" + file, "plan=" + dir.resolve("plan.png")});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("VOLUME wrote the input"), out);
        assertTrue(out.matches("(?s).*VOLUME 12x10x8 ranks=3 axis=0 radius=1 read=\\S+s plan=\\S+s redistribute=\\S+s "
                + "\\(\\S+ MiB moved\\) filter=\\S+s write=\\S+s .*"), out);
        assertTrue(ImageIO.read(dir.resolve("plan.png").toFile()).getWidth() > 100, "the plan's picture");
        long[] shape = {12, 10, 8};
        assertArrayEquals(VolumeFilter.filterSerial(whole(file, "/volume", shape), shape, 0, VolumeFilter.binomial(1)),
                whole(file, "/filtered", shape), 1e-14);
    }
}
