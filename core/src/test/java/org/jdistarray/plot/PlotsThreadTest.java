package org.jdistarray.plot;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The picture contract on 1, 2, 3, 4 and 7 thread ranks. */
class PlotsThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads extends PlotsContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }
}
