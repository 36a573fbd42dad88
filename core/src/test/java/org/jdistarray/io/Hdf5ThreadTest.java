package org.jdistarray.io;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HDF5 contract on thread ranks (1, 2, 3, 4 and 7) with the jHDF engine (threads have no MPI-IO). */
class Hdf5ThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void contract(int ranks) throws Exception {
        Hdf5Contract c = new Hdf5Contract() {
            @Override
            protected void onRanks(Spmd task) {
                LocalCluster.run(ranks, TIMEOUT, task::run);
            }
        };
        c.saveThenLoadEveryDistribution();
        c.chunkedAndCompressed();
        c.createTruncateAppend();
        c.failedSaveKeepsThePreviousFile();
        c.failureOnOneRankAtEveryStepFailsEveryRank();
        c.badFilesFailOnEveryRank();
        c.h5pyInterop();
        c.appendStreamsPreviousDatasets();
        c.mismatchedSavesFailOnEveryRank();
    }
}
