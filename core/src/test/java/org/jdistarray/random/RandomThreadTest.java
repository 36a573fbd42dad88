package org.jdistarray.random;

import java.time.Duration;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RandomLayoutContract} on 1, 2, 3, 4 and 7 thread ranks. */
class RandomThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static RandomLayoutContract on(int ranks) {
        return new RandomLayoutContract() {
            @Override
            protected void onRanks(DistArrayContract.Spmd task) {
                LocalCluster.run(ranks, TIMEOUT, task::run);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void everyLayout(int ranks) throws Exception {
        on(ranks).everyHeldCellHasItsElementsDrawOnEveryLayout();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void periodicGhosts(int ranks) throws Exception {
        on(ranks).aFreshPeriodicArrayIsUnchangedByTheGhostExchange();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void permutations(int ranks) throws Exception {
        on(ranks).permutationIsABijectionAndTheSameOnEveryLayout();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void shuffleRows(int ranks) throws Exception {
        on(ranks).shuffleAndPermutationPermuteTheRowsOfNdArraysOnEveryLayout();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void badCalls(int ranks) throws Exception {
        on(ranks).ranksWithDifferentSeedsFailOnEveryRank();
    }
}
