package org.jdistarray.comm.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Test;

/**
 * The communicator contract and the MPI behaviour tests on one real MPI implementation: as a singleton (no
 * launcher), and with 1 and 2 ranks (this machine has 2 cores). Each launch runs all classes in one JVM per rank.
 * Subclasses pick the implementation: {@link CommunicatorMpiIT} (the default, Open MPI) and {@link CommunicatorMpichIT}.
 */
abstract class MpiLaunchTests {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final Class<?>[] SUITE = {MpiCommunicatorContractOnMpi.class, MpiBehaviourOnMpi.class};

    /** The implementation and launcher to run on. */
    abstract MpiLauncher.MpiRuns mpi();

    @Test
    void singletonWithoutLauncher() {
        MpiLauncher.Result r = mpi().runSingleton(TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
        assertLoaded(r);
    }

    @Test
    void oneRank() {
        MpiLauncher.Result r = mpi().run(1, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
        assertLoaded(r);
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = mpi().run(2, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
        assertLoaded(r);
        for (String log : r.rankLogs()) {
            assertTrue(log.contains("after MPI_Finalize: use of the world communicator and re-initialisation fail cleanly: true"), log);
        }
    }

    /** The last resort: the other rank is stuck in the test's collective, so the watchdog aborts after agreeSeconds. */
    @Test
    void rankThatThrowsInsideACollectiveAbortsTheJobWithTheErrorPrinted() {
        MpiLauncher.Result r = mpi().launch(2, Duration.ofSeconds(60), FailingRankOnMpi.class);
        assertFalse(r.timedOut(), r.report());
        assertFalse(r.passed(), r.report());
        assertTrue(r.exitCode() != 0, r.report());
        assertTrue(r.mpirunOutput().contains("rank 1 of 2: FAILED"), r.report());
        assertTrue(r.mpirunOutput().contains("IllegalStateException: deliberate failure on rank 1"), r.report());
        assertTrue(r.rankLogs().get(1).contains("deliberate failure on rank 1"), r.report());
        assertTrue(r.mpirunOutput().contains("MPI_ABORT") || r.mpirunOutput().contains("MPI_Abort"), r.report());
    }

    @Test
    void everyRanksFailureIsGatheredAndPrintedWithoutAbort() {
        MpiLauncher.Result r = mpi().launch(2, Duration.ofSeconds(90), EveryRankFailsOnMpi.class);
        assertFalse(r.timedOut(), r.report());
        assertFalse(r.passed(), r.report());
        assertTrue(r.exitCode() != 0, r.report());
        String out = r.mpirunOutput();
        // both ranks' different messages, printed by rank 0 after the agreement (sum of 100 and 200 = 300)
        assertTrue(out.contains("deliberate failure: rank 0 saw value 300"), r.report());
        assertTrue(out.contains("deliberate failure: rank 1 saw value 301"), r.report());
        assertTrue(out.contains("rank 0 of 2: FAILED"), r.report());
        assertTrue(out.contains("deliberate failure on the last rank only, rank 1"), r.report());
        assertFalse(out.contains("MPI_ABORT") || out.contains("MPI_Abort"), r.report());
        assertTrue(r.summary().orElseThrow().contains("failing tests=2 result=FAILED"), r.report());
        for (String log : r.rankLogs()) {
            assertTrue(log.contains("saw value 300") && log.contains("saw value 301"), log);
            assertTrue(log.contains("OK ranksStayInStepAfterFailures()"), log);
        }
    }

    @Test
    void uncaughtExceptionInTryWithResourcesEndsTheJobWithTheExceptionPrinted() {
        for (String mode : new String[] {"throw-barrier", "throw-recv"}) {
            MpiLauncher.Result r = mpi().launchMain(2, Duration.ofSeconds(90), UncaughtFailureMain.class, mode);
            assertFalse(r.timedOut(), r.report());
            assertTrue(r.elapsed().toSeconds() < 45, "took " + r.elapsed() + ": " + r.report());
            assertTrue(r.exitCode() != 0, r.report());
            assertTrue(r.mpirunOutput().contains("[rank 1 of 2] uncaught exception in thread \"main\""), r.report());
            assertTrue(r.mpirunOutput().contains("IllegalStateException: deliberate uncaught failure on rank 1 (" + mode
                    + ")"), r.report());
            assertFalse(r.mpirunOutput().contains("rank 0: " + mode + " done"), r.report());
        }
    }

    @Test
    void normalProgramFinalizesAtExitAndExitsZero() {
        MpiLauncher.Result r = mpi().launchMain(2, Duration.ofSeconds(90), UncaughtFailureMain.class, "normal");
        assertFalse(r.timedOut(), r.report());
        assertEquals(0, r.exitCode(), r.report());
        assertTrue(r.mpirunOutput().contains("rank 0: normal done"), r.report());
        assertTrue(r.mpirunOutput().contains("rank 1: normal done"), r.report());
        assertFalse(r.mpirunOutput().contains("uncaught"), r.report());
    }

    /** Every rank's first log line names the session, whose implementation must be the one launched. */
    private void assertLoaded(MpiLauncher.Result r) {
        for (String log : r.rankLogs()) {
            assertTrue(log.contains(loadedMarker()), log);
        }
    }

    /** What each rank's log shows of its session ({@code MpiSession[<implementation>, <binding>, ...}). */
    String loadedMarker() {
        return "MpiSession[" + mpi().implementation().displayName() + ",";
    }
}
