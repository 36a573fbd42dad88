package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.comm.Communicator;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.Test;

/**
 * Deliberately bad calls on real MPI ranks: every one must end as a Java exception on every rank, never a JVM crash,
 * an abort or a rank that sleeps and exits (PETSc's default error handler on ranks other than 0).
 */
public class PetscErrorsOnMpi {

    private static Communicator comm() {
        return MpiTestContext.comm();
    }

    @Test
    void unknownKspTypeIsAPetscExceptionWithCodeMessageAndRankOnEveryRank() {
        Communicator comm = comm();
        try (PetscSession petsc = PetscSession.init(comm); Ksp ksp = Ksp.create(comm)) {
            PetscException e = assertThrows(PetscException.class, () -> ksp.type("nosuchsolver"));
            assertEquals(PetscError.ARG_UNKNOWN_TYPE, e.error());
            assertEquals(86, e.code());
            assertEquals("KSPSetType", e.function());
            assertEquals(comm.rank(), e.rank());
            assertTrue(e.petscMessage().contains("Unknown type"), e.petscMessage());
            assertTrue(e.specificMessage().contains("nosuchsolver"), e.specificMessage());
            PetscException pc = assertThrows(PetscException.class, () -> ksp.preconditioner("nosuchpc"));
            assertEquals(PetscError.ARG_UNKNOWN_TYPE, pc.error());
            ksp.type(KspType.CG); // still usable
            comm.barrier(); // every rank is alive
        }
    }

    @Test
    void inconsistentMatrixRowsFailOnEveryRank() {
        Communicator comm = comm();
        try (PetscSession petsc = PetscSession.init(comm)) {
            int r = comm.rank();
            // every rank claims to start at row 0: wrong as soon as there are two ranks
            CsrRows rows = new CsrRows(0, new int[] {0, 1}, new long[] {r}, new double[] {1});
            if (comm.size() > 1) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> PetscMat.fromCsr(comm, rows, 1, comm.size()));
                assertTrue(e.getMessage().contains("rank by rank"), e.getMessage());
            }
            // a column out of range on the last rank only: every rank throws
            CsrRows bad = new CsrRows(r, new int[] {0, 1}, new long[] {r == comm.size() - 1 ? comm.size() : r},
                    new double[] {1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PetscMat.fromCsr(comm, bad, 1, comm.size()));
            // the failing rank throws its own exception, the others one naming it (CollectiveErrors)
            assertTrue(e.getMessage().contains("outside [0, " + comm.size() + ")"), e.getMessage());
            assertTrue(r == comm.size() - 1 || e.getMessage().contains("rank " + (comm.size() - 1) + " failed"),
                    e.getMessage());
            // local columns that do not add up
            CsrRows ok = new CsrRows(r, new int[] {0, 1}, new long[] {r}, new double[] {1});
            assertThrows(IllegalArgumentException.class, () -> PetscMat.fromCsr(comm, ok, 2, comm.size()));
            assertThrows(IllegalArgumentException.class,
                    () -> PetscMat.shell(comm, 2, 2, 2L * comm.size() + 1, 2L * comm.size(), (x, y) -> { }));
            assertEquals(0, petsc.openObjects());
        }
    }

    @Test
    void objectsOfAClosedSessionThrowAndLeftOpenObjectsAreReported() {
        Communicator comm = comm();
        PetscVec v;
        PetscSession petsc = PetscSession.init(comm);
        v = PetscVec.create(comm, 3, 3L * comm.size());
        var e = assertThrows(org.jdistarray.nativelib.NativeLibraryException.class, petsc::close);
        assertTrue(e.getMessage().contains("1 object(s) were still open"), e.getMessage());
        assertTrue(v.isClosed());
        IllegalStateException closed = assertThrows(IllegalStateException.class, v::norm);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        v.close(); // idempotent, no PETSc call
        petsc.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> PetscVec.create(comm, 3, 3L * comm.size()));
    }

    @Test
    void oneSessionAtATime() {
        Communicator comm = comm();
        try (PetscSession petsc = PetscSession.init(comm)) {
            assertThrows(IllegalStateException.class, () -> PetscSession.init(comm));
            assertTrue(petsc.version().contains("3.18"), petsc.version());
            assertTrue(!petsc.ownsMpi());
        }
    }

    @Test
    void garbageCollectedObjectsAreLeaksDestroyedCollectively() throws InterruptedException {
        Communicator comm = comm();
        try (PetscSession petsc = PetscSession.init(comm)) {
            for (int i = 0; i < 3; i++) {
                PetscVec.create(comm, 5, 5L * comm.size()); // never closed
            }
            for (int i = 0; i < 50 && petsc.leakedObjects() < 3; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(3, petsc.leakedObjects(), "the Cleaner reported the unclosed vectors");
            assertEquals(0, petsc.openObjects());
            petsc.collectGarbage(); // collective PetscGarbageCleanup on this thread
        }
    }
}
