package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.jdistarray.trilinos.EnabledIfTpetraShim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The solver examples under {@code mpirun -np 1} and {@code -np 2}. */
@Tag("mpi")
@Tag("trilinos")
@EnabledIfMpirun
@EnabledIfTpetraShim
class ExamplesMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, PoissonTrilinosOnMpi.class);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, PoissonTrilinosOnMpi.class);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
    }
}
