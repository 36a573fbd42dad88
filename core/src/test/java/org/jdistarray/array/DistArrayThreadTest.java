package org.jdistarray.array;

import java.time.Duration;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;

/** The array oracle contract and the ghost-exchange contract on threads, for 1, 2, 3, 4 and 7 ranks. */
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
}
