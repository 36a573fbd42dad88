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

    @Test
    void aClosedContextRefusesCommandsAndCloseIsIdempotent() {
        Context c = Context.embedded(2);
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertThrows(IllegalStateException.class, () -> c.fromArray(new double[] {1}, 1));
    }
}
