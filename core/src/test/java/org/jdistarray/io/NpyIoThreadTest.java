package org.jdistarray.io;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code .npy} contract on thread ranks (1, 2, 3, 4 and 7; one shared file system). */
class NpyIoThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void contract(int ranks) throws Exception {
        NpyIoContract c = new NpyIoContract() {
            @Override
            protected void onRanks(Spmd task) {
                LocalCluster.run(ranks, TIMEOUT, task::run);
            }
        };
        c.saveThenLoadEveryDistribution();
        c.bigEndianAndFortranOrderAndVersions();
        c.failedSaveKeepsThePreviousFile();
        c.badFilesFailOnEveryRank();
        c.loadIntoAnArrayOfAnotherShapeDtypeOrAViewFailsOnEveryRank();
        c.memmapNpy();
    }
}
