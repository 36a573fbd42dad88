package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ufunc oracle contract under {@code mpirun -np 2} (Open MPI), one JVM per rank. */
@Tag("mpi")
@EnabledIfMpirun
class UfuncMpiIT {
    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, Duration.ofSeconds(180), UfuncContractOnMpi.class);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
    }
}
