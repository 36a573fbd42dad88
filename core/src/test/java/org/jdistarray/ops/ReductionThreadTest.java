package org.jdistarray.ops;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Nested;

/** The reduction, where/initial and reproducibility contracts on 1, 2, 3, 4 and 7 thread ranks. */
class ReductionThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    abstract static class OnThreads extends ReductionContract {
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

    abstract static class ReproOnThreads extends ReproducibleContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class ReproOneRank extends ReproOnThreads {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class ReproTwoRanks extends ReproOnThreads {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class ReproThreeRanks extends ReproOnThreads {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class ReproFourRanks extends ReproOnThreads {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class ReproSevenRanks extends ReproOnThreads {
        @Override
        int ranks() {
            return 7;
        }
    }

    abstract static class WhereOnThreads extends ReduceWhereContract {
        abstract int ranks();

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks(), TIMEOUT, task::run);
        }
    }

    @Nested
    class WhereOneRank extends WhereOnThreads {
        @Override
        int ranks() {
            return 1;
        }
    }

    @Nested
    class WhereTwoRanks extends WhereOnThreads {
        @Override
        int ranks() {
            return 2;
        }
    }

    @Nested
    class WhereThreeRanks extends WhereOnThreads {
        @Override
        int ranks() {
            return 3;
        }
    }

    @Nested
    class WhereFourRanks extends WhereOnThreads {
        @Override
        int ranks() {
            return 4;
        }
    }

    @Nested
    class WhereSevenRanks extends WhereOnThreads {
        @Override
        int ranks() {
            return 7;
        }
    }
}
