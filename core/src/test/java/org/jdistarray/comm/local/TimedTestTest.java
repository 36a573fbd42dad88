package org.jdistarray.comm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import java.time.Duration;

import org.jdistarray.comm.Request;
import org.jdistarray.comm.DirectBuffers;
import org.junit.jupiter.api.Test;

/**
 * {@link Request#test(long)} on thread ranks: false after the wait when nothing arrives (no exception for a slow
 * peer), true once the message arrives, and the wait ends when it arrives rather than at its end (the client-engine
 * wait relies on it: a 60 s wait that returned only at its end would fail the test's 30 s timeout).
 */
class TimedTestTest {
    @Test
    void waitsAtMostTheTimeAndEndsWhenTheMessageArrives() {
        LocalCluster.run(2, Duration.ofSeconds(30), comm -> {
            IntBuffer b = DirectBuffers.ints(1);
            if (comm.rank() == 1) {
                Request r = comm.iRecv(b, 0, 7);
                assertTrue(r.wakesOnCompletion(), "a thread rank's timed test ends when the transfer completes");
                assertFalse(r.test(1_000_000L), "nothing was sent yet");
                comm.barrier(); // rank 0 sends after this
                assertTrue(r.test(60_000_000_000L), "the message arrived");
                assertEquals(42, b.get(0));
            } else {
                comm.barrier();
                Thread.sleep(50);
                comm.send(DirectBuffers.of(42), 1, 7);
            }
        });
    }
}
