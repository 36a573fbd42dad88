package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jdistarray.petsc.EnabledIfPetsc;
import org.jdistarray.petsc.MainLauncher;
import org.jdistarray.testing.EnabledIfMpirun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heat equation (explicit steps with ghost exchange, a PETSc implicit step every k-th) and the Julia set under
 * {@code mpirun -np 1} and {@code -np 2}, each by its one command at a small size; the client-engine heat equation
 * ({@link ClientEngineHeat}) under {@code -np 2} (1 client, 1 engine).
 */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
class ExamplesSmallMpiIT {
    @TempDir
    Path dir;

    @Test
    void heatEquationMatchesTheDiscreteSolution() throws Exception {
        for (int np : new int[] {1, 2}) {
            String out = MainLauncher.run(np, Duration.ofSeconds(120), HeatEquation.class, "N=24", "steps=40",
                    "every=5");
            assertTrue(out.contains("HEAT N=24 ranks=" + np + " steps=40 implicit=8 "), out);
            assertTrue(out.contains("ok=true"), out);
        }
    }

    @Test
    void clientEngineHeatWithPetscOnTheEngine() throws Exception {
        // mpirun -np 2: rank 0 the client, rank 1 the one engine (2 cores); the implicit steps run PETSc on the engine
        String out = MainLauncher.run(2, Duration.ofSeconds(120), ClientEngineHeat.class, "N=24", "steps=40",
                "every=5");
        assertTrue(out.contains("CEHEAT N=24 engines=1 steps=40 implicit=8 "), out);
        assertTrue(out.contains("ok=true"), out);
    }

    @Test
    void juliaSetUnderMpirun() throws Exception {
        Path base = dir.resolve("julia");
        String out = MainLauncher.run(2, Duration.ofSeconds(120), JuliaSet.class, "W=48", "H=32", "iterations=20",
                "mpi=true", "out=" + base);
        assertTrue(out.contains("JULIA 32x48 iterations=20 ranks=2"), out);
        assertTrue(Files.size(dir.resolve("julia.png")) > 1000, out);
    }
}
