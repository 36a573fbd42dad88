package org.jdistarray.comm.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.MpiException;
import org.jdistarray.comm.Request;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.Test;

/** MPI-only behaviour: errors as exceptions, sessions, request pinning. Runs inside mpirun ranks. */
public class MpiBehaviourOnMpi {

    @Test
    void sendToRank99IsAnMpiExceptionWithTheErrorString() {
        Communicator comm = MpiTestContext.comm();
        MpiException e = assertThrows(MpiException.class, () -> comm.send(DirectBuffers.doubles(1), 99, 0));
        assertEquals("MPI_Send", e.function());
        assertEquals(6, e.errorClass(), "MPI_ERR_RANK");
        assertTrue(e.errorString().toLowerCase(java.util.Locale.ROOT).contains("invalid rank"), e.errorString());
        assertEquals(comm.rank(), e.rank());
        assertTrue(e.getMessage().contains("MPI_Send failed on rank " + comm.rank()), e.getMessage());
        MpiException r = assertThrows(MpiException.class, () -> comm.recv(DirectBuffers.doubles(1), 99, 0));
        assertEquals("MPI_Recv", r.function());
        comm.barrier(); // the communicator still works
    }

    @Test
    void sessionReportsThreadLevelAndVersion() {
        MpiSession s = MpiTestContext.session();
        assertTrue(s.ownsMpi());
        assertEquals(ThreadLevel.SERIALIZED, s.requestedLevel());
        assertTrue(s.providedLevel().compareTo(ThreadLevel.SERIALIZED) >= 0, "provided " + s.providedLevel());
        String expected = s.implementation() == MpiImplementation.MPICH ? "MPICH" : "Open MPI";
        assertTrue(s.libraryVersion().contains(expected), s.libraryVersion());
        assertEquals(MpiImplementation.loaded(), s.implementation());
        String asked = System.getProperty("jdistarray.mpi");
        if (asked != null) {
            assertEquals(MpiImplementation.fromKey(asked), s.implementation(), "the launcher asked for " + asked);
        }
    }

    @Test
    void requireRefusesTheOtherImplementationWithAClearMessage() {
        MpiImplementation mine = MpiTestContext.session().implementation();
        mine.require("this test");
        MpiImplementation other = mine == MpiImplementation.MPICH ? MpiImplementation.OPEN_MPI : MpiImplementation.MPICH;
        CommunicationException e = assertThrows(CommunicationException.class, () -> other.require("the PETSc bridge"));
        assertTrue(e.getMessage().startsWith("the PETSc bridge needs " + other.displayName() + ", but this process uses "
                + mine.displayName()), e.getMessage());
        assertTrue(e.getMessage().contains("-Djdistarray.mpi=" + other.key()), e.getMessage());
    }

    /**
     * The JVM turns SIGSEGV from compiled code into NullPointerExceptions; an MPI (or its transport, such as UCX under
     * MPICH) that replaced the JVM's signal handlers at MPI_Init would crash the rank here instead.
     */
    @Test
    void nullPointerExceptionsInCompiledCodeStillWorkAfterMpiInit() {
        int caught = 0;
        int[][] rows = {null, new int[1]};
        for (int i = 0; i < 200_000; i++) {
            try {
                caught += firstOf(rows[i & 1]) - firstOf(rows[1]);
            } catch (NullPointerException expected) {
                caught++;
            }
        }
        System.gc();
        assertEquals(100_000, caught);
        MpiTestContext.comm().barrier();
    }

    private static int firstOf(int[] row) {
        return row[0];
    }

    @Test
    void nestedSessionJoinsAndDoesNotFinalize() {
        MpiCommunicator w;
        try (MpiSession nested = MpiSession.init(ThreadLevel.MULTIPLE)) {
            assertFalse(nested.ownsMpi());
            w = nested.world();
            w.barrier();
        }
        CommunicationException e = assertThrows(CommunicationException.class, w::barrier);
        assertTrue(e.getMessage().contains("session is closed"), e.getMessage());
        MpiTestContext.comm().barrier(); // the outer session's MPI is still alive
    }

    @Test
    void pendingRequestPinsItsBufferAndBlocksClose() {
        Communicator world = MpiTestContext.comm();
        try (Communicator comm = world.dup()) {
            int me = comm.rank();
            int p = comm.size();
            int n = 1 << 16;
            Request recv = comm.iRecv(DirectBuffers.doubles(n), (me + p - 1) % p, 1); // only the request holds the buffer
            System.gc();
            assertThrows(IllegalStateException.class, comm::close);
            DoubleBuffer out = DirectBuffers.doubles(n);
            out.put(n - 1, me);
            Request send = comm.iSend(out, (me + 1) % p, 1);
            assertEquals(n, recv.await().count());
            send.await();
        }
    }

    @Test
    void splitCommunicatorsAreFreedAndClosedOnesRejected() {
        Communicator world = MpiTestContext.comm();
        Communicator sub = world.split(world.rank() % 2, 0);
        sub.barrier();
        sub.close();
        sub.close();
        assertThrows(IllegalStateException.class, sub::barrier);
    }
}
