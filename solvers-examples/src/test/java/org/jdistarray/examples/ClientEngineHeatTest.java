package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.client.Context;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClientEngineHeat}'s explicit steps on 1, 2, 3 embedded engines: the field after the steps equals the SPMD
 * {@link HeatEquation}'s on as many thread ranks bit for bit, and the exact discrete solution; nothing is left on the
 * engines.
 */
class ClientEngineHeatTest {
    @ParameterizedTest(name = "{0} engines")
    @ValueSource(ints = {1, 2, 3})
    void explicitStepsEqualTheSpmdRunBitForBit(int engines) {
        int n = 13; // 13 rows over 2 or 3 engines: uneven blocks
        int steps = 25;
        double[][] field = new double[1][];
        ClientEngineHeat.Result r;
        try (Context ctx = Context.embedded(engines)) {
            r = ClientEngineHeat.run(ctx, n, steps, 0, field);
            for (int c : ctx.sync()) {
                assertEquals(0, c, "objects left on the engines");
            }
            assertEquals(0, ctx.leaks());
        }
        double[][] spmd = new double[1][];
        LocalCluster.run(engines, Duration.ofSeconds(60), comm -> {
            double[][] mine = new double[1][];
            HeatEquation.run(comm, n, steps, 0, mine);
            if (comm.rank() == 0) {
                spmd[0] = mine[0];
            }
        });
        assertEquals(n * n, field[0].length);
        assertArrayEquals(spmd[0], field[0], 0.0); // bit for bit (a delta of 0 also tells -0.0 from 0.0 apart)
        assertEquals(engines, r.engines());
        assertEquals(steps, r.steps());
        assertEquals(0, r.implicitSteps());
        assertTrue(r.maxError() < 1e-13, "error " + r.maxError());
        double decayed = Math.pow(1 - 0.2 / Math.pow(n + 1, 2) * HeatEquation.lambda(n), steps);
        double centre = Math.sin(Math.PI * 7 / (n + 1)) * Math.sin(Math.PI * 7 / (n + 1));
        assertEquals(decayed * centre, field[0][6 * n + 6], 1e-13); // and the field really decayed
    }

    @ParameterizedTest(name = "{0} engines")
    @ValueSource(ints = {1, 2})
    void implicitStepsOnThreadEnginesFailClearlyAndLeaveNothing(int engines) {
        try (Context ctx = Context.embedded(engines)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ClientEngineHeat.run(ctx, 6, 4, 2));
            assertTrue(String.valueOf(e.getMessage()).contains("heat_implicit"), e.getMessage());
            for (int c : ctx.sync()) {
                assertEquals(0, c, "objects left on the engines");
            }
        }
        try (Context ctx = Context.embedded(engines)) {
            assertThrows(IllegalArgumentException.class, () -> ClientEngineHeat.run(ctx, 0, 4, 0));
        }
    }
}
