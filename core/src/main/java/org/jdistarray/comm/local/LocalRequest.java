package org.jdistarray.comm.local;

import java.nio.Buffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;

/**
 * A send or receive of a thread communicator. Holds (pins) its buffer until it completes. Waiting polls the group
 * so that a failed cluster, a peer that left or a timeout ends the wait instead of hanging.
 */
final class LocalRequest implements Request {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    final LocalGroup group;
    final int rank;
    final boolean send;
    final int peer;
    final int tag;
    final ElementType type;
    final int index;
    final int capacity;
    private volatile Buffer buffer;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Status status;
    private volatile CommunicationException error;

    LocalRequest(LocalGroup group, int rank, boolean send, int peer, int tag, ElementType type, Buffer buffer) {
        this.group = group;
        this.rank = rank;
        this.send = send;
        this.peer = peer;
        this.tag = tag;
        this.type = type;
        this.buffer = buffer;
        this.index = buffer.position();
        this.capacity = buffer.remaining();
    }

    Buffer buffer() {
        return buffer;
    }

    boolean matches(int source, int msgTag) {
        return Mailbox.matches(peer, tag, source, msgTag);
    }

    void complete(Status s) {
        status = s;
        buffer = null; // unpin
        done.countDown();
    }

    void fail(CommunicationException e) {
        error = e;
        buffer = null;
        done.countDown();
    }

    @Override
    public boolean test() {
        return done.getCount() == 0;
    }

    @Override
    public boolean wakesOnCompletion() {
        return true;
    }

    /** Wakes as soon as the transfer completes (the latch), not at the end of the wait. */
    @Override
    public boolean test(long maxWaitNanos) {
        if (maxWaitNanos > 0) {
            long start = System.nanoTime();
            LocalCluster.spinWhile(() -> done.getCount() != 0 && System.nanoTime() - start < maxWaitNanos);
        }
        try {
            return done.await(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return test();
        }
    }

    @Override
    public Status await() {
        long deadline = System.nanoTime() + group.cluster.timeoutNanos;
        LocalCluster.spinWhile(() -> done.getCount() != 0);
        try {
            while (!done.await(POLL_NANOS, TimeUnit.NANOSECONDS)) {
                String why = group.brokenReason();
                if (why != null) {
                    throw failure(why);
                }
                if (peerGone() && done.getCount() != 0) {
                    throw failure(peer == Communicator.ANY_SOURCE ? "every other rank left the communicator"
                            : "rank " + peer + " left the communicator without a matching " + (send ? "receive" : "send"));
                }
                if (System.nanoTime() - deadline > 0) {
                    String msg = "timeout after " + group.cluster.timeoutText() + " in " + describe() + " on rank " + rank;
                    group.abort(msg);
                    throw failure("timeout after " + group.cluster.timeoutText());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String why = group.brokenReason();
            throw failure("interrupted" + (why == null ? "" : ": " + why));
        }
        CommunicationException e = error;
        if (e != null) {
            throw new CommunicationException("rank " + rank + ": " + describe() + ": " + e.getMessage(), e);
        }
        return status;
    }

    private boolean peerGone() {
        if (peer != Communicator.ANY_SOURCE) {
            return group.hasLeft(peer);
        }
        for (int r = 0; r < group.size; r++) {
            if (r != rank && !group.hasLeft(r)) {
                return false;
            }
        }
        return group.size > 1 || group.hasLeft(rank);
    }

    private CommunicationException failure(String why) {
        return new CommunicationException("rank " + rank + ": " + describe() + " on " + group.name + " failed: " + why);
    }

    private String describe() {
        String p = peer == Communicator.ANY_SOURCE ? "ANY" : String.valueOf(peer);
        String t = tag == Communicator.ANY_TAG ? "ANY" : String.valueOf(tag);
        return send ? "send(" + type + " x" + capacity + ", dest=" + p + ", tag=" + t + ")"
                : "recv(" + type + " x" + capacity + ", source=" + p + ", tag=" + t + ")";
    }
}
