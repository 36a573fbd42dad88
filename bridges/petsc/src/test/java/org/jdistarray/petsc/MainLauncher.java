package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.testing.MpiLauncher;

/**
 * Runs a program's {@code main} under {@code mpirun -np N} with this test JVM's classpath (for programs that manage
 * MPI themselves, unlike {@link org.jdistarray.testing.MpiTestMain}). Fails on a non-zero exit or the timeout.
 */
public final class MainLauncher {
    private MainLauncher() {
    }

    /** Returns the job's output (stdout and stderr of all ranks). */
    public static String run(int np, Duration timeout, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(MpiLauncher.mpirun().orElseThrow().toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(List.of("-np", String.valueOf(np), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("mpi-main-np" + np, ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(done && p.exitValue() == 0, "exit " + (done ? p.exitValue() : "timeout") + " of " + cmd + "\n" + out);
        return out;
    }
}
