package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.client.Context;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.ops.Np;
import org.jdistarray.random.RandomArrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ClientEnginePi} on 1-4 embedded engines equals the same computation in SPMD mode, and is near pi. */
class ClientEnginePiTest {
    @ParameterizedTest(name = "{0} engines")
    @ValueSource(ints = {1, 2, 3, 4})
    void estimateEqualsSpmdAndPi(int engines) {
        long n = 200_001;
        double pi;
        try (Context ctx = Context.embedded(engines)) {
            pi = ClientEnginePi.estimate(ctx, n, 11);
            for (int c : ctx.sync()) {
                assertEquals(0, c, "objects left on the engines");
            }
        }
        List<Double> spmd = LocalCluster.call(engines, Duration.ofSeconds(60), comm -> {
            Distribution d = Distribution.builder(comm).shape(n).build();
            try (DistArray x = RandomArrays.rand(d, 11); DistArray y = RandomArrays.rand(d, 12);
                 DistArray x2 = x.multiply(x); DistArray y2 = y.multiply(y); DistArray r2 = x2.add(y2);
                 DistArray in = r2.lessEqual(1.0); DistArray count = Np.countNonzero(in)) {
                return 4.0 * count.itemLong() / n;
            }
        });
        assertEquals(spmd.get(0), pi, 0.0);
        assertEquals(Math.PI, pi, 0.02);
    }
}
