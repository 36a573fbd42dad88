package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.testing.MpiTestContext;
import org.jdistarray.trilinos.BelosConfig;
import org.jdistarray.trilinos.TrilinosSession;
import org.junit.jupiter.api.Test;

/** The Poisson example's solve: converges, second-order error, the solution lands in the array, no leftovers. */
class PoissonTrilinosOnMpi {
    @Test
    void secondOrderAccurate() {
        Communicator comm = MpiTestContext.comm();
        try (TrilinosSession s = TrilinosSession.init(comm)) {
            double previous = Double.NaN;
            for (int n : new int[] {31, 63}) {
                Distribution d = PoissonTrilinos.grid(comm, n);
                BelosConfig c = BelosConfig.cg().withTolerance(1e-10).withPreconditioner(
                        s.hasIfpack2() ? BelosConfig.Preconditioner.RILUK : BelosConfig.Preconditioner.NONE);
                try (DistArray f = PoissonTrilinos.rhs(d); DistArray u = DistArrays.zeros(d, DType.FLOAT64)) {
                    PoissonTrilinos.Result r = PoissonTrilinos.solve(f, u, c);
                    assertTrue(r.solve().converged(), r.describe());
                    assertTrue(r.errorMax() < 2e-3, r.describe());
                    double mid = u.getDouble(n / 2, n / 2);
                    assertEquals(PoissonTrilinos.exact(n / 2, n / 2, n), mid, 2e-3);
                    assertEquals(0, u.borrowCount());
                    if (!Double.isNaN(previous)) {
                        double ratio = previous / r.errorMax();
                        assertTrue(ratio > 3.5 && ratio < 4.5, "error ratio h -> h/2: " + ratio);
                    }
                    previous = r.errorMax();
                }
            }
            assertEquals(0, s.openObjects());
        }
    }
}
