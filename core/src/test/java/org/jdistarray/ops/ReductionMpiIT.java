package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The reduction oracle, where/initial and reproducibility contracts under {@code mpirun -np 1} and {@code -np 2}. */
@Tag("mpi")
@EnabledIfMpirun
class ReductionMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Class<?>[] SUITE = {ReductionContractOnMpi.class, ReproducibleContractOnMpi.class,
            ReduceWhereContractOnMpi.class};

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
}
