package org.jdistarray.comm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.junit.jupiter.api.Test;

/**
 * What {@link ThreadCommunicator} and {@link LocalCluster} do when ranks disagree or fail: every rank fails with a
 * message naming the ranks and operations, and nothing hangs past its timeout.
 */
class ThreadCommunicatorFailureTest {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final Duration GUARD = Duration.ofSeconds(20);

    /** Runs {@code task} on n ranks expecting failure; returns the thrown exception and each rank's own failure. */
    private static Outcome failing(int n, Duration timeout, LocalCluster.RankTask task) {
        AtomicReferenceArray<Throwable> perRank = new AtomicReferenceArray<>(n);
        Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(Throwable.class,
                () -> LocalCluster.run(n, timeout, comm -> {
                    try {
                        task.run(comm);
                    } catch (Throwable t) {
                        perRank.set(comm.rank(), t);
                        throw t;
                    }
                })));
        return new Outcome(thrown, perRank);
    }

    private record Outcome(Throwable thrown, AtomicReferenceArray<Throwable> perRank) {
        Throwable rank(int r) {
            Throwable t = perRank.get(r);
            assertNotNull(t, "rank " + r + " should have failed");
            return t;
        }
    }

    @Test
    void differentOperationsFailOnEveryRankNamingThem() {
        Outcome o = failing(3, SHORT, comm -> {
            if (comm.rank() == 1) {
                comm.broadcast(DirectBuffers.doubles(1), 0);
            } else {
                comm.allReduce(DirectBuffers.doubles(1), ReduceOp.SUM);
            }
        });
        for (int r = 0; r < 3; r++) {
            String m = o.rank(r).getMessage();
            assertInstanceOf(CommunicationException.class, o.rank(r));
            assertTrue(m.contains("collective mismatch (different operations)"), m);
            assertTrue(m.contains("rank 0 allReduce(DOUBLE x1, SUM)"), m);
            assertTrue(m.contains("rank 1 broadcast(DOUBLE x1, root=0)"), m);
        }
    }

    @Test
    void differentCountsRootsTypesAndReductionsAreMismatches() {
        String[] expected = {"different counts", "different roots", "different element types", "different reduction operations"};
        LocalCluster.RankTask[] tasks = {
            comm -> comm.allReduce(DirectBuffers.doubles(1 + comm.rank()), ReduceOp.SUM),
            comm -> comm.broadcast(DirectBuffers.doubles(1), comm.rank()),
            comm -> comm.allGather(comm.rank() == 0 ? DirectBuffers.doubles(1) : DirectBuffers.longs(1),
                    comm.rank() == 0 ? DirectBuffers.doubles(2) : DirectBuffers.longs(2)),
            comm -> comm.allReduce(DirectBuffers.longs(1), comm.rank() == 0 ? ReduceOp.MIN : ReduceOp.MAX),
        };
        for (int k = 0; k < tasks.length; k++) {
            Outcome o = failing(2, SHORT, tasks[k]);
            String m = o.rank(1).getMessage();
            assertTrue(m.contains(expected[k]), m);
            assertTrue(o.rank(0).getMessage().contains(expected[k]));
        }
    }

    @Test
    void rankThatThrowsInsideACollectiveFailsEveryRank() {
        Outcome o = failing(4, Duration.ofSeconds(30), comm -> {
            if (comm.rank() == 2) {
                throw new IllegalStateException("boom on rank 2");
            }
            comm.allReduce(DirectBuffers.doubles(8), ReduceOp.SUM);
        });
        assertInstanceOf(CommunicationException.class, o.thrown());
        assertTrue(o.thrown().getMessage().startsWith("rank 2 failed"), o.thrown().getMessage());
        assertInstanceOf(IllegalStateException.class, o.thrown().getCause());
        assertEquals(3, o.thrown().getSuppressed().length, "the other ranks' failures are attached");
        for (int r : new int[] {0, 1, 3}) {
            String m = o.rank(r).getMessage();
            assertTrue(m.contains("rank " + r + ": allReduce(DOUBLE x8, SUM)"), m);
            assertTrue(m.contains("rank 2 failed: java.lang.IllegalStateException: boom on rank 2"), m);
        }
    }

    @Test
    void failedAssertionIsRethrownAsAssertionErrorNamingTheRank() {
        AssertionError e = assertThrows(AssertionError.class, () -> LocalCluster.run(3, SHORT, comm -> {
            assertEquals(0, comm.rank(), "only rank 0 passes");
        }));
        assertTrue(e.getMessage().startsWith("rank 1: ") || e.getMessage().startsWith("rank 2: "), e.getMessage());
    }

    @Test
    void rankThatReturnsEarlyFailsTheCollectiveOthersWaitIn() {
        Outcome o = failing(3, Duration.ofSeconds(30), comm -> {
            if (comm.rank() != 1) {
                comm.barrier();
            }
        });
        String m = o.rank(0).getMessage();
        assertTrue(m.contains("rank 1 left the communicator"), m);
        assertTrue(m.contains("ranks 0, 2 called a collective"), m);
        assertTrue(m.contains("rank 0 barrier()"), m);
    }

    @Test
    void receiveFromARankThatLeftFails() {
        Outcome o = failing(2, Duration.ofSeconds(30), comm -> {
            if (comm.rank() == 0) {
                comm.recv(DirectBuffers.doubles(1), 1, 4);
            }
        });
        String m = o.rank(0).getMessage();
        assertTrue(m.contains("recv(DOUBLE x1, source=1, tag=4)") && m.contains("rank 1 left the communicator"), m);
    }

    @Test
    void deadlockEndsAtTheTimeoutWithEveryRanksPosition() {
        long t0 = System.nanoTime();
        Outcome o = failing(2, Duration.ofMillis(1500), comm -> {
            if (comm.rank() == 0) {
                comm.barrier();
            } else {
                comm.recv(DirectBuffers.doubles(1), 0, 0);
            }
        });
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 10, "took " + s + " s");
        String m = o.thrown().getMessage();
        assertTrue(m.contains("timeout after 1500 ms"), m);
        assertTrue(m.contains("rank 0 at") && m.contains("rank 1 at"), m);
        assertTrue(m.contains("barrier") && m.contains("recv"), m);
    }

    @Test
    void truncatedMessageFailsBothSides() {
        Outcome o = failing(2, SHORT, comm -> {
            if (comm.rank() == 0) {
                comm.send(DirectBuffers.doubles(10), 1, 0);
            } else {
                comm.recv(DirectBuffers.doubles(4), 0, 0);
            }
        });
        assertTrue(o.rank(1).getMessage().contains("message truncated: rank 0 sent 10 elements"), o.rank(1).getMessage());
    }

    @Test
    void brokenCommunicatorStaysBroken() {
        ConcurrentHashMap<Integer, String> second = new ConcurrentHashMap<>();
        failing(2, SHORT, comm -> {
            try {
                comm.allReduce(DirectBuffers.doubles(1 + comm.rank()), ReduceOp.SUM);
            } catch (CommunicationException e) {
                try {
                    comm.barrier();
                } catch (CommunicationException again) {
                    second.put(comm.rank(), again.getMessage());
                }
                throw e;
            }
        });
        assertEquals(2, second.size());
        assertTrue(second.get(0).contains("rank 0: barrier() on world(2) failed: collective mismatch"), second.get(0));
    }

    @Test
    void closedCommunicatorRejectsUse() {
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            assertEquals(1, solo.size());
            assertEquals(3.0, Collectives.sum(solo, 3.0));
            solo.close();
            assertThrows(IllegalStateException.class, solo::barrier);
        }
    }

    @Test
    void resultsComeBackPerRank() {
        var out = LocalCluster.call(4, SHORT, Communicator::rank);
        assertEquals(java.util.List.of(0, 1, 2, 3), out);
    }
}
