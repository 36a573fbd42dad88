package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.Communicator;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.Test;

/** The README's program on every rank: CG converges and u(1/2, 1/2) is the discrete solution's (PETSc's too). */
class ReadmeOnMpi {
    @Test
    void readmeProgramSolvesThePoissonProblem() {
        Communicator comm = MpiTestContext.comm();
        Object[] out = ReadmeExample.run(comm);
        SolveResult r = (SolveResult) out[0];
        assertTrue(r.converged(), r.toString());
        assertEquals(ConvergedReason.CONVERGED_RTOL, r.reason());
        // the 5-point discrete solution at element (32, 32), by NumPy (eigh of the 1-D Laplacian, the 2-D one's
        // inverse in its eigenbasis): 0.07362803979200512; CG to rtol 1e-8 is that to about 1e-8 relative
        assertEquals(0.07362803979200512, (double) out[1], 1e-8, "u(1/2, 1/2)");
    }
}
