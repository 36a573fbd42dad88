package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .npy} interoperability with Debian's NumPy ({@code /usr/bin/python3}; skipped with the reason when it or its
 * numpy is missing): NumPy's files (format 1.0, 2.0 and 3.0, big-endian, Fortran order, bool, uint8, 0-d, empty) load
 * here on 3 thread ranks with the values of the formula, and files written here on 3 ranks load in NumPy equal to the
 * same formula computed by NumPy ({@code npy_interop.py}).
 */
class NpyNumpyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static String skip;

    @TempDir
    Path dir;

    @BeforeAll
    static void probe() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            skip = "/usr/bin/python3 is not installed";
            return;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            skip = "Debian's numpy (python3-numpy) is not importable by /usr/bin/python3";
        }
    }

    private String python(String... args) throws IOException, InterruptedException {
        Path script = dir.resolve("npy_interop.py");
        if (!Files.exists(script)) {
            try (InputStream in = getClass().getResourceAsStream("npy_interop.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void numpyFilesLoadHere() throws Exception {
        assumeTrue(skip == null, skip);
        python("write", dir.toString());
        Map<String, DType> types = Map.of("v1_f8_2d", DType.FLOAT64, "v2_i4_2d", DType.INT32, "v3_f8_1d",
                DType.FLOAT64, "be_f8_2d", DType.FLOAT64, "be_i2_3d", DType.INT16, "fortran_f4_2d", DType.FLOAT32,
                "bool_1d", DType.BOOL, "u1_2d", DType.UINT8, "i8_0d", DType.INT64, "empty_2d", DType.FLOAT64);
        assertEquals("2.0", ArrayIO.readNpyHeader(dir.resolve("v2_i4_2d.npy")).version());
        assertEquals("3.0", ArrayIO.readNpyHeader(dir.resolve("v3_f8_1d.npy")).version());
        assertTrue(ArrayIO.readNpyHeader(dir.resolve("be_f8_2d.npy")).bigEndian());
        assertTrue(ArrayIO.readNpyHeader(dir.resolve("fortran_f4_2d.npy")).fortranOrder());
        LocalCluster.run(3, TIMEOUT, comm -> {
            for (Map.Entry<String, DType> e : types.entrySet()) {
                Path file = dir.resolve(e.getKey() + ".npy");
                long[] shape = ArrayIO.readNpyHeader(file).shape();
                List<Distribution> dists = new ArrayList<>(List.of(Distribution.builder(comm).shape(shape).build()));
                if (shape.length > 0) {
                    dists.add(Distribution.builder(comm).shape(shape).cyclic(shape.length - 1).build());
                }
                for (Distribution d : dists) {
                    try (DistArray a = ArrayIO.loadNpy(file, d, e.getValue())) {
                        IoTesting.assertHoldsReference(a, e.getValue(), e.getKey() + " on " + d);
                    }
                }
            }
        });
    }

    @Test
    void filesWrittenHereLoadInNumpy() throws Exception {
        assumeTrue(skip == null, skip);
        record Case(DType t, long... shape) {
            String name() {
                StringBuilder sb = new StringBuilder(t.typeString() + "__");
                for (int i = 0; i < shape.length; i++) {
                    sb.append(i == 0 ? "" : "x").append(shape[i]);
                }
                return shape.length == 0 ? t.typeString() + "__0d" : sb.toString();
            }
        }
        List<Case> cases = List.of(new Case(DType.FLOAT64, 9, 7), new Case(DType.INT32, 31), new Case(DType.UINT8, 4, 5,
                6), new Case(DType.BOOL, 10), new Case(DType.FLOAT32, 3, 11), new Case(DType.INT64), new Case(DType.INT16,
                0, 4));
        LocalCluster.run(3, TIMEOUT, comm -> {
            for (Case c : cases) {
                Distribution d = c.shape().length == 0 ? Distribution.builder(comm).shape().build()
                        : Distribution.builder(comm).shape(c.shape()).cyclic(0).build();
                try (DistArray a = IoTesting.reference(d, c.t())) {
                    ArrayIO.saveNpy(dir.resolve(c.name() + ".npy"), a);
                }
            }
        });
        List<String> args = new ArrayList<>(List.of("check", dir.toString()));
        cases.forEach(c -> args.add(c.name()));
        assertTrue(python(args.toArray(String[]::new)).contains("OK " + cases.size()));
    }

    @Test
    void dnpyBothWaysAsDistArrayWritesAndReadsIt() throws Exception {
        assumeTrue(skip == null, skip);
        python("write-dnpy", dir.toString());
        LocalCluster.run(2, TIMEOUT, comm -> {
            try (DistArray a = ArrayIO.loadDnpy(comm, dir.resolve("c7").toString())) {
                assertEquals(DType.FLOAT64, a.dtype());
                assertEquals(2, a.distribution().ownedGlobalIndices(0)[1] - a.distribution().ownedGlobalIndices(0)[0]);
                IoTesting.assertHoldsReference(a, DType.FLOAT64, "c7");
            }
            try (DistArray a = ArrayIO.loadDnpy(comm, dir.resolve("bn").toString())) {
                assertEquals(DType.INT32, a.dtype());
                IoTesting.assertHoldsReference(a, DType.INT32, "bn");
            }
            // written here, read back and rewritten by the Python emulation of DistArray's writer
            try (DistArray a = IoTesting.reference(Distribution.builder(comm).shape(7).cyclic(0).build(),
                    DType.FLOAT64)) {
                ArrayIO.saveDnpy(dir.resolve("j1__7__<f8").toString(), a);
            }
            try (DistArray a = IoTesting.reference(Distribution.builder(comm).shape(5, 3).block(0).undistributed(1)
                    .build(), DType.INT32)) {
                ArrayIO.saveDnpy(dir.resolve("j2__5x3__<i4").toString(), a);
            }
            try (DistArray a = IoTesting.reference(Distribution.builder(comm).shape(4, 6).block(0).cyclic(1)
                    .grid(1, 2).build(), DType.FLOAT64)) {
                ArrayIO.saveDnpy(dir.resolve("j3__4x6__<f8").toString(), a);
            }
        });
        assertTrue(python("check-dnpy", dir.toString(), "j1__7__<f8", "j2__5x3__<i4", "j3__4x6__<f8")
                .contains("OK 6"));
    }
}
