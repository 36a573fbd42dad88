package org.jdistarray.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Test;

/** Failure agreement on thread ranks: a failure on some ranks is a failure on every rank, with its message. */
class CollectiveErrorsTest {
    private static final int[] SIZES = {1, 2, 3, 4, 7};

    @Test
    void agreeAndGatherGivesEveryRankEveryRanksValues() {
        for (int n : SIZES) {
            LocalCluster.run(n, comm -> {
                long[][] all = CollectiveErrors.agreeAndGather(comm, null, comm.rank(), 10L * comm.rank() + 1);
                assertEquals(comm.size(), all.length);
                for (int r = 0; r < comm.size(); r++) {
                    assertArrayEquals(new long[] {r, 10L * r + 1}, all[r]);
                }
                assertEquals(comm.size(), CollectiveErrors.agreeAndGather(comm, null).length);
            });
        }
    }

    @Test
    void aFailureOnSomeRanksFailsEveryRankNamingTheLowest() {
        for (int n : SIZES) {
            LocalCluster.run(n, comm -> {
                int me = comm.rank();
                int lowest = comm.size() / 2; // ranks lowest.. fail, each with its own text
                IllegalArgumentException mine = me >= lowest ? new IllegalArgumentException("bad on " + me) : null;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> CollectiveErrors.agreeAndGather(comm, mine, me));
                if (mine != null) {
                    assertSame(mine, e);
                } else {
                    assertEquals("rank " + lowest + " failed: bad on " + lowest, e.getMessage());
                }
                // the same rule through agree(), with the state class kept
                IllegalStateException st = me == comm.size() - 1 ? new IllegalStateException("closed") : null;
                IllegalStateException s = assertThrows(IllegalStateException.class, () -> CollectiveErrors.agree(comm, st));
                assertTrue(s.getMessage().contains("closed"), s.getMessage());
                // and the communicator is still in step afterwards
                assertEquals(comm.size(), CollectiveErrors.agreeAndGather(comm, null, 1).length);
            });
        }
    }
}
