package org.jdistarray.client;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RemoteApiContract} with 1, 2, 3 and 4 embedded engines. */
@Timeout(180)
class RemoteApiEmbeddedTest {
    @Nested
    @ParameterizedClass(name = "{0} engines")
    @ValueSource(ints = {1, 2, 3, 4})
    class Embedded extends RemoteApiContract {
        @Parameter
        int engines;
        Context ctx;

        @BeforeEach
        void open() {
            ctx = Context.embedded(engines);
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
}
