package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;

/**
 * A program written against Open MPI's own Java bindings ({@code src/test/ompi-java/.../OpenMpiPetscProgram.java}:
 * {@code MPI.Init}, a DistArray on {@code MPI.COMM_WORLD}, a PETSc CG solve through the bridge, Open MPI's
 * {@code allReduce} on the result), compiled here against the test class path and run under {@code mpirun -np 2}.
 * Skipped, with the reason, without {@code mpi.jar} on the class path.
 */
@Tag("mpi")
@EnabledIfMpirun
class OpenMpiPetscInteropMpiIT {
    @Test
    void openMpiJavaProgramSolvesWithPetscOnItsWorld() throws IOException, InterruptedException {
        assumeTrue(getClass().getClassLoader().getResource("mpi/MPI.class") != null, "Open MPI's Java bindings"
                + " (org.open-mpi:mpi-java) are not on the class path: run bin/install-deps (bin/build-mpi-java)");
        Path classes = Path.of("target/ompi-java-classes");
        Files.createDirectories(classes);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", MpiLauncher.testClasspath(), "--release", "17", "-proc:none"));
        try (Stream<Path> files = Files.walk(Path.of("src/test/ompi-java"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> cmd.add(p.toString()));
        }
        Process javac = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(javac.getInputStream().readAllBytes());
        assertEquals(0, javac.waitFor(), "javac of the example failed: " + out);

        MpiLauncher.Result r = MpiLauncher.openMpi().withClasspath(classes)
                .launchMain(2, Duration.ofSeconds(120), "org.jdistarray.examples.ompi.OpenMpiPetscProgram");
        assertFalse(r.timedOut(), r.report());
        assertEquals(0, r.exitCode(), r.report());
        for (int rank = 0; rank < 2; rank++) {
            Matcher m = Pattern.compile("PETSC-INTEROP rank " + rank + " of 2: converged=true its=(\\d+)/(\\d+)"
                    + " secondOrder=true binding=JNI").matcher(r.mpirunOutput());
            assertTrue(m.find(), "rank " + rank + ": " + r.report());
            assertEquals(m.group(1), m.group(2), r.report());
            assertTrue(Integer.parseInt(m.group(1)) > 1, r.report());
        }
    }
}
