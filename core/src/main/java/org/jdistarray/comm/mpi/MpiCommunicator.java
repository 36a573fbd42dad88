package org.jdistarray.comm.mpi;

import java.nio.Buffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdistarray.comm.CallChecks;
import org.jdistarray.comm.Attributes;
import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;
import org.jdistarray.comm.mpi.internal.MpiBinding;

/**
 * A {@link Communicator} on an MPI communicator, calling the MPI C API through JNA direct mapping: buffers are
 * passed by address (no copies), every call's return code is checked ({@code MPI_ERRORS_RETURN} is set) and turned
 * into an {@link org.jdistarray.comm.MpiException}. Get the world communicator from {@link MpiSession#world()}.
 *
 * <p>Mismatched collectives are undefined behaviour, as in MPI (usually a hang or an MPI error); run the same code
 * on {@link org.jdistarray.comm.local.ThreadCommunicator} to have them checked. Use from several threads at once
 * needs {@link ThreadLevel#MULTIPLE}.
 */
public final class MpiCommunicator implements Communicator {
    private final MpiSession session;
    private final MpiBinding mpi;
    private final long handle;
    private final boolean owned;
    private final int rank;
    private final int size;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Attributes attributes = new Attributes();
    private final Set<MpiRequest> pending = ConcurrentHashMap.newKeySet();

    MpiCommunicator(MpiSession session, long handle, boolean owned) {
        this.session = session;
        this.mpi = session.mpiBinding();
        this.handle = handle;
        this.owned = owned;
        if (owned) {
            mpi.setErrorsReturn(handle);
            session.opened(this);
        }
        this.rank = mpi.rank(handle);
        this.size = mpi.size(handle);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void barrier() {
        ensureUsable();
        mpi.barrier(handle);
    }

    @Override
    public void broadcast(Buffer buffer, int root) {
        ElementType t = ElementType.check(buffer, "broadcast");
        CallChecks.rank(root, size, "broadcast root");
        ensureUsable();
        mpi.bcast(buffer, t, root, handle);
    }

    @Override
    public void allReduce(Buffer send, Buffer recv, ReduceOp op) {
        if (send == recv) {
            allReduce(recv, op);
            return;
        }
        ElementType t = ElementType.check(send, "allReduce send");
        CallChecks.sameType(t, recv, "allReduce recv");
        op.checkApplies(t);
        int n = send.remaining();
        CallChecks.room(recv, n, "allReduce recv");
        ensureUsable();
        mpi.allreduce(send, recv, n, t, op, handle);
    }

    @Override
    public void allReduce(Buffer buffer, ReduceOp op) {
        ElementType t = ElementType.check(buffer, "allReduce");
        op.checkApplies(t);
        ensureUsable();
        mpi.allreduce(null, buffer, buffer.remaining(), t, op, handle);
    }

    @Override
    public void reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        ElementType t = ElementType.check(send, "reduce send");
        CallChecks.rank(root, size, "reduce root");
        op.checkApplies(t);
        int n = send.remaining();
        if (rank == root) {
            CallChecks.sameType(t, recv, "reduce recv");
            CallChecks.room(recv, n, "reduce recv");
        }
        ensureUsable();
        boolean inPlace = rank == root && send == recv;
        mpi.reduce(inPlace ? null : send, rank == root ? recv : null, n, t, op, root, handle);
    }

    @Override
    public void allGather(Buffer send, Buffer recv) {
        ElementType t = ElementType.check(send, "allGather send");
        CallChecks.sameType(t, recv, "allGather recv");
        int n = send.remaining();
        CallChecks.room(recv, (long) n * size, "allGather recv");
        ensureUsable();
        mpi.allgather(send, n, recv, t, handle);
    }

    @Override
    public void allGatherV(Buffer send, Buffer recv, int[] counts, int[] displs) {
        ElementType t = ElementType.check(send, "allGatherV send");
        CallChecks.sameType(t, recv, "allGatherV recv");
        CallChecks.layout(counts, displs, recv, size, "allGatherV");
        ensureUsable();
        mpi.allgatherv(send, send.remaining(), recv, counts, displs, t, handle);
    }

    @Override
    public void gather(Buffer send, Buffer recv, int root) {
        ElementType t = ElementType.check(send, "gather send");
        CallChecks.rank(root, size, "gather root");
        int n = send.remaining();
        if (rank == root) {
            CallChecks.sameType(t, recv, "gather recv");
            CallChecks.room(recv, (long) n * size, "gather recv");
        }
        ensureUsable();
        mpi.gather(send, n, rank == root ? recv : null, t, root, handle);
    }

    @Override
    public void gatherV(Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        ElementType t = ElementType.check(send, "gatherV send");
        CallChecks.rank(root, size, "gatherV root");
        if (rank == root) {
            CallChecks.sameType(t, recv, "gatherV recv");
            CallChecks.layout(counts, displs, recv, size, "gatherV");
        }
        ensureUsable();
        boolean isRoot = rank == root;
        mpi.gatherv(send, send.remaining(), isRoot ? recv : null, isRoot ? counts : null, isRoot ? displs : null, t,
                root, handle);
    }

    @Override
    public void scatter(Buffer send, Buffer recv, int root) {
        ElementType t = ElementType.check(recv, "scatter recv");
        CallChecks.rank(root, size, "scatter root");
        int n = recv.remaining();
        if (rank == root) {
            CallChecks.sameType(t, send, "scatter send");
            CallChecks.room(send, (long) n * size, "scatter send");
        }
        ensureUsable();
        mpi.scatter(rank == root ? send : null, recv, n, t, root, handle);
    }

    @Override
    public void scatterV(Buffer send, int[] counts, int[] displs, Buffer recv, int root) {
        ElementType t = ElementType.check(recv, "scatterV recv");
        CallChecks.rank(root, size, "scatterV root");
        boolean isRoot = rank == root;
        if (isRoot) {
            CallChecks.sameType(t, send, "scatterV send");
            CallChecks.layout(counts, displs, send, size, "scatterV");
        }
        ensureUsable();
        mpi.scatterv(isRoot ? send : null, isRoot ? counts : null, isRoot ? displs : null, recv, recv.remaining(), t,
                root, handle);
    }

    @Override
    public void allToAll(Buffer send, Buffer recv) {
        ElementType t = ElementType.check(send, "allToAll send");
        CallChecks.sameType(t, recv, "allToAll recv");
        int n = send.remaining();
        int block = CallChecks.blocks(n, size, "allToAll");
        CallChecks.room(recv, n, "allToAll recv");
        ensureUsable();
        mpi.alltoall(send, recv, block, t, handle);
    }

    @Override
    public void allToAllV(Buffer send, int[] sendCounts, int[] sendDispls, Buffer recv, int[] recvCounts, int[] recvDispls) {
        ElementType t = ElementType.check(send, "allToAllV send");
        CallChecks.sameType(t, recv, "allToAllV recv");
        CallChecks.layout(sendCounts, sendDispls, send, size, "allToAllV send");
        CallChecks.layout(recvCounts, recvDispls, recv, size, "allToAllV recv");
        ensureUsable();
        mpi.alltoallv(send, sendCounts, sendDispls, recv, recvCounts, recvDispls, t, handle);
    }

    @Override
    public void send(Buffer buffer, int dest, int tag) {
        ElementType t = ElementType.check(buffer, "send");
        CallChecks.tag(tag, false);
        ensureUsable();
        mpi.send(buffer, t, dest, tag, handle); // an invalid dest is MPI's to report (MPI_ERR_RANK)
    }

    @Override
    public Status recv(Buffer buffer, int source, int tag) {
        ElementType t = ElementType.check(buffer, "recv");
        CallChecks.tag(tag, true);
        ensureUsable();
        return status(mpi.recv(buffer, t, source, tag, handle));
    }

    @Override
    public Status sendRecv(Buffer send, int dest, int sendTag, Buffer recv, int source, int recvTag) {
        ElementType t = ElementType.check(send, "sendRecv send");
        CallChecks.sameType(t, recv, "sendRecv recv");
        CallChecks.tag(sendTag, false);
        CallChecks.tag(recvTag, true);
        ensureUsable();
        return status(mpi.sendrecv(send, t, dest, sendTag, recv, source, recvTag, handle));
    }

    @Override
    public Request iSend(Buffer buffer, int dest, int tag) {
        ElementType t = ElementType.check(buffer, "iSend");
        CallChecks.tag(tag, false);
        ensureUsable();
        return started(new MpiRequest(this, mpi.isend(buffer, t, dest, tag, handle), t, buffer, true, dest, tag));
    }

    @Override
    public Request iRecv(Buffer buffer, int source, int tag) {
        ElementType t = ElementType.check(buffer, "iRecv");
        CallChecks.tag(tag, true);
        ensureUsable();
        return started(new MpiRequest(this, mpi.irecv(buffer, t, source, tag, handle), t, buffer, false, source, tag));
    }

    @Override
    public Communicator split(int color, int key) {
        if (color < 0 && color != UNDEFINED) {
            throw new IllegalArgumentException("split color " + color + " must be >= 0 or UNDEFINED");
        }
        ensureUsable();
        long h = mpi.split(handle, color, key);
        return h == 0 ? null : new MpiCommunicator(session, h, true);
    }

    @Override
    public Communicator dup() {
        ensureUsable();
        return new MpiCommunicator(session, mpi.dup(handle), true);
    }

    /**
     * <b>Not collective</b>, but ends every process of the job ({@code MPI_Abort}): for a rank that cannot go on and
     * whose peers may be waiting for it. Does not return if MPI honours it.
     */
    public void abort(int errorCode) {
        mpi.abort(handle, errorCode);
    }

    /**
     * <b>Collective</b> for communicators from {@link #split}/{@link #dup} ({@code MPI_Comm_free}); for the world
     * communicator only marks this object closed. Idempotent; a no-op after the session closed.
     *
     * @throws IllegalStateException if non-blocking requests on it are still pending
     */
    @Override
    public void close() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(this + ": " + pending.size() + " request(s) still pending; await them first");
        }
        if (!closed.get() && !session.isClosed()) {
            attributes.close(); // JDistArray's private duplicate first (collective, as MPI_Comm_free)
        }
        if (closed.compareAndSet(false, true) && owned) {
            session.closed(this);
            if (!session.isClosed()) {
                mpi.free(handle);
            }
        }
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    /**
     * <b>Not collective.</b> The native {@code MPI_Comm} handle as a {@code long}, for native bridges (PETSc,
     * Trilinos) that pass it to C: with Open MPI the address of the {@code ompi_communicator_t}, with MPICH the
     * integer handle widened to 64 bits. Not for application code: the handle stays owned by this communicator, is
     * valid only while it is open, and must never be freed by the caller.
     *
     * @throws IllegalStateException  if this communicator is closed
     * @throws CommunicationException if its session is closed
     */
    public long nativeHandle() {
        ensureUsable();
        return handle;
    }

    /**
     * <b>Not collective.</b> This communicator as a communicator of Open MPI's own Java bindings, for code written
     * against them: {@code Intracomm c = comm.toOpenMpi(mpi.Intracomm.class)}. For the world communicator it is
     * {@code MPI.COMM_WORLD} itself; otherwise an {@code mpi.Intracomm} on the same MPI communicator, which stays
     * owned by this communicator (never {@code free()} it; it is valid while this one is open). The bindings'
     * own methods need MPI initialised through them: by the program's {@code MPI.Init}, or by an {@link MpiSession}
     * on the JNI binding ({@link MpiSession#binding()}).
     *
     * @param type {@code mpi.Intracomm.class} (or a supertype such as {@code mpi.Comm.class})
     * @throws CommunicationException if Open MPI's Java bindings are not on the class path or MPI is not Open MPI
     */
    public <T> T toOpenMpi(Class<T> type) {
        ensureUsable();
        if (session.implementation() != MpiImplementation.OPEN_MPI) {
            throw new CommunicationException("Open MPI's Java bindings need Open MPI, this process uses "
                    + session.implementation().displayName());
        }
        return mpi.openMpiComm(handle, type);
    }

    @Override
    public String toString() {
        return "MpiCommunicator[" + (owned ? "derived" : handle == mpi.commWorld() ? "world" : "wrapped") + ", rank " + rank + " of " + size + "]";
    }

    MpiBinding binding() {
        return mpi;
    }

    void ensureUsable() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        session.ensureActive();
    }

    void completed(MpiRequest r) {
        pending.remove(r);
    }

    private Request started(MpiRequest r) {
        pending.add(r);
        return r;
    }

    private static Status status(int[] s) {
        if (s[2] < 0) {
            throw new CommunicationException("MPI_Get_count returned " + s[2]);
        }
        return new Status(s[0], s[1], s[2]);
    }
}
