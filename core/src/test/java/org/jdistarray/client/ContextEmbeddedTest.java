package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ContextContract} with 1, 2, 3 and 4 embedded engines, and what only the embedded form can test. */
@Timeout(120)
class ContextEmbeddedTest {
    @Nested
    @ParameterizedClass(name = "{0} engines")
    @ValueSource(ints = {1, 2, 3, 4})
    class Embedded extends ContextContract {
        @Parameter
        int engines;
        Context ctx;

        @BeforeEach
        void open() {
            ctx = Context.embedded(engines);
            assertEquals(engines, ctx.engines());
        }

        @Override
        protected void release() {
            ctx.close();
        }

        @Override
        protected Context ctx() {
            return ctx;
        }
    }

    @Test
    void aProxyOfAnotherContextIsRefused() {
        try (Context one = Context.embedded(2); Context two = Context.embedded(1)) {
            RemoteArray a = one.fromArray(new double[] {1, 2, 3}, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.callArray("Np", "add", a, a));
            assertTrue(e.getMessage().contains("another context"), e.getMessage());
            a.close();
        }
    }

    private static void dropAProxy(Context c) {
        RemoteArray garbage = c.fromArray(new double[] {1, 2, 3, 4}, 4);
        assertEquals(4, garbage.size());
    }

    @Test
    void theLeakNetFreesUnreachableProxiesThroughTheClientThread() throws InterruptedException {
        try (Context c = Context.embedded(2)) {
            dropAProxy(c);
            assertEquals(1, c.sync()[0], "the dropped proxy's array is still on the engines");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.leaks() == 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, c.leaks(), "the Cleaner found the unreachable proxy");
            assertEquals(1, c.pendingFrees(), "the GC thread only queued the id");
            int[] counts = c.sync();
            assertEquals(0, c.pendingFrees());
            assertEquals(0, counts[0]);
            assertEquals(0, counts[1]);
        }
    }

    @Test
    void freesAreBatchedIntoTheNextCommand() {
        try (Context c = Context.embedded(3)) {
            RemoteArray[] many = new RemoteArray[300];
            for (int i = 0; i < many.length; i++) {
                many[i] = c.fromArray(new double[] {i}, 1);
            }
            assertEquals(300, c.sync()[2]);
            for (RemoteArray a : many) {
                a.close();
            }
            assertEquals(300, c.pendingFrees(), "closing sends nothing");
            assertEquals(0, c.sync()[2], "one command carried all 300 frees (over the command slot)");
            assertEquals(0, c.leaks());
        }
    }

    @Test
    void aClientThatThrowsInsideTryWithResourcesStopsTheEngines() {
        Context[] held = new Context[1];
        long before = engineThreads();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Context c = Context.embedded(3)) {
                held[0] = c;
                c.fromArray(new double[] {1}, 1);
                throw new IllegalStateException("client failure");
            }
        });
        assertEquals("client failure", e.getMessage());
        assertTrue(held[0].isClosed());
        assertEquals(before, engineThreads(), "the engine threads were joined");
    }

    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("jdistarray-embedded-engines")).count();
    }

    /** Engine 1 throws; the others wait for it in a collective of the engine communicator. */
    public static final EngineFunction DIVERGE = (scope, args) -> {
        if (scope.rank() == 1) {
            throw new IllegalStateException("engine 1 gives up before the collective");
        }
        return org.jdistarray.comm.Collectives.sum(scope.comm(), 1L);
    };

    @Test
    void anEngineFailingWhileTheOthersWaitInACollectiveIsReportedNotAHang() {
        long t0 = System.nanoTime();
        Context c = Context.embedded(3, java.time.Duration.ofSeconds(4)); // engines wait 2 s for the stuck ones
        EngineException e = assertThrows(EngineException.class, () -> c.apply(DIVERGE));
        assertTrue(e.getMessage().contains("engine 1 gives up before the collective"), e.getMessage());
        assertTrue(e.getMessage().contains("engines 0, 2 did not reply within 2.0 s"), e.getMessage());
        assertEquals(1, e.engines().length);
        IllegalStateException broken = assertThrows(IllegalStateException.class, c::sync);
        assertTrue(broken.getMessage().contains("broken"), broken.getMessage());
        try {
            c.close(); // interrupts the stuck engine threads
        } catch (RuntimeException closing) {
            // the engines' own failure (interrupted) may be reported: what matters is that close returns
        }
        assertTrue(c.isClosed());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "bounded, not a hang");
    }

    @Test
    void aClosedContextRefusesCommandsAndCloseIsIdempotent() {
        Context c = Context.embedded(2);
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertThrows(IllegalStateException.class, () -> c.fromArray(new double[] {1}, 1));
    }

    /** Closes its array argument on engine 1 only. */
    public static final EngineFunction CLOSE_ON_ONE = (scope, args) -> {
        if (scope.rank() == 1) {
            ((org.jdistarray.array.DistArray) args[0]).close();
        }
        return null;
    };

    @Test
    void aDeferredCommandFailingOnOneEngineWhileTheOthersWaitIsReportedNotAHang() {
        long t0 = System.nanoTime();
        Context c = Context.embedded(3, java.time.Duration.ofSeconds(4)); // engines wait 2 s for the stuck ones
        RemoteArray a = c.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 6);
        c.apply(CLOSE_ON_ONE, a);
        // thread ranks check every collective call (checking mode): engines 0 and 2 wait in multiply's check
        RemoteArray doomed = a.multiply(2.0);
        assertEquals(6, doomed.size(), "the call returned at once with the predicted proxy");
        EngineException e = assertThrows(EngineException.class, c::sync);
        assertTrue(e.getMessage().contains("array.multiply") && e.getMessage().contains("read later"), e.getMessage());
        assertTrue(e.getMessage().contains("engines 0, 2 did not reply within 2.0 s"), e.getMessage());
        assertTrue(doomed.isClosed(), "the proxy of the failed command is closed");
        IllegalStateException broken = assertThrows(IllegalStateException.class, c::sync);
        assertTrue(broken.getMessage().contains("broken"), broken.getMessage());
        try {
            c.close(); // interrupts the stuck engine threads
        } catch (RuntimeException closing) {
            // the engines' own failure (interrupted) may be reported: what matters is that close returns
        }
        assertTrue(c.isClosed());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "bounded, not a hang");
    }

    @Test
    void closeReadsTheCommandsInFlightAndThrowsTheirFailureAfterStoppingTheEngines() {
        Context c = Context.embedded(2);
        RemoteArray a = c.fromArray(new double[] {1, 2, 3}, 3);
        c.apply(ContextContract.CLOSE_ON_ENGINES, a);
        RemoteArray doomed = a.multiply(2.0);
        RuntimeException e = assertThrows(RuntimeException.class, c::close);
        assertTrue(e.getMessage().contains("array.multiply") && e.getMessage().contains("closed"), e.getMessage());
        assertTrue(c.isClosed() && doomed.isClosed());
        c.close(); // idempotent
    }
}
