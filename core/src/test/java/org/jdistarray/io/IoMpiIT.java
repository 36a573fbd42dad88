package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The {@code .npy} and {@code .dnpy} contracts under {@code mpirun -np 2}: two processes, one shared file system. */
@Tag("mpi")
@EnabledIfMpirun
class IoMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, NpyIoContractOnMpi.class, DnpyContractOnMpi.class);
        assertTrue(r.passed() && r.summary().orElseThrow().contains("np=2 classes=2 tests=9 succeeded=9"), r.report());
    }
}
