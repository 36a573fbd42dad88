package org.jdistarray.array;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.jdistarray.comm.Attributes;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;

/**
 * A test communicator that delegates to another and counts the bytes this rank passes to the point-to-point sends and
 * the all-to-alls (to other ranks; the diagonal of an all-to-all is not a message) and the bytes it receives from
 * them. Its {@link #dup()} (the library's private duplicate) counts into the same counters, so a redistribution run
 * on an array over this communicator is measured where the bytes leave, independently of the library's own figures.
 * The other collectives (checks, agreement) are not counted.
 */
final class CountingCommunicator implements Communicator {
    private final Communicator inner;
    private final AtomicLong sent;
    private final AtomicLong received;
    private final Attributes attributes = new Attributes();
    private final boolean ownsInner;

    /** Counts over {@code inner}, which stays the caller's (not closed with this one). */
    CountingCommunicator(Communicator inner) {
        this(inner, new AtomicLong(), new AtomicLong(), false);
    }

    private CountingCommunicator(Communicator inner, AtomicLong sent, AtomicLong received, boolean ownsInner) {
        this.inner = inner;
        this.sent = sent;
        this.received = received;
        this.ownsInner = ownsInner;
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }

    void reset() {
        sent.set(0);
        received.set(0);
    }

    private static int itemSize(Buffer b) {
        if (b instanceof ByteBuffer) {
            return 1;
        }
        if (b instanceof ShortBuffer) {
            return 2;
        }
        return b instanceof IntBuffer || b instanceof FloatBuffer ? 4 : 8;
    }

    private long others(int[] counts) {
        long n = 0;
        for (int r = 0; r < counts.length; r++) {
            n += r == rank() ? 0 : counts[r];
        }
        return n;
    }

    @Override
    public int rank() {
        return inner.rank();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public void barrier() {
        inner.barrier();
    }

    @Override
    public void broadcast(Buffer buffer, int root) {
        inner.broadcast(buffer, root);
    }

    @Override
    public void allReduce(Buffer send, Buffer recv, ReduceOp op) {
        inner.allReduce(send, recv, op);
    }

    @Override
    public void allReduce(Buffer buffer, ReduceOp op) {
        inner.allReduce(buffer, op);
    }

    @Override
    public void reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        inner.reduce(send, recv, op, root);
    }

    @Override
    public void allGather(Buffer send, Buffer recv) {
        inner.allGather(send, recv);
    }

    @Override
    public void allGatherV(Buffer send, Buffer recv, int[] counts, int[] displs) {
        inner.allGatherV(send, recv, counts, displs);
    }

    @Override
    public void gather(Buffer send, Buffer recv, int root) {
        inner.gather(send, recv, root);
    }

    @Override
    public void gatherV(Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        inner.gatherV(send, recv, counts, displs, root);
    }

    @Override
    public void scatter(Buffer send, Buffer recv, int root) {
        inner.scatter(send, recv, root);
    }

    @Override
    public void scatterV(Buffer send, int[] counts, int[] displs, Buffer recv, int root) {
        inner.scatterV(send, counts, displs, recv, root);
    }

    @Override
    public void allToAll(Buffer send, Buffer recv) {
        inner.allToAll(send, recv);
    }

    @Override
    public void allToAllV(Buffer send, int[] sendCounts, int[] sendDispls, Buffer recv, int[] recvCounts,
            int[] recvDispls) {
        sent.addAndGet(others(sendCounts) * itemSize(send));
        received.addAndGet(others(recvCounts) * itemSize(recv));
        inner.allToAllV(send, sendCounts, sendDispls, recv, recvCounts, recvDispls);
    }

    @Override
    public void send(Buffer buffer, int dest, int tag) {
        sent.addAndGet((long) buffer.remaining() * itemSize(buffer));
        inner.send(buffer, dest, tag);
    }

    @Override
    public Status recv(Buffer buffer, int source, int tag) {
        Status s = inner.recv(buffer, source, tag);
        received.addAndGet((long) s.count() * itemSize(buffer));
        return s;
    }

    @Override
    public Status sendRecv(Buffer send, int dest, int sendTag, Buffer recv, int source, int recvTag) {
        sent.addAndGet((long) send.remaining() * itemSize(send));
        Status s = inner.sendRecv(send, dest, sendTag, recv, source, recvTag);
        received.addAndGet((long) s.count() * itemSize(recv));
        return s;
    }

    @Override
    public Request iSend(Buffer buffer, int dest, int tag) {
        sent.addAndGet((long) buffer.remaining() * itemSize(buffer));
        return inner.iSend(buffer, dest, tag);
    }

    @Override
    public Request iRecv(Buffer buffer, int source, int tag) {
        received.addAndGet((long) buffer.remaining() * itemSize(buffer)); // the library posts exact sizes
        return inner.iRecv(buffer, source, tag);
    }

    @Override
    public Communicator split(int color, int key) {
        Communicator c = inner.split(color, key);
        return c == null ? null : new CountingCommunicator(c, sent, received, true);
    }

    @Override
    public Communicator dup() {
        return new CountingCommunicator(inner.dup(), sent, received, true);
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public void close() {
        attributes.close();
        if (ownsInner) {
            inner.close();
        }
    }
}
