package org.jdistarray.comm.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.jdistarray.testing.MpiTestMain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The communicator contract and the MPI behaviour tests on real MPI: as a singleton (no mpirun), and under
 * {@code mpirun -np 1} and {@code -np 2} (this machine has 2 cores). Each launch runs all classes in one JVM per rank.
 */
@Tag("mpi")
@EnabledIfMpirun
class CommunicatorMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Class<?>[] SUITE = {MpiCommunicatorContractOnMpi.class, MpiBehaviourOnMpi.class};

    @Test
    void singletonWithoutMpirun() {
        MpiLauncher.Result r = MpiLauncher.runSingleton(TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
        for (String log : r.rankLogs()) {
            assertTrue(log.contains("after MPI_Finalize: use of the world communicator and re-initialisation fail cleanly: true"), log);
        }
    }

    @Test
    void rankThatThrowsInsideACollectiveAbortsTheJobWithTheErrorPrinted() {
        MpiLauncher.Result r = MpiLauncher.launch(2, Duration.ofSeconds(60), FailingRankOnMpi.class);
        assertFalse(r.timedOut(), r.report());
        assertFalse(r.passed(), r.report());
        assertTrue(r.exitCode() != 0, r.report());
        assertTrue(r.mpirunOutput().contains("rank 1 of 2: FAILED"), r.report());
        assertTrue(r.mpirunOutput().contains("IllegalStateException: deliberate failure on rank 1"), r.report());
        assertTrue(r.rankLogs().get(1).contains("deliberate failure on rank 1"), r.report());
        assertTrue(r.mpirunOutput().contains("MPI_ABORT") || r.mpirunOutput().contains("MPI_Abort"), r.report());
    }
}
