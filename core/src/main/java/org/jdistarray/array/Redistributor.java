package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.util.List;

import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.Request;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.dist.Redistribution.Box;
import org.jdistarray.protocol.DType;

/**
 * Executes a {@link Redistribution} on local blocks: the local moves as strided copies, then per round one
 * all-to-all with displacements on the library's private communicator, packing each peer's share of its stream with
 * the kernel layer (or sending from / receiving into the block itself when the plan says the stream is one
 * contiguous range and the block is one buffer); or, for ghost plans and sparse plans
 * ({@link Redistribution#exchangesWithNeighbours}), non-blocking point-to-point messages with the peers only. The ghost
 * exchange ({@link DistArray#exchangeGhosts()}) is this with a ghost plan.
 */
final class Redistributor {
    /** Per thread (one rank): bytes sent to other ranks, received from them, buffer bytes, of the last run. */
    static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[3]);
    /** The tag of a neighbourhood exchange's messages ({@link Redistribution#exchangesWithNeighbours}). */
    static final int TAG = 31_000;
    private static final java.util.Map<Redistribution, Kept> KEPT = new java.util.WeakHashMap<>();
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** Receives a sub-box of a box. */
    @FunctionalInterface
    private interface BoxSink {
        void accept(long offset, long[] counts, long[] strides);
    }

    private Redistributor() {
    }

    /** <b>Collective.</b> Moves {@code src} (laid out as the plan's source) into {@code dst} (its target). */
    static void run(Redistribution plan, Storage src, Storage dst, Communicator lib) {
        long[] stats = LAST.get();
        java.util.Arrays.fill(stats, 0);
        int item = src.dtype().itemSize();
        if (plan.reusesBuffers() && plan.rounds(item) <= 1) {
            prepared(plan, src, dst, lib).run(src, dst, lib, stats);
            return;
        }
        int p = lib.size();
        int me = lib.rank();
        List<Box> ls = plan.localSourceBoxes();
        List<Box> ld = plan.localTargetBoxes();
        for (int i = 0; i < ls.size(); i++) {
            Box a = ls.get(i);
            Box b = ld.get(i);
            StridedCopy.copy(src, layout(a, src), dst, layout(b, dst));
        }
        int rounds = plan.rounds(item);
        if (rounds == 0) {
            return;
        }
        boolean neighbours = plan.exchangesWithNeighbours();
        @SuppressWarnings("unchecked")
        List<Box>[] sends = new List[p];
        @SuppressWarnings("unchecked")
        List<Box>[] recvs = new List[p];
        long[] sn = new long[p];
        long[] rn = new long[p];
        long[] sStart = new long[p];
        long[] rStart = new long[p];
        boolean sendIn = plan.sendsInPlace(me) && src.chunkCount() == 1;
        boolean recvIn = plan.receivesInPlace(me) && dst.chunkCount() == 1;
        long sendCap = 0;
        long recvCap = 0;
        for (int q = 0; q < p; q++) {
            sends[q] = plan.sendBoxes(q);
            recvs[q] = plan.recvBoxes(q);
            sn[q] = plan.elements(me, q);
            rn[q] = plan.elements(q, me);
            if (q == me) {
                sn[q] = 0;
                rn[q] = 0;
            }
            sStart[q] = Redistribution.rangeStart(sends[q]);
            rStart[q] = Redistribution.rangeStart(recvs[q]);
            sendCap += ceilDiv(sn[q], rounds) * item;
            recvCap += ceilDiv(rn[q], rounds) * item;
        }
        Storage[] kept = plan.reusesBuffers() ? kept(plan, sendIn ? 0 : sendCap, recvIn ? 0 : recvCap) : null;
        Storage sendBuf = sendIn ? null : kept != null ? kept[0] : allocate(sendCap);
        Storage recvBuf = null;
        try {
            recvBuf = recvIn ? null : kept != null ? kept[1] : allocate(recvCap);
            stats[2] = (sendIn ? 0 : sendCap) + (recvIn ? 0 : recvCap);
            ByteBuffer sb = sendIn ? src.chunkOf(0) : sendBuf.chunkOf(0);
            ByteBuffer rb = recvIn ? dst.chunkOf(0) : recvBuf.chunkOf(0);
            int[] sc = new int[p];
            int[] sd = new int[p];
            int[] rc = new int[p];
            int[] rd = new int[p];
            for (int r = 0; r < rounds; r++) {
                int pos = 0;
                for (int q = 0; q < p; q++) {
                    long lo = share(sn[q], r, rounds);
                    long hi = share(sn[q], r + 1, rounds);
                    sc[q] = (int) ((hi - lo) * item);
                    if (sendIn) {
                        sd[q] = (int) ((sStart[q] + lo) * item);
                    } else {
                        sd[q] = pos;
                        pack(src, sends[q], lo, hi, sb, pos);
                        pos += sc[q];
                    }
                    stats[0] += sc[q];
                }
                pos = 0;
                for (int q = 0; q < p; q++) {
                    long lo = share(rn[q], r, rounds);
                    long hi = share(rn[q], r + 1, rounds);
                    rc[q] = (int) ((hi - lo) * item);
                    rd[q] = recvIn ? (int) ((rStart[q] + lo) * item) : pos;
                    pos += recvIn ? 0 : rc[q];
                    stats[1] += rc[q];
                }
                if (neighbours) {
                    exchangeWithPeers(lib, me, sb, sc, sd, rb, rc, rd);
                } else {
                    lib.allToAllV(sb, sc, sd, rb, rc, rd);
                }
                if (!recvIn) {
                    for (int q = 0; q < p; q++) {
                        unpack(rb, rd[q], dst, recvs[q], share(rn[q], r, rounds), share(rn[q], r + 1, rounds));
                    }
                }
            }
        } finally {
            if (kept == null && sendBuf != null) {
                sendBuf.free();
            }
            if (kept == null && recvBuf != null) {
                recvBuf.free();
            }
        }
    }

    /**
     * One round as a neighbourhood exchange: non-blocking receives from and sends to the peers with a non-empty share
     * only (tag {@link #TAG} on the private communicator; rounds are sequential and complete before the next, and MPI
     * keeps the order of messages between two ranks, so shares never cross).
     */
    private static void exchangeWithPeers(Communicator lib, int me, ByteBuffer sb, int[] sc, int[] sd, ByteBuffer rb,
            int[] rc, int[] rd) {
        int p = sc.length;
        int n = 0;
        for (int q = 0; q < p; q++) {
            n += (q != me && rc[q] > 0 ? 1 : 0) + (q != me && sc[q] > 0 ? 1 : 0);
        }
        if (n == 0) {
            return;
        }
        Request[] pending = new Request[n];
        int k = 0;
        for (int q = 0; q < p; q++) {
            if (q != me && rc[q] > 0) {
                pending[k++] = lib.iRecv(rb.slice(rd[q], rc[q]), q, TAG);
            }
        }
        for (int q = 0; q < p; q++) {
            if (q != me && sc[q] > 0) {
                pending[k++] = lib.iSend(sb.slice(sd[q], sc[q]), q, TAG);
            }
        }
        Request.awaitAll(pending);
    }

    /**
     * A one-round plan of kept buffers, worked out once for one pair of block storages (a time-stepping loop runs the
     * same plan on the same array every step): the strided layouts of every local move, pack and unpack, the counts and
     * displacements, and the per-peer views of the kept buffers. A run is then the copies and the messages only, with
     * no per-call box walking or allocation beyond the requests. Rebuilt when the storages' shape of memory changes.
     */
    private static final class Prepared {
        final int item;
        final int rounds;
        final long srcCapacity;
        final long dstCapacity;
        final int srcChunks;
        final int dstChunks;
        final StridedLayout[] localFrom;
        final StridedLayout[] localTo;
        final boolean neighbours;
        final boolean sendIn;
        final boolean recvIn;
        final int[] sendCounts;
        final int[] sendDispls;
        final int[] recvCounts;
        final int[] recvDispls;
        /** Per peer: the pack layouts (send) and unpack layouts (receive), in stream order; empty for none. */
        final StridedLayout[][] packs;
        final StridedLayout[][] unpacks;
        final ByteBuffer sendView;
        final ByteBuffer recvView;
        /**
         * Per peer with a share, for the neighbourhood exchange: the kept buffers' slices (null where the block itself
         * is sent from or received into: its slices are taken at each run, since the plan serves many arrays).
         */
        final ByteBuffer[] sendSlices;
        final ByteBuffer[] recvSlices;
        final int me;
        final int messages;
        final long sentBytes;
        final long receivedBytes;
        final long bufferBytes;

        Prepared(Redistribution plan, Storage src, Storage dst, Communicator lib) {
            item = src.dtype().itemSize();
            rounds = plan.rounds(item);
            int p = lib.size();
            me = lib.rank();
            srcCapacity = src.elementCount();
            dstCapacity = dst.elementCount();
            srcChunks = src.chunkCount();
            dstChunks = dst.chunkCount();
            List<Box> ls = plan.localSourceBoxes();
            List<Box> ld = plan.localTargetBoxes();
            localFrom = new StridedLayout[ls.size()];
            localTo = new StridedLayout[ls.size()];
            for (int i = 0; i < ls.size(); i++) {
                localFrom[i] = layout(ls.get(i), src);
                localTo[i] = layout(ld.get(i), dst);
            }
            neighbours = plan.exchangesWithNeighbours();
            sendIn = plan.sendsInPlace(me) && srcChunks == 1;
            recvIn = plan.receivesInPlace(me) && dstChunks == 1;
            sendCounts = new int[p];
            sendDispls = new int[p];
            recvCounts = new int[p];
            recvDispls = new int[p];
            packs = new StridedLayout[p][];
            unpacks = new StridedLayout[p][];
            long sendCap = 0;
            long recvCap = 0;
            long sent = 0;
            long received = 0;
            for (int q = 0; q < p; q++) {
                long sn = q == me ? 0 : plan.elements(me, q);
                long rn = q == me ? 0 : plan.elements(q, me);
                List<Box> sends = plan.sendBoxes(q);
                List<Box> recvs = plan.recvBoxes(q);
                sendCounts[q] = Math.toIntExact(sn * item);
                recvCounts[q] = Math.toIntExact(rn * item);
                sendDispls[q] = Math.toIntExact(sendIn ? Redistribution.rangeStart(sends) * item : sendCap);
                recvDispls[q] = Math.toIntExact(recvIn ? Redistribution.rangeStart(recvs) * item : recvCap);
                packs[q] = sendIn ? new StridedLayout[0] : layouts(sends, sn, src);
                unpacks[q] = recvIn ? new StridedLayout[0] : layouts(recvs, rn, dst);
                sendCap += sendCounts[q];
                recvCap += recvCounts[q];
                sent += sendCounts[q];
                received += recvCounts[q];
            }
            sentBytes = sent;
            receivedBytes = received;
            bufferBytes = (sendIn ? 0 : sendCap) + (recvIn ? 0 : recvCap);
            Storage[] kept = rounds == 0 ? null : kept(plan, sendIn ? 0 : sendCap, recvIn ? 0 : recvCap);
            sendView = sendIn || kept == null ? null : kept[0].chunkOf(0);
            recvView = recvIn || kept == null ? null : kept[1].chunkOf(0);
            sendSlices = new ByteBuffer[p];
            recvSlices = new ByteBuffer[p];
            int n = 0;
            for (int q = 0; q < p && rounds > 0; q++) {
                if (q != me && recvCounts[q] > 0) {
                    recvSlices[q] = recvIn ? null : recvView.slice(recvDispls[q], recvCounts[q]);
                    n++;
                }
                if (q != me && sendCounts[q] > 0) {
                    sendSlices[q] = sendIn ? null : sendView.slice(sendDispls[q], sendCounts[q]);
                    n++;
                }
            }
            messages = n;
        }

        boolean fits(Storage src, Storage dst) {
            return src.dtype().itemSize() == item && src.elementCount() == srcCapacity
                    && dst.elementCount() == dstCapacity && src.chunkCount() == srcChunks
                    && dst.chunkCount() == dstChunks;
        }

        void run(Storage src, Storage dst, Communicator lib, long[] stats) {
            for (int i = 0; i < localFrom.length; i++) {
                StridedCopy.copy(src, localFrom[i], dst, localTo[i]);
            }
            if (rounds == 0) {
                return;
            }
            stats[0] = sentBytes;
            stats[1] = receivedBytes;
            stats[2] = bufferBytes;
            int p = packs.length;
            if (!sendIn) {
                for (int q = 0; q < p; q++) {
                    int at = sendDispls[q];
                    for (StridedLayout l : packs[q]) {
                        StridedCopy.pack(src, l, sendView, at);
                        at += (int) (l.elementCount() * item);
                    }
                }
            }
            if (neighbours) {
                if (messages > 0) {
                    Request[] pending = new Request[messages];
                    int k = 0;
                    ByteBuffer rb = recvIn ? dst.chunkOf(0) : null;
                    ByteBuffer sb = sendIn ? src.chunkOf(0) : null;
                    for (int q = 0; q < p; q++) {
                        if (q != me && recvCounts[q] > 0) {
                            pending[k++] = lib.iRecv(recvIn ? rb.slice(recvDispls[q], recvCounts[q]) : recvSlices[q],
                                    q, TAG);
                        }
                    }
                    for (int q = 0; q < p; q++) {
                        if (q != me && sendCounts[q] > 0) {
                            pending[k++] = lib.iSend(sendIn ? sb.slice(sendDispls[q], sendCounts[q]) : sendSlices[q],
                                    q, TAG);
                        }
                    }
                    Request.awaitAll(pending);
                }
            } else {
                lib.allToAllV(sendIn ? src.chunkOf(0) : sendView, sendCounts, sendDispls,
                        recvIn ? dst.chunkOf(0) : recvView, recvCounts, recvDispls);
            }
            if (!recvIn) {
                for (int q = 0; q < p; q++) {
                    int at = recvDispls[q];
                    for (StridedLayout l : unpacks[q]) {
                        StridedCopy.unpack(recvView, at, dst, l);
                        at += (int) (l.elementCount() * item);
                    }
                }
            }
        }

        /** The strided layouts covering the first {@code n} elements of a stream of boxes, in order. */
        private static StridedLayout[] layouts(List<Box> stream, long n, Storage st) {
            List<StridedLayout> out = new java.util.ArrayList<>();
            walk(stream, 0, n, (off, counts, strides) -> out.add(rows(counts, off, strides, st.elementCount())));
            return out.toArray(new StridedLayout[0]);
        }
    }

    /** The prepared form of a one-round plan with kept buffers for these storages (made at the first run). */
    private static Prepared prepared(Redistribution plan, Storage src, Storage dst, Communicator lib) {
        Kept k = entry(plan);
        Prepared pr = k.prepared;
        if (pr == null || !pr.fits(src, dst)) {
            pr = new Prepared(plan, src, dst, lib);
            k.prepared = pr;
        }
        return pr;
    }

    /** The entry of kept state for {@code plan}, made at its first use; the cleaner frees it with the plan. */
    private static Kept entry(Redistribution plan) {
        synchronized (KEPT) {
            Kept k = KEPT.get(plan);
            if (k == null) {
                k = new Kept();
                KEPT.put(plan, k);
                CLEANER.register(plan, k);
            }
            return k;
        }
    }

    private static Storage allocate(long bytes) {
        return Storage.allocate(DType.UINT8, bytes, false, NativeMemory.DEFAULT_CHUNK_SHIFT);
    }

    /** The buffers a plan keeps; freed (closed, not leaked) by {@link #CLEANER} once the plan is unreachable. */
    private static final class Kept implements Runnable {
        private Storage send;
        private Storage recv;
        /** The prepared one-round form over these buffers; dropped with them. */
        private volatile Prepared prepared;

        @Override
        public synchronized void run() {
            if (send != null) {
                send.free();
                recv.free();
                send = null;
                recv = null;
            }
            prepared = null;
        }
    }

    /**
     * The buffers kept for {@code plan} (send, receive), allocated at the first run. The map holds the plan weakly;
     * when the plan is unreachable, the cleaner frees them.
     */
    private static Storage[] kept(Redistribution plan, long sendBytes, long recvBytes) {
        Kept k = entry(plan);
        synchronized (k) {
            if (k.send == null || k.send.byteSize() != sendBytes || k.recv.byteSize() != recvBytes) {
                k.run();
                k.send = allocate(sendBytes);
                k.recv = allocate(recvBytes);
            }
            return new Storage[] {k.send, k.recv};
        }
    }

    /** <b>Not collective.</b> Frees the buffers kept for {@code plan} now (they would be at its collection). */
    static void release(Redistribution plan) {
        Kept k;
        synchronized (KEPT) {
            k = KEPT.remove(plan);
        }
        if (k != null) {
            k.run();
        }
    }

    private static long share(long n, int r, int rounds) {
        if (rounds == 1) {
            return r == 0 ? 0 : n;
        }
        // n < 2^62 and r <= rounds < 2^31: the product fits 128 bits, computed exactly
        return java.math.BigInteger.valueOf(n).multiply(java.math.BigInteger.valueOf(r))
                .divide(java.math.BigInteger.valueOf(rounds)).longValueExact();
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    private static StridedLayout layout(Box b, Storage st) {
        return rows(b.counts(), b.offset(), b.strides(), st.elementCount());
    }

    /**
     * The box as a strided layout without its axes of count 1 (and with at least one axis), so that a column face
     * ({@code [n, 1]}) is one strided row of {@code n} elements rather than {@code n} rows of one: the kernels' cost
     * is per row.
     */
    static StridedLayout rows(long[] counts, long offset, long[] strides, long capacity) {
        int keep = 0;
        for (long c : counts) {
            keep += c != 1 ? 1 : 0;
        }
        if (keep == counts.length && keep > 0) {
            return StridedLayout.of(counts, offset, strides, capacity);
        }
        long[] c = new long[Math.max(1, keep)];
        long[] st = new long[c.length];
        c[0] = 1;
        st[0] = 1;
        int k = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                c[k] = counts[i];
                st[k] = strides[i];
                k++;
            }
        }
        return StridedLayout.of(c, offset, st, capacity);
    }

    /** Packs elements {@code [lo, hi)} of a stream of boxes into {@code buf} from byte {@code pos}. */
    private static void pack(Storage st, List<Box> stream, long lo, long hi, ByteBuffer buf, int pos) {
        int item = st.dtype().itemSize();
        int[] at = {pos};
        walk(stream, lo, hi, (off, counts, strides) -> {
            StridedLayout l = rows(counts, off, strides, st.elementCount());
            StridedCopy.pack(st, l, buf, at[0]);
            at[0] += (int) (l.elementCount() * item);
        });
    }

    /** Unpacks elements {@code [lo, hi)} of a stream from {@code buf} at byte {@code pos} into the boxes. */
    private static void unpack(ByteBuffer buf, int pos, Storage st, List<Box> stream, long lo, long hi) {
        int item = st.dtype().itemSize();
        int[] at = {pos};
        walk(stream, lo, hi, (off, counts, strides) -> {
            StridedLayout l = rows(counts, off, strides, st.elementCount());
            StridedCopy.unpack(buf, at[0], st, l);
            at[0] += (int) (l.elementCount() * item);
        });
    }

    /** Visits the sub-boxes covering elements {@code [lo, hi)} of the concatenated boxes, in order. */
    private static void walk(List<Box> stream, long lo, long hi, BoxSink sink) {
        long e = 0;
        for (Box b : stream) {
            long n = b.elementCount();
            long a = Math.max(lo, e);
            long z = Math.min(hi, e + n);
            if (a == e && z == e + n) {
                sink.accept(b.offset(), b.counts(), b.strides());
            } else if (a < z) {
                if (b.counts().length == 0) {
                    sink.accept(b.offset(), b.counts(), b.strides());
                } else {
                    range(b, 0, b.offset(), a - e, z - e, sink);
                }
            }
            e += n;
            if (e >= hi) {
                return;
            }
        }
    }

    /** Elements {@code [a, b)} of the sub-box of axes {@code k..} at element offset {@code base}, as sub-boxes. */
    private static void range(Box box, int k, long base, long a, long b, BoxSink sink) {
        if (a >= b) {
            return;
        }
        long[] c = box.counts();
        long[] s = box.strides();
        int n = c.length;
        long inner = 1;
        for (int i = k + 1; i < n; i++) {
            inner *= c[i];
        }
        long ia = a / inner;
        long ib = b / inner;
        long ra = a % inner;
        long rb = b % inner;
        if (ia == ib) {
            range(box, k + 1, base + ia * s[k], ra, rb, sink);
            return;
        }
        if (ra != 0) {
            range(box, k + 1, base + ia * s[k], ra, inner, sink);
            ia++;
        }
        if (ib > ia) {
            long[] counts = java.util.Arrays.copyOfRange(c, k, n);
            counts[0] = ib - ia;
            sink.accept(base + ia * s[k], counts, java.util.Arrays.copyOfRange(s, k, n));
        }
        if (rb != 0) {
            range(box, k + 1, base + ib * s[k], 0, rb, sink);
        }
    }
}
