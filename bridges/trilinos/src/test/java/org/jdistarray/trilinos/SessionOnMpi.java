package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.Test;

/** Session lifecycle: one at a time, again after close, objects left open, use after close, the comm check. */
class SessionOnMpi {
    @Test
    void lifecycle() {
        Communicator comm = MpiTestContext.comm();
        TrilinosSession s = TrilinosSession.init(comm);
        assertTrue(s.version().startsWith("Trilinos 13"), s.version());
        assertThrows(IllegalStateException.class, () -> TrilinosSession.init(comm));
        TpetraMap left = TpetraMap.contiguous(comm, 4);
        TpetraVector v = TpetraVector.create(left);
        assertEquals(2, s.openObjects());
        NativeLibraryException e = assertThrows(NativeLibraryException.class, s::close);
        assertTrue(e.getMessage().contains("2 object(s)") && e.getMessage().contains("TpetraVector"), e.getMessage());
        assertTrue(s.isClosed());
        s.close(); // idempotent
        assertTrue(v.isClosed() && left.isClosed());
        assertThrows(IllegalStateException.class, () -> TpetraMap.contiguous(comm, 1)); // no session
        try (TrilinosSession again = TrilinosSession.init(comm); TpetraMap m = TpetraMap.contiguous(comm, 2)) {
            assertFalse(again.isClosed());
            assertEquals(2L * comm.size(), m.globalSize());
        }
    }

    @Test
    void leakNetCountsAndDestroysOnTheSessionThread() throws InterruptedException {
        Communicator comm = MpiTestContext.comm();
        try (TrilinosSession s = TrilinosSession.init(comm); TpetraMap map = TpetraMap.contiguous(comm, 10)) {
            TpetraVector.create(map); // never closed: unreachable at once
            for (int i = 0; i < 200 && s.leakedObjects() == 0; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertEquals(1, s.leakedObjects(), "the Cleaner found the unclosed vector");
            assertEquals(1, s.openObjects()); // only the map
            try (TpetraVector v = TpetraVector.create(map)) { // creating drains the leaked handle on this thread
                assertEquals(2, s.openObjects());
            }
        }
    }

    @Test
    void threadCommunicatorsAreRefused() {
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            assertThrows(IllegalArgumentException.class, () -> TrilinosSession.init(solo));
        }
    }
}
