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
        assertEquals(6, e.errorCode(), "MPI_ERR_RANK");
        assertTrue(e.errorString().contains("invalid rank"), e.errorString());
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
        assertTrue(s.libraryVersion().contains("Open MPI"), s.libraryVersion());
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
