package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.List;

import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.sparse.CsrRows;
import org.junit.jupiter.api.Test;

/** In-process tests that need neither MPI nor PETSc. */
class PetscOptionsTest {

    @Test
    void rawTokensPairNamesWithValuesAndKeepNegativeNumbers() {
        PetscOptions o = PetscOptions.raw("-ksp_monitor", "-ksp_rtol 1e-10", "-pc_type", "gamg", "-x_shift", "-1.5");
        assertEquals(List.of("-ksp_monitor", "-ksp_rtol", "1e-10", "-pc_type", "gamg", "-x_shift", "-1.5"), o.tokens());
        assertThrows(IllegalArgumentException.class, () -> PetscOptions.raw("gamg"));
    }

    @Test
    void typedBuilderWritesPetscNames() {
        PetscOptions o = PetscOptions.builder().kspType(KspType.CG).pcType(PcType.JACOBI).kspMaxIterations(50)
                .kspRelativeTolerance(1e-8).kspMonitor().raw("-ksp_view").build();
        String s = o.toString();
        assertTrue(s.startsWith("-ksp_type cg -pc_type jacobi -ksp_max_it 50 -ksp_rtol 1.0000000"), s);
        assertTrue(s.endsWith("-ksp_monitor -ksp_view"), s);
        assertThrows(IllegalArgumentException.class, () -> PetscOptions.builder().kspRelativeTolerance(-1));
        assertEquals("-a -b 2", PetscOptions.raw("-a").with(PetscOptions.raw("-b 2")).toString());
    }

    @Test
    void errorCodesMirrorPetscerrorH() {
        assertEquals(PetscError.ARG_UNKNOWN_TYPE, PetscError.of(86));
        assertEquals(PetscError.ARG_WRONGSTATE, PetscError.of(73));
        assertEquals(PetscError.UNKNOWN, PetscError.of(12345));
        PetscException e = new PetscException("KSPSetType", 86, "Unknown type", " Unknown KSP type nosuch ", 1, null);
        assertEquals(PetscError.ARG_UNKNOWN_TYPE, e.error());
        assertEquals("Unknown KSP type nosuch", e.specificMessage());
        assertTrue(e.getMessage().startsWith("KSPSetType failed on rank 1 with PETSc error 86 (ARG_UNKNOWN_TYPE)"),
                e.getMessage());
    }

    @Test
    void petscObjectsNeedAnOpenSessionAndAnMpiCommunicator() {
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            DoubleBuffer b = DirectBuffers.doubles(4);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PetscVec.wrap(solo, b, 4));
            assertTrue(e.getMessage().contains("no PetscSession"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PetscSession.init(solo));
        }
    }

    @Test
    void diagonalCountsSplitColumnsAtTheLocalColumnBlock() {
        CsrRows rows = new CsrRows(2, new int[] {0, 3, 5}, new long[] {1, 2, 3, 3, 9}, new double[5]);
        int[][] c = PetscMat.diagonalCounts(rows, 2, 4);
        assertEquals(List.of(2, 1), List.of(c[0][0], c[0][1]));
        assertEquals(List.of(1, 1), List.of(c[1][0], c[1][1]));
    }
}
