package org.jdistarray.algo;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The dense-product contract on 1, 2, 3, 4 and 7 thread ranks. */
class ProductsThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads extends ProductsContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }
}
