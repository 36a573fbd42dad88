package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary distribution that {@code mvn package} builds ({@code target/jdistarray-<version>-bin.tar.gz}), unpacked
 * into a temporary folder: its {@code bin/jdistarray selftest} passes there (with the mpirun checks where mpirun is
 * installed), away from the source tree and without Maven; an example runs from its {@code lib/}; {@code lib/} holds
 * every runtime jar, and the licence list names every third-party jar.
 */
class BinaryDistributionIT {
    @TempDir
    Path dir;

    private Path unpack() throws Exception {
        Path tarball;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            tarball = s.filter(p -> p.getFileName().toString().matches("jdistarray-.*-bin\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/jdistarray-*-bin.tar.gz: mvn package builds it"));
        }
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString()).directory(dir.toFile())
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> top = s.toList();
            assertEquals(1, top.size(), "one top folder: " + top);
            return top.get(0);
        }
    }

    private static String run(Path home, String... args) throws IOException, InterruptedException {
        String[] cmd = Stream.concat(Stream.of(home.resolve("bin/jdistarray").toString()), Arrays.stream(args))
                .toArray(String[]::new);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.getParent().toFile()).redirectErrorStream(true);
        pb.environment().remove("JDIST_JAVA_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    void unpackedSelftestPasses() throws Exception {
        Path home = unpack();
        assertTrue(Files.isExecutable(home.resolve("bin/jdistarray")));
        String out = run(home, "selftest");
        List<String> lines = out.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("\\d+ passed, 0 failed, \\d+ skipped"), out);
        assertTrue(Integer.parseInt(last.substring(0, last.indexOf(' '))) >= SelfTest.localChecks().size(), out);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), out);
        Path png = dir.resolve("d.png");
        assertTrue(run(home, "plot", "--shape", "8,8", "--grid", "2,2", "-o", png.toString()).startsWith("wrote"));
        assertTrue(Files.size(png) > 100);
    }

    /** README.txt's example command, from the unpacked folder: the HDF5 volume example on 2 thread ranks. */
    @Test
    void anExampleRunsFromTheUnpackedLib() throws Exception {
        Path home = unpack();
        Path file = dir.resolve("v.h5");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.resolve("lib") + "/*", "org.jdistarray.examples.VolumeFilter", "NZ=8", "NY=6", "NX=5",
                "ranks=2", "file=" + file).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("VOLUME 8x6x5 ranks=2 axis=2 radius=2 read="), out);
        assertTrue(Files.readString(home.resolve("README.txt")).contains("org.jdistarray.examples.VolumeFilter"));
    }

    @Test
    void libHoldsEveryRuntimeJarAndTheLicenceListNamesTheThirdPartyOnes() throws Exception {
        Path home = unpack();
        List<String> lib;
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            lib = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String entry : Files.readString(Path.of("target/classpath.txt")).strip().split(":")) {
            String name = Path.of(entry).getFileName().toString();
            assertTrue(lib.contains(name), "lib/ lacks " + name + ": " + lib);
        }
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("jdistarray-solvers-examples-")), lib.toString());
        String licences = Files.readString(home.resolve("THIRD-PARTY.txt"));
        for (String jar : lib) {
            if (!jar.startsWith("jdistarray-")) {
                String artifact = jar.replaceAll("-\\d[^-]*\\.jar$", "");
                assertTrue(licences.lines().anyMatch(l -> l.startsWith(artifact + " ")), "THIRD-PARTY.txt lacks "
                        + artifact);
            }
        }
        assertTrue(Files.readString(home.resolve("bin/jdistarray")).contains("lib/*.jar"));
    }
}
