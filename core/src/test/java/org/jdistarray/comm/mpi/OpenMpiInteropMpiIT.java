package org.jdistarray.comm.mpi;

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
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;

/**
 * Interop with Open MPI's own Java bindings, both ways and whichever side initialises MPI: the example program
 * {@code src/test/ompi-java/.../OpenMpiProgram.java} (written against {@code mpi.MPI} and {@code mpi.Intracomm}) is
 * compiled here against the test class path and run under {@code mpirun -np 2}. It builds a {@code DistArray} on
 * {@code MPI.COMM_WORLD} (through {@link MpiSession#fromOpenMpi}), sums it with Open MPI's {@code allReduce}, and
 * uses a JDistArray split communicator through Open MPI's API ({@link MpiCommunicator#toOpenMpi}). Skipped, with
 * the reason, without {@code mpi.jar} on the class path.
 */
@Tag("mpi")
@EnabledIfMpirun
class OpenMpiInteropMpiIT {
    private static Path classes;

    @BeforeAll
    static void compileTheProgram() throws IOException, InterruptedException {
        if (!CommunicatorJniMpiIT.jarPresent()) {
            return; // each test is skipped, with the reason (needsTheJar)
        }
        Path src = Path.of("src/test/ompi-java");
        classes = Path.of("target/ompi-java-classes");
        Files.createDirectories(classes);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", MpiLauncher.testClasspath(), "--release", "17", "-proc:none"));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> cmd.add(p.toString()));
        }
        Process javac = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(javac.getInputStream().readAllBytes());
        int rc = javac.waitFor();
        assertEquals(0, rc, "javac of the example failed: " + out);
    }

    @BeforeEach
    void needsTheJar() {
        assumeTrue(CommunicatorJniMpiIT.jarPresent(), "Open MPI's Java bindings (org.open-mpi:mpi-java) are not on"
                + " the class path: run bin/install-deps (bin/build-mpi-java) to build them");
    }

    private static void check(String mode, boolean owner) {
        MpiLauncher.Result r = MpiLauncher.openMpi().withClasspath(classes)
                .launchMain(2, Duration.ofSeconds(90), "org.jdistarray.examples.ompi.OpenMpiProgram", mode);
        assertFalse(r.timedOut(), r.report());
        assertEquals(0, r.exitCode(), r.report());
        String out = r.mpirunOutput();
        for (int rank = 0; rank < 2; rank++) {
            String expected = "INTEROP rank " + rank + " of 2: sameWorld=true worldBack=true sum=499500.0 expected=499500.0"
                    + " splitSize=1/1/1 binding=JNI owner=" + owner;
            assertTrue(out.contains(expected), "missing \"" + expected + "\" in " + r.report());
        }
    }

    @Test
    void programInitialisesMpiAndJDistArrayJoins() {
        check("mpi-first", false);
    }

    @Test
    void jDistArrayInitialisesMpiAndTheProgramUsesOpenMpisApi() {
        check("jdistarray-first", true);
    }
}
