package org.jdistarray.comm.local;

import java.time.Duration;

import org.jdistarray.comm.CommunicatorContract;
import org.junit.jupiter.api.Nested;

/** The communicator contract on {@link ThreadCommunicator}, in-process, for 1, 2, 3, 4 and 7 ranks. */
class ThreadCommunicatorContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    abstract static class OnThreads extends CommunicatorContract {
        abstract int ranks();

        @Override
        protected void onRanks(Spmd task) {
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
