package org.jdistarray.comm.mpi;

import java.nio.Buffer;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;

/**
 * A pending {@code MPI_Isend}/{@code MPI_Irecv}. Pins its buffer: the communicator holds this request, and the request
 * holds the buffer, until MPI reports completion, so the buffer's memory cannot be freed while MPI uses it.
 */
final class MpiRequest implements Request {
    private final MpiCommunicator comm;
    private final long handle;
    private final ElementType type;
    private final boolean send;
    private final int peer;
    private final int tag;
    private final int count;
    private Buffer pinned;
    private Status status;

    MpiRequest(MpiCommunicator comm, long handle, ElementType type, Buffer buffer, boolean send, int peer, int tag) {
        this.comm = comm;
        this.handle = handle;
        this.type = type;
        this.pinned = buffer;
        this.send = send;
        this.peer = peer;
        this.tag = tag;
        this.count = buffer.remaining();
    }

    @Override
    public synchronized Status await() {
        if (status == null) {
            comm.ensureUsable();
            finish(comm.binding().await(handle, type));
        }
        return status;
    }

    @Override
    public synchronized boolean test() {
        if (status == null) {
            comm.ensureUsable();
            int[] s = comm.binding().test(handle, type);
            if (s != null) {
                finish(s);
            }
        }
        return status != null;
    }

    private void finish(int[] s) {
        status = send ? new Status(peer, tag, count) : new Status(s[0], s[1], s[2]);
        pinned = null;
        comm.completed(this);
    }
}
