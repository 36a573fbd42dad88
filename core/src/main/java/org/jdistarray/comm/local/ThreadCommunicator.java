package org.jdistarray.comm.local;

import java.nio.Buffer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdistarray.comm.Attributes;
import org.jdistarray.comm.CallChecks;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;
import org.jdistarray.comm.local.CollectiveCall.Kind;

/**
 * N ranks as N threads of one JVM: the embedded default communicator, and the one the fast tests run on. Get one
 * per rank thread from {@link LocalCluster#run}, or a one-rank communicator from {@link #solo()}.
 *
 * <p>Collectives move data as bulk buffer copies straight from the sender's buffer into the receiver's (no boxing,
 * no intermediate copies except for in-place operations). Unlike MPI, it checks that every rank's call matches: a
 * mismatched collective (operation, type, count, root, reduction) or a missing one (a rank left or failed) throws a
 * {@link org.jdistarray.comm.CommunicationException} on every rank naming the ranks and calls, and every wait is
 * bounded by the cluster timeout. A rank's communicator must be used by one thread at a time.
 */
public final class ThreadCommunicator implements Communicator {
    private final LocalGroup group;
    private final int rank;
    private final int worldRank;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Attributes attributes = new Attributes();
    private long sequence;
    private Buffer scratch;

    ThreadCommunicator(LocalGroup group, int rank, int worldRank) {
        this.group = group;
        this.rank = rank;
        this.worldRank = worldRank;
        group.cluster.opened(worldRank, this);
    }

    /** <b>Not collective.</b> A communicator of one rank, the calling thread. Caller should close it. */
    public static ThreadCommunicator solo() {
        Cluster cluster = new Cluster(1, LocalCluster.DEFAULT_TIMEOUT);
        return new ThreadCommunicator(new LocalGroup("solo", 1, cluster), 0, 0);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return group.size;
    }

    @Override
    public void barrier() {
        group.enter(rank, call(Kind.BARRIER, null));
    }

    @Override
    public void broadcast(Buffer buffer, int root) {
        ElementType t = ElementType.check(buffer, "broadcast");
        checkRank(root, "broadcast root");
        CollectiveCall c = call(Kind.BROADCAST, t);
        c.root = root;
        post(c, buffer);
        CollectiveCall[] all = group.enter(rank, c);
        if (rank != root) {
            Kernels.copy(t, all[root].send, all[root].sendIndex, buffer, buffer.position(), c.sendCount);
        }
        group.complete(rank, c);
    }

    @Override
    public void allReduce(Buffer send, Buffer recv, ReduceOp op) {
        if (send == recv) {
            allReduce(recv, op);
            return;
        }
        ElementType t = ElementType.check(send, "allReduce send");
        checkSame(t, recv, "allReduce recv");
        reduceInto(Kind.ALLREDUCE, t, send, recv, op, -1);
    }

    @Override
    public void allReduce(Buffer buffer, ReduceOp op) {
        ElementType t = ElementType.check(buffer, "allReduce");
        reduceInto(Kind.ALLREDUCE, t, inPlaceCopy(t, buffer), buffer, op, -1);
    }

    @Override
    public void reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        ElementType t = ElementType.check(send, "reduce send");
        checkRank(root, "reduce root");
        if (rank == root) {
            checkSame(t, recv, "reduce recv");
            if (send == recv) {
                send = inPlaceCopy(t, recv);
            }
        }
        reduceInto(Kind.REDUCE, t, send, rank == root ? recv : null, op, root);
    }

    private void reduceInto(Kind kind, ElementType t, Buffer send, Buffer recv, ReduceOp op, int root) {
        op.checkApplies(t);
        int n = send.remaining();
        if (recv != null) {
            checkRoom(recv, n, kind + " recv");
        }
        CollectiveCall c = call(kind, t);
        c.op = op;
        c.root = root;
        post(c, send);
        CollectiveCall[] all = group.enter(rank, c);
        if (recv != null) {
            int ri = recv.position();
            Kernels.copy(t, all[0].send, all[0].sendIndex, recv, ri, n);
            for (int r = 1; r < all.length; r++) {
                Kernels.combine(t, op, all[r].send, all[r].sendIndex, recv, ri, n);
            }
        }
        group.complete(rank, c);
    }

    @Override
    public void allGather(Buffer send, Buffer recv) {
        ElementType t = ElementType.check(send, "allGather send");
        checkSame(t, recv, "allGather recv");
        gatherInto(Kind.ALLGATHER, t, send, recv, null, null, -1);
    }

    @Override
    public void allGatherV(Buffer send, Buffer recv, int[] counts, int[] displs) {
        ElementType t = ElementType.check(send, "allGatherV send");
        checkSame(t, recv, "allGatherV recv");
        checkLayout(counts, displs, recv, "allGatherV");
        gatherInto(Kind.ALLGATHERV, t, send, recv, counts, displs, -1);
    }

    @Override
    public void gather(Buffer send, Buffer recv, int root) {
        ElementType t = ElementType.check(send, "gather send");
        checkRank(root, "gather root");
        if (rank == root) {
            checkSame(t, recv, "gather recv");
        }
        gatherInto(Kind.GATHER, t, send, rank == root ? recv : null, null, null, root);
    }

    @Override
    public void gatherV(Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        ElementType t = ElementType.check(send, "gatherV send");
        checkRank(root, "gatherV root");
        if (rank == root) {
            checkSame(t, recv, "gatherV recv");
            checkLayout(counts, displs, recv, "gatherV");
        }
        gatherInto(Kind.GATHERV, t, send, rank == root ? recv : null, counts, displs, root);
    }

    private void gatherInto(Kind kind, ElementType t, Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        int n = send.remaining();
        if (recv != null && counts == null) {
            checkRoom(recv, (long) n * size(), kind.label + " recv");
        }
        CollectiveCall c = call(kind, t);
        c.root = root;
        post(c, send);
        if (counts != null && recv != null) {
            c.counts = counts.clone();
            c.displs = displs.clone();
        }
        CollectiveCall[] all = group.enter(rank, c);
        if (recv != null) {
            int ri = recv.position();
            for (int r = 0; r < all.length; r++) {
                int at = counts == null ? r * n : displs[r];
                Kernels.copy(t, all[r].send, all[r].sendIndex, recv, ri + at, all[r].sendCount);
            }
        }
        group.complete(rank, c);
    }

    @Override
    public void scatter(Buffer send, Buffer recv, int root) {
        ElementType t = ElementType.check(recv, "scatter recv");
        checkRank(root, "scatter root");
        int n = recv.remaining();
        if (rank == root) {
            checkSame(t, send, "scatter send");
            checkRoom(send, (long) n * size(), "scatter send");
        }
        scatterFrom(Kind.SCATTER, t, send, recv, null, null, root);
    }

    @Override
    public void scatterV(Buffer send, int[] counts, int[] displs, Buffer recv, int root) {
        ElementType t = ElementType.check(recv, "scatterV recv");
        checkRank(root, "scatterV root");
        if (rank == root) {
            checkSame(t, send, "scatterV send");
            checkLayout(counts, displs, send, "scatterV");
        }
        scatterFrom(Kind.SCATTERV, t, send, recv, counts, displs, root);
    }

    private void scatterFrom(Kind kind, ElementType t, Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        CollectiveCall c = call(kind, t);
        c.root = root;
        c.recvCount = recv.remaining();
        if (rank == root) {
            post(c, send);
            if (counts != null) {
                c.counts = counts.clone();
                c.displs = displs.clone();
            }
        }
        CollectiveCall[] all = group.enter(rank, c);
        CollectiveCall r = all[root];
        int at = r.counts == null ? rank * c.recvCount : r.displs[rank];
        Kernels.copy(t, r.send, r.sendIndex + at, recv, recv.position(), c.recvCount);
        group.complete(rank, c);
    }

    @Override
    public void allToAll(Buffer send, Buffer recv) {
        ElementType t = ElementType.check(send, "allToAll send");
        checkSame(t, recv, "allToAll recv");
        int n = send.remaining();
        int block = CallChecks.blocks(n, size(), "allToAll");
        checkRoom(recv, n, "allToAll recv");
        CollectiveCall c = call(Kind.ALLTOALL, t);
        post(c, send);
        CollectiveCall[] all = group.enter(rank, c);
        int ri = recv.position();
        for (int j = 0; j < all.length; j++) {
            Kernels.copy(t, all[j].send, all[j].sendIndex + rank * block, recv, ri + j * block, block);
        }
        group.complete(rank, c);
    }

    @Override
    public void allToAllV(Buffer send, int[] sendCounts, int[] sendDispls, Buffer recv, int[] recvCounts, int[] recvDispls) {
        ElementType t = ElementType.check(send, "allToAllV send");
        checkSame(t, recv, "allToAllV recv");
        checkLayout(sendCounts, sendDispls, send, "allToAllV send");
        checkLayout(recvCounts, recvDispls, recv, "allToAllV recv");
        CollectiveCall c = call(Kind.ALLTOALLV, t);
        post(c, send);
        c.counts = sendCounts.clone();
        c.displs = sendDispls.clone();
        c.recvCounts = recvCounts.clone();
        c.recvDispls = recvDispls.clone();
        long total = 0;
        for (int k : sendCounts) {
            total += k;
        }
        c.sendCount = (int) total;
        CollectiveCall[] all = group.enter(rank, c);
        int ri = recv.position();
        for (int j = 0; j < all.length; j++) {
            CollectiveCall s = all[j];
            Kernels.copy(t, s.send, s.sendIndex + s.displs[rank], recv, ri + c.recvDispls[j], s.counts[rank]);
        }
        group.complete(rank, c);
    }

    @Override
    public void send(Buffer buffer, int dest, int tag) {
        iSend(buffer, dest, tag).await();
    }

    @Override
    public Status recv(Buffer buffer, int source, int tag) {
        return iRecv(buffer, source, tag).await();
    }

    @Override
    public Status sendRecv(Buffer send, int dest, int sendTag, Buffer recv, int source, int recvTag) {
        Request r = iRecv(recv, source, recvTag);
        Request s = iSend(send, dest, sendTag);
        s.await();
        return r.await();
    }

    @Override
    public Request iSend(Buffer buffer, int dest, int tag) {
        ElementType t = ElementType.check(buffer, "send");
        ensureOpen();
        checkRank(dest, "send dest");
        checkTag(tag, false);
        int n = buffer.remaining();
        LocalRequest req = new LocalRequest(group, rank, true, dest, tag, t, buffer);
        Mailbox.Envelope e = new Mailbox.Envelope(rank, dest, tag, t, n);
        boolean eager = (long) n * t.size() <= Mailbox.EAGER_BYTES;
        if (eager) {
            e.eager = Kernels.toArray(t, buffer, buffer.position(), n);
        } else {
            e.buffer = buffer;
            e.index = buffer.position();
            e.sendRequest = req;
        }
        LocalRequest match = group.mailboxes[dest].offer(e);
        if (match != null) {
            Mailbox.deliver(e, match, group.name);
        }
        if (eager && !req.test()) {
            req.complete(new Status(dest, tag, n));
        }
        return req;
    }

    @Override
    public Request iRecv(Buffer buffer, int source, int tag) {
        ElementType t = ElementType.check(buffer, "recv");
        ensureOpen();
        if (source != ANY_SOURCE) {
            checkRank(source, "recv source");
        }
        checkTag(tag, true);
        LocalRequest req = new LocalRequest(group, rank, false, source, tag, t, buffer);
        Mailbox.Envelope e = group.mailboxes[rank].claim(req);
        if (e != null) {
            Mailbox.deliver(e, req, group.name);
        }
        return req;
    }

    @Override
    public Communicator split(int color, int key) {
        if (color < 0 && color != UNDEFINED) {
            throw new IllegalArgumentException("split color " + color + " must be >= 0 or UNDEFINED");
        }
        CollectiveCall c = call(Kind.SPLIT, null);
        c.color = color;
        c.key = key;
        group.enter(rank, c);
        return c.resultGroup == null ? null : new ThreadCommunicator(c.resultGroup, c.resultRank, worldRank);
    }

    @Override
    public Communicator dup() {
        CollectiveCall c = call(Kind.DUP, null);
        group.enter(rank, c);
        return new ThreadCommunicator(c.resultGroup, c.resultRank, worldRank);
    }

    /**
     * <b>Collective.</b> This rank leaves the communicator; a collective that other ranks call on it afterwards fails
     * naming this rank. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                attributes.close();
            } finally {
                group.leave(rank, sequence + 1);
            }
        }
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "ThreadCommunicator[" + group.name + ", rank " + rank + " of " + group.size + "]";
    }

    private CollectiveCall call(Kind kind, ElementType t) {
        ensureOpen();
        CollectiveCall c = new CollectiveCall(kind, ++sequence);
        c.type = t;
        return c;
    }

    private static void post(CollectiveCall c, Buffer send) {
        c.send = send;
        c.sendIndex = send.position();
        c.sendCount = send.remaining();
    }

    /** A copy of {@code buffer}'s remaining elements in this rank's scratch, which peers read during the collective. */
    private Buffer inPlaceCopy(ElementType t, Buffer buffer) {
        int n = buffer.remaining();
        if (scratch == null || ElementType.of(scratch) != t || scratch.capacity() < n) {
            scratch = t.allocate(Math.max(n, 16));
        }
        scratch.clear(); // an earlier, smaller call left its limit behind
        Kernels.copy(t, buffer, buffer.position(), scratch, 0, n);
        return scratch.limit(n).position(0);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void checkRank(int r, String what) {
        CallChecks.rank(r, group.size, what);
    }

    private static void checkTag(int tag, boolean anyAllowed) {
        CallChecks.tag(tag, anyAllowed);
    }

    private static void checkSame(ElementType t, Buffer other, String what) {
        CallChecks.sameType(t, other, what);
    }

    private static void checkRoom(Buffer b, long n, String what) {
        CallChecks.room(b, n, what);
    }

    private void checkLayout(int[] counts, int[] displs, Buffer b, String what) {
        CallChecks.layout(counts, displs, b, group.size, what);
    }
}
