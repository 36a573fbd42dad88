package org.jdistarray.io;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code .dnpy} contract on thread ranks (1, 2, 3, 4 and 7). */
class DnpyThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void contract(int ranks) throws Exception {
        DnpyContract c = new DnpyContract() {
            @Override
            protected void onRanks(NpyIoContract.Spmd task) {
                LocalCluster.run(ranks, TIMEOUT, task::run);
            }
        };
        c.roundTripEveryDistribution();
        c.distArrayExampleBytes();
        c.badSetsFailOnEveryRankNamingTheFile();
    }
}
