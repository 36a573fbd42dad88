package org.jdistarray.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * How the client waits for its engines' replies ({@link ClientChannel#gather}): embedded engines that share the
 * cores with the client get no busy polls from it (they took an engine's share of a core: the large operation on 2
 * embedded engines was 3-7 % slower than SPMD, 0-3 % without them) and long sleeps that the reply ends; MPI replies,
 * which a sleep cannot end early, get sleeps that grow with the wait up to a cap.
 */
class ClientWaitPolicyTest {
    @Test
    void embeddedEnginesSharingTheCoresGetNoBusyPolls() {
        assertEquals(0, ClientChannel.spinLimit(true, 3, 2), "client + 2 engine threads on 2 cores");
        assertEquals(0, ClientChannel.spinLimit(true, 5, 4), "client + 4 engine threads on 4 cores");
        assertEquals(ClientChannel.SPINS, ClientChannel.spinLimit(true, 3, 4), "a core for every thread");
        assertEquals(ClientChannel.SPINS, ClientChannel.spinLimit(false, 3, 2),
                "MPI: the threads count says nothing about the cores of other processes");
    }

    @Test
    void sleepsEndedByTheReplyAreLongOthersGrowWithTheWait() {
        assertEquals(ClientChannel.LATCHED_SLEEP_NANOS, ClientChannel.sleepNanos(true, 0));
        assertEquals(ClientChannel.LATCHED_SLEEP_NANOS, ClientChannel.sleepNanos(true, 5_000_000_000L));
        assertEquals(20_000, ClientChannel.sleepNanos(false, 0), "the shortest sleep");
        assertEquals(3_200_000 / ClientChannel.PARK_FRACTION, ClientChannel.sleepNanos(false, 3_200_000),
                "a fraction of the wait so far");
        assertEquals(ClientChannel.PARK_MAX_NANOS, ClientChannel.sleepNanos(false, 5_000_000_000L), "capped");
    }
}
