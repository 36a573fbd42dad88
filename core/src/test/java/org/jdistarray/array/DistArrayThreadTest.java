package org.jdistarray.array;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;

/**
 * The array oracle contract, the ghost-exchange contract, the replicated and 0-d array contract and the creation
 * checks on threads, for 1, 2, 3, 4 and 7 ranks.
 */
class DistArrayThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    abstract static class Arrays extends DistArrayContract {
        abstract int ranks();

        @Override
        protected void onRanks(Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class OneRank extends Arrays {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class TwoRanks extends Arrays {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class ThreeRanks extends Arrays {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class FourRanks extends Arrays {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class SevenRanks extends Arrays {
        @Override
        int ranks() {
            return 7;
        }
    }

    abstract static class Ghosts extends GhostExchangeContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class GhostsOneRank extends Ghosts {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class GhostsTwoRanks extends Ghosts {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class GhostsThreeRanks extends Ghosts {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class GhostsFourRanks extends Ghosts {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class GhostsSevenRanks extends Ghosts {
        @Override
        int ranks() {
            return 7;
        }
    }

    abstract static class Replicated extends ReplicatedArrayContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class ReplicatedOneRank extends Replicated {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class ReplicatedTwoRanks extends Replicated {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class ReplicatedThreeRanks extends Replicated {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class ReplicatedFourRanks extends Replicated {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class ReplicatedSevenRanks extends Replicated {
        @Override
        int ranks() {
            return 7;
        }
    }

    abstract static class Checks extends CreationChecksContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class ChecksOneRank extends Checks {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class ChecksTwoRanks extends Checks {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class ChecksThreeRanks extends Checks {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class ChecksFourRanks extends Checks {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class ChecksSevenRanks extends Checks {
        @Override
        int ranks() {
            return 7;
        }
    }
}
