package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jdistarray.petsc.EnabledIfPetsc;
import org.jdistarray.petsc.MainLauncher;
import org.jdistarray.testing.EnabledIfMpirun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --python} ({@link PythonPoissonDemo}) under {@code mpirun -np 1} and {@code -np 2} with Debian's NumPy:
 * Python's checks of the right-hand side and of the solution pass, PETSc converges on Python's blocks, and nothing is
 * left in {@code /dev/shm}.
 */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
class PythonPoissonDemoMpiIT {
    private static Path pythonDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("python/jdistarray_dap.py"))) {
                return p.resolve("python");
            }
        }
        throw new IllegalStateException("python/jdistarray_dap.py not found");
    }

    @Test
    void mixedJavaPythonPetscJob() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "needs /usr/bin/python3 with numpy");
        for (int np : new int[] {1, 2}) {
            String out = MainLauncher.run(np, Duration.ofSeconds(180), PythonPoissonDemo.class, "N=40",
                    "python=" + pythonDir());
            assertTrue(out.contains("40 x 40 Poisson problem on " + np + " Java ranks"), out);
            assertTrue(out.contains("python: rank " + (np - 1) + " rhs block"), out);
            assertTrue(!out.contains("WRONG"), out);
            assertTrue(out.contains("java: PETSc CG+jacobi on Python's f: reason=CONVERGED_RTOL"), out);
            assertTrue(out.contains("python: PETSc's solution read with no copy from " + np + " ranks"), out);
            assertTrue(out.contains("demo --python OK"), out);
        }
        try (var s = Files.list(Path.of("/dev/shm"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().matches("jdistarray-(py-)?\\d+-.*")
                    && !ProcessHandle.of(Long.parseLong(p.getFileName().toString().replaceAll("jdistarray-(py-)?(\\d+)-.*", "$2")))
                            .map(ProcessHandle::isAlive).orElse(false)), "segments of finished processes were left");
        }
    }
}
