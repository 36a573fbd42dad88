package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PETSc bridge on real MPI ranks, under {@code mpirun -np 1} and {@code -np 2} (this machine has 2 cores): one
 * launch per rank count runs every {@code *OnMpi} class, each with its own PetscSession (PETSc is initialised again
 * for each class, MPI once).
 */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
class PetscMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    static final Class<?>[] SUITE = {PetscVecOnMpi.class, MatKspOnMpi.class, PetscErrorsOnMpi.class};

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
    }

    @Test
    void petscInitialisesMpiOnOneAndTwoRanks() throws Exception {
        for (int np : new int[] {1, 2}) {
            String out = launchMain(np, PetscInitsMpiMain.class);
            for (int r = 0; r < np; r++) {
                assertTrue(out.contains("PETSC-INITS-MPI rank=" + r + " ok=true"), out);
            }
        }
    }

    /** {@code mpirun -np n java -cp <test classpath> main}: returns the output; fails on a non-zero exit or timeout. */
    static String launchMain(int np, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(MpiLauncher.mpirun().orElseThrow().toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(List.of("-np", String.valueOf(np), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("petsc-main-np" + np, ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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
