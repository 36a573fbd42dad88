package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The client API ({@link RemoteApiContract}) under {@code mpirun -np 2}: 1 client + 1 engine (2 cores). */
@Tag("mpi")
@EnabledIfMpirun
class RemoteApiMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Test
    void apiOnOneClientAndOneEngine() {
        MpiLauncher.Result r = MpiLauncher.openMpi().launchMain(2, TIMEOUT, RemoteApiMpiDriver.class);
        assertFalse(r.timedOut(), r.report());
        assertTrue(r.mpirunOutput().contains("API-TESTS engines=1") && r.mpirunOutput().contains("result=PASSED"), r.report());
        assertEquals(0, r.exitCode(), r.report());
    }
}
