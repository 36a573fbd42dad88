package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.petsc.EnabledIfPetsc;
import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.jdistarray.trilinos.EnabledIfTpetraShim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The flagship example as modules under {@code mpirun -np 2}: MPI, PETSc and Tpetra through JNA from named modules
 * (the {@code *.internal} packages opened to {@code com.sun.jna}, the shim loaded from the Trilinos module's jar).
 */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
@EnabledIfTpetraShim
class ModulePathMpiIT {
    @Test
    void demoRunsOnTheModulePathOnTwoRanks() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(MpiLauncher.mpirun().orElseThrow().toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(List.of("-np", "2", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "--module-path", ModulePath.fromTestClassPath(),
                "-m", "org.jdistarray.examples/" + PoissonDemo.class.getName(), "N=32"));
        Path log = Files.createTempFile("mpi-module-path", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(done && p.exitValue() == 0, "exit " + (done ? p.exitValue() : "timeout") + " of " + cmd + "\n" + out);
            assertTrue(out.contains("32 x 32 grid (1024 unknowns), 2 MPI rank(s)"), out);
            assertTrue(out.contains("Trilinos CG+jacobi   CONVERGED_RTOL"), out);
            assertTrue(out.contains("demo OK"), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
