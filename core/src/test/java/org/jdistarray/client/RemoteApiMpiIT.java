package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client API ({@link RemoteApiContract}) and the README's client driver ({@link ClientReadmeExample}) under
 * {@code mpirun -np 2}: 1 client + 1 engine (2 cores).
 */
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

    @Test
    void readmeClientExampleUnderMpirun() {
        MpiLauncher.Result r = MpiLauncher.openMpi().launchMain(2, TIMEOUT, ClientReadmeExample.class);
        assertFalse(r.timedOut(), r.report());
        assertTrue(r.mpirunOutput().contains("engines=1 sum=1.6777216E7 z[10:13]=[21.0, 23.0, 25.0]"), r.report());
        assertEquals(0, r.exitCode(), r.report());
    }
}
