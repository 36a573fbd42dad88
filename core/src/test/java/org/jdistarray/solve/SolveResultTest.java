package org.jdistarray.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolveResultTest {

    @Test
    void convergedReasonMirrorsKspCodes() {
        assertEquals(ConvergedReason.CONVERGED_RTOL, ConvergedReason.of(2));
        assertEquals(ConvergedReason.DIVERGED_ITS, ConvergedReason.of(-3));
        assertEquals(ConvergedReason.UNKNOWN, ConvergedReason.of(1234));
        assertTrue(ConvergedReason.CONVERGED_ITS.converged());
        assertTrue(ConvergedReason.DIVERGED_PC_FAILED.diverged());
        assertTrue(!ConvergedReason.UNKNOWN.converged() && !ConvergedReason.UNKNOWN.diverged());
        assertTrue(new SolveResult(ConvergedReason.CONVERGED_ATOL, 3, 1e-9).converged());
    }
}
