package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The collective-safety contract on 1, 2, 3, 4 and 7 thread ranks, and what a failing rank does to the others. */
class CollectiveSafetyThreadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Nested
    @ParameterizedClass(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    class OnThreads extends CollectiveSafetyContract {
        @Parameter
        int ranks;

        @Override
        protected void onRanks(DistArrayContract.Spmd task) {
            LocalCluster.run(ranks, TIMEOUT, task::run);
        }
    }

    /**
     * Issue case 2: rank 3 throws inside the try block, so its close() runs while the others wait in the ghost
     * exchange. close() is local, so rank 3's exception reaches the cluster at once, the others are released, and the
     * run fails with rank 3's exception, not a timeout.
     */
    @Test
    void aRankThatThrowsInsideTryEndsTheRunWithItsOwnExceptionWithoutWaitingForTheTimeout() {
        long start = System.nanoTime();
        CommunicationException e = assertThrows(CommunicationException.class, () ->
                LocalCluster.run(4, Duration.ofSeconds(30), comm -> {
                    Distribution d = Distribution.builder(comm).shape(40, 8).padding(0, 1, 0).build();
                    try (DistArray a = DistArrays.ones(d, DType.FLOAT64)) {
                        if (comm.rank() == 3) {
                            throw new IllegalStateException("rank 3 gives up");
                        }
                        a.exchangeGhosts();
                    }
                }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("rank 3 failed"), e.getMessage());
        assertEquals("rank 3 gives up", e.getCause().getMessage());
        assertTrue(seconds < 10, "ended after " + seconds + " s, not at the timeout");
    }
}
