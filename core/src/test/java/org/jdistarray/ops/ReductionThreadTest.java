package org.jdistarray.ops;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The reduction, where/initial and reproducibility contracts on 1, 2, 3, 4 and 7 thread ranks. */
class ReductionThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads extends ReductionContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class ReproOnThreads extends ReproducibleContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class WhereOnThreads extends ReduceWhereContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }
}
