package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.comm.mpi.MpiImplementation;
import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The array and ghost-exchange oracle contracts on real MPI, under {@code mpirun -np 1} and {@code -np 2} (this
 * machine has 2 cores); each launch runs
 * the four classes (arrays, ghosts, replicated and 0-d arrays, creation checks) in one JVM per rank.
 */
@Tag("mpi")
@EnabledIfMpirun
class ArrayMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Class<?>[] SUITE = {DistArrayContractOnMpi.class, GhostExchangeContractOnMpi.class,
            ReplicatedArrayContractOnMpi.class, CreationChecksContractOnMpi.class, CollectiveSafetyContractOnMpi.class,
            RedistributionContractOnMpi.class};

    @ParameterizedTest(name = "mpirun -np {0}")
    @ValueSource(ints = {1, 2})
    void ranks(int np) {
        MpiLauncher.assertRuns(np, TIMEOUT, SUITE);
    }

    @Test
    @EnabledIfMpirun(MpiImplementation.MPICH)
    void twoRanksMpich() {
        MpiLauncher.Result r = MpiLauncher.mpich().run(2, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
    }
}
