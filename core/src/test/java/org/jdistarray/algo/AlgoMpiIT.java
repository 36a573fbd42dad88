package org.jdistarray.algo;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The algorithm contract under {@code mpirun -np 1} and {@code -np 2}. */
@Tag("mpi")
@EnabledIfMpirun
class AlgoMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Class<?>[] SUITE = {AlgoContractOnMpi.class, ProductsContractOnMpi.class, PartitionContractOnMpi.class};

    @ParameterizedTest(name = "mpirun -np {0}")
    @ValueSource(ints = {1, 2})
    void ranks(int np) {
        MpiLauncher.assertRuns(np, TIMEOUT, SUITE);
    }
}
