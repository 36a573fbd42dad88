package org.jdistarray.algo;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;

/** The algorithm contract on 1, 2, 3, 4 and 7 thread ranks. */
class AlgoThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    abstract static class OnThreads extends AlgoContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class OneRank extends OnThreads {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class TwoRanks extends OnThreads {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class ThreeRanks extends OnThreads {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class FourRanks extends OnThreads {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class SevenRanks extends OnThreads {
        @Override
        int ranks() {
            return 7;
        }
    }
}
