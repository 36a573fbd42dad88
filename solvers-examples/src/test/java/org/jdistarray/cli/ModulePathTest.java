package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdistarray.examples.ModulePath;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path (see the parent pom), so this one checks that the artifacts also work as modules:
 * the CLI started with {@code java --module-path ... -m org.jdistarray.examples/...}, with only the main modules
 * and their dependencies on the module path, prints what it prints on the class path (picocli's reflection needs
 * the {@code opens}; {@code demo --protocol} exercises protocol, core's arrays and Jackson across modules).
 */
class ModulePathTest {
    private static String runAsModule(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", ModulePath.fromTestClassPath(), "-m", "org.jdistarray.examples/org.jdistarray.cli.JDistArrayCli"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("jdist-module-run", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void describeOnTheModulePathPrintsWhatItPrintsOnTheClassPath() throws Exception {
        String[] args = {"describe", "--shape", "7,4", "--dist", "c", "--block-size", "2,1", "--ranks", "4"};
        assertEquals(CliRun.of(args).out(), runAsModule(args));
    }

    @Test
    void hdf5OnTheModulePath() throws Exception {
        // jHDF is an automatic module whose own dependencies must resolve (core requires them)
        Path dir = Files.createTempDirectory("jdist-module-h5");
        Path npy = dir.resolve("a.npy");
        org.jdistarray.comm.local.LocalCluster.run(2, comm -> {
            try (var a = org.jdistarray.array.DistArrays.zeros(org.jdistarray.dist.Distribution.builder(comm)
                    .shape(3, 4).build(), org.jdistarray.protocol.DType.INT16)) {
                org.jdistarray.io.ArrayIO.saveNpy(npy, a);
            }
        });
        String h5 = dir.resolve("a.h5") + ":/g/a";
        assertTrue(runAsModule("convert", npy.toString(), h5).contains("shape (3, 4) int16 on 2 ranks"));
        String[] info = {"info", dir.resolve("a.h5").toString()};
        assertEquals(CliRun.of(info).out(), runAsModule(info));
    }

    @Test
    void protocolDemoRunsOnTheModulePath() throws Exception {
        assertTrue(runAsModule("demo", "--protocol").contains("demo OK: 80 elements on 4 ranks"));
    }
}
