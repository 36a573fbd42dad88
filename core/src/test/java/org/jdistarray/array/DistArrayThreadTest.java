package org.jdistarray.array;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The array oracle contract, the ghost-exchange contract, the replicated and 0-d array contract and the creation
 * checks on threads, for 1, 2, 3, 4 and 7 ranks.
 */
class DistArrayThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class Arrays extends DistArrayContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class Ghosts extends GhostExchangeContract {
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
    class Replicated extends ReplicatedArrayContract {
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
    class Checks extends CreationChecksContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }
}
