package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path (see the parent pom), so this one checks that the artifacts also work as modules:
 * the CLI started with {@code java --module-path ... -m org.jdistarray.examples/...}, with only the main modules
 * and their dependencies on the module path, prints what it prints on the class path (picocli's reflection needs
 * the {@code opens}; {@code demo --protocol} exercises protocol, core's arrays and Jackson across modules).
 */
class ModulePathTest {
    /** Main classes of our modules (folders or jars, never test ones) and the libraries they require. */
    private static final Pattern MODULE = Pattern.compile(".*/target/classes|.*/jdistarray-[a-z-]+-[0-9][^/]*(?<!-tests)\\.jar"
            + "|.*/(jna|jackson-core|jackson-databind|jackson-annotations|picocli)-[0-9][^/]*\\.jar");

    private static String modulePath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> MODULE.matcher(e).matches())
                .toList();
        assertTrue(entries.stream().anyMatch(e -> e.contains("solvers-examples")), "no examples module in " + cp);
        return String.join(File.pathSeparator, entries);
    }

    private static String runAsModule(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath(), "-m", "org.jdistarray.examples/org.jdistarray.cli.JDistArrayCli"));
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
    void protocolDemoRunsOnTheModulePath() throws Exception {
        assertTrue(runAsModule("demo", "--protocol").contains("demo OK: 80 elements on 4 ranks"));
    }
}
