package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The HDF5 contract under {@code mpirun -np 1} and {@code -np 2}: the parallel HDF5 engine (Debian's
 * libhdf5-openmpi, collective MPI-IO) and the jHDF engine, two processes on one shared file system.
 */
@Tag("mpi")
@EnabledIfMpirun
class Hdf5MpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, Hdf5ContractOnMpi.class, Hdf5JhdfContractOnMpi.class);
        assertTrue(r.passed() && r.summary().orElseThrow().contains("np=1 classes=2 tests=18 succeeded=18"),
                r.report());
    }

    @Test
    void twoRanks() {
        MpiLauncher.Result r = MpiLauncher.run(2, TIMEOUT, Hdf5ContractOnMpi.class, Hdf5JhdfContractOnMpi.class);
        assertTrue(r.passed() && r.summary().orElseThrow().contains("np=2 classes=2 tests=18 succeeded=18"),
                r.report());
    }
}
