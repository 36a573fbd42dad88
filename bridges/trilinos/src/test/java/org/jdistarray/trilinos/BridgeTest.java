package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.trilinos.internal.Tpetra;
import org.junit.jupiter.api.Test;

/** In-process checks that need no MPI job: configuration, exceptions, refusals, and the shim without a session. */
class BridgeTest {
    @Test
    void configDefaultsAndValidation() {
        BelosConfig c = BelosConfig.cg();
        assertEquals(BelosConfig.Method.CG, c.method());
        assertEquals(BelosConfig.Preconditioner.NONE, c.preconditioner());
        BelosConfig g = BelosConfig.gmres().withGmresRestart(50).withPreconditioner(BelosConfig.Preconditioner.ILUT)
                .withTolerance(1e-6).withMaxIterations(100);
        assertEquals(new BelosConfig(BelosConfig.Method.GMRES, BelosConfig.Preconditioner.ILUT, 1e-6, 100, 50), g);
        assertThrows(IllegalArgumentException.class, () -> c.withTolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> c.withGmresRestart(0));
        assertThrows(NullPointerException.class, () -> c.withPreconditioner(null));
    }

    @Test
    void exceptionCarriesTheShimReport() {
        TrilinosException e = new TrilinosException("jdist_tpetra_solver_create", 1, " unknown solver 'X' ", 3);
        assertEquals("jdist_tpetra_solver_create failed on rank 3 with error 1 (ARGUMENT): unknown solver 'X'",
                e.getMessage());
        assertEquals(TrilinosException.Kind.ARGUMENT, e.kind());
        assertEquals("unknown solver 'X'", e.shimMessage());
        assertEquals(3, e.rank());
        assertEquals(TrilinosException.Kind.UNKNOWN, new TrilinosException("f", 77, null, 0).kind());
        assertTrue(e instanceof NativeLibraryException);
    }

    @Test
    void nothingWithoutASession() {
        assertThrows(IllegalStateException.class, () -> TpetraMap.contiguous(null, 1));
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            assertThrows(IllegalArgumentException.class, () -> TrilinosSession.init(solo));
        }
    }

    @Test
    @EnabledIfTpetraShim
    void shimLoadsWithoutMpi() {
        assertTrue(Tpetra.version().startsWith("Trilinos 13"), Tpetra.version());
        int[] sizes = Tpetra.typeSizes();
        assertEquals(4, sizes[0]);
        assertEquals(8, sizes[1]);
        assertTrue(TrilinosSession.isAvailable());
        // calls that need a session fail with the shim's state error and message, not a crash
        TrilinosException e = assertThrows(TrilinosException.class, () -> Tpetra.mapContiguous(1, 1, 1));
        assertEquals(TrilinosException.Kind.STATE, e.kind());
        assertTrue(e.shimMessage().contains("not initialised"), e.getMessage());
        TrilinosException nul = assertThrows(TrilinosException.class, () -> Tpetra.mvNorm2(0, 1));
        assertEquals(TrilinosException.Kind.ARGUMENT, nul.kind());
        assertTrue(nul.shimMessage().contains("NULL"), nul.getMessage());
    }
}
