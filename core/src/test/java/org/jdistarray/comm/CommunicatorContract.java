package org.jdistarray.comm;

import static org.jdistarray.comm.ContractData.contribution;
import static org.jdistarray.comm.ContractData.expected;
import static org.jdistarray.comm.ContractData.filled;
import static org.jdistarray.comm.ContractData.get;
import static org.jdistarray.comm.ContractData.put;
import static org.jdistarray.comm.ContractData.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Communicator} must have. Subclasses say how to run SPMD code on every rank: in-process on
 * {@code ThreadCommunicator} for several sizes, or under {@code mpirun} on {@code MpiCommunicator}. Every test is
 * written for any number of ranks, including 1 and 7, and asserts on every rank.
 */
public abstract class CommunicatorContract {

    /** SPMD code for one rank. */
    @FunctionalInterface
    public interface Spmd {
        void run(Communicator comm) throws Exception;
    }

    /** Runs {@code task} on every rank of the communicator under test and fails if any rank fails. */
    protected abstract void onRanks(Spmd task) throws Exception;

    @Test
    void rankAndSizeAreConsistent() throws Exception {
        onRanks(comm -> {
            assertTrue(comm.size() >= 1);
            assertTrue(comm.rank() >= 0 && comm.rank() < comm.size());
            long[] ranks = Collectives.allGather(comm, (long) comm.rank());
            for (int r = 0; r < comm.size(); r++) {
                assertEquals(r, ranks[r]);
            }
        });
    }

    @Test
    void barrierRepeatedly() throws Exception {
        onRanks(comm -> {
            for (int i = 0; i < 50; i++) {
                comm.barrier();
            }
        });
    }

    @Test
    void broadcastEveryTypeFromEveryRoot() throws Exception {
        onRanks(comm -> {
            for (ElementType t : ElementType.values()) {
                for (int root = 0; root < comm.size(); root++) {
                    Buffer b = comm.rank() == root ? filled(t, 5, root, 0) : t.allocate(5);
                    comm.broadcast(b, root);
                    for (int i = 0; i < 5; i++) {
                        assertEquals(value(root, i), get(b, i), t + " root " + root);
                    }
                }
            }
        });
    }

    @Test
    void allReduceEveryTypeAndOperation() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (ElementType t : ElementType.values()) {
                for (ReduceOp op : ReduceOp.values()) {
                    if ((op == ReduceOp.LAND || op == ReduceOp.LOR) && !t.isInteger()) {
                        assertThrows(IllegalArgumentException.class, () -> comm.allReduce(t.allocate(1), op));
                        continue;
                    }
                    int n = 4;
                    Buffer send = t.allocate(n);
                    for (int i = 0; i < n; i++) {
                        put(send, i, contribution(op, comm.rank(), i));
                    }
                    Buffer recv = t.allocate(n);
                    comm.allReduce(send, recv, op);
                    Buffer inPlace = t.allocate(n);
                    for (int i = 0; i < n; i++) {
                        put(inPlace, i, get(send, i));
                    }
                    comm.allReduce(inPlace, op);
                    for (int i = 0; i < n; i++) {
                        double want = expected(op, p, i);
                        assertEquals(want, get(recv, i), t + " " + op + " element " + i);
                        assertEquals(want, get(inPlace, i), t + " " + op + " in place, element " + i);
                        assertEquals(contribution(op, comm.rank(), i), get(send, i), "send buffer unchanged");
                    }
                }
            }
        });
    }

    @Test
    void inPlaceAllReduceGrowsAfterSmallerOnes() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (int n : new int[] {1, 11, 3, 40}) {
                LongBuffer b = DirectBuffers.longs(n);
                for (int i = 0; i < n; i++) {
                    b.put(i, comm.rank() + i);
                }
                comm.allReduce(b, ReduceOp.SUM);
                for (int i = 0; i < n; i++) {
                    assertEquals((long) p * (p - 1) / 2 + (long) p * i, b.get(i), "n=" + n + " element " + i);
                }
            }
        });
    }

    @Test
    void reduceToEveryRoot() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (int root = 0; root < p; root++) {
                DoubleBuffer send = DirectBuffers.of(comm.rank(), 1.0, -comm.rank());
                DoubleBuffer recv = comm.rank() == root ? DirectBuffers.doubles(3) : null;
                comm.reduce(send, recv, ReduceOp.SUM, root);
                if (comm.rank() == root) {
                    assertEquals(p * (p - 1) / 2.0, recv.get(0));
                    assertEquals(p, recv.get(1));
                    assertEquals(-p * (p - 1) / 2.0, recv.get(2));
                }
                LongBuffer l = DirectBuffers.of((long) comm.rank() + 1);
                LongBuffer lr = DirectBuffers.longs(1);
                comm.reduce(l, lr, ReduceOp.MAX, root);
                if (comm.rank() == root) {
                    assertEquals(p, lr.get(0));
                }
            }
        });
    }

    @Test
    void maxAndMinWithLocation() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int r = comm.rank();
            // element 0: max on the last rank; element 1: tie on all ranks -> smallest location
            DoubleBuffer v = DirectBuffers.of(r, 5.0);
            LongBuffer loc = DirectBuffers.of(100L + r, 200L + r);
            comm.allReduceMaxLoc(v, loc);
            assertEquals(p - 1, v.get(0));
            assertEquals(100L + p - 1, loc.get(0));
            assertEquals(5.0, v.get(1));
            assertEquals(200L, loc.get(1));
            Collectives.ValueLocation min = Collectives.minLoc(comm, 10.0 - r, r);
            assertEquals(new Collectives.ValueLocation(11.0 - p, p - 1), min);
            Collectives.ValueLocation max = Collectives.maxLoc(comm, r % 2, r);
            assertEquals(p > 1 ? 1.0 : 0.0, max.value());
            assertEquals(p > 1 ? 1L : 0L, max.location());
        });
    }

    @Test
    void allGatherAndAllGatherV() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (ElementType t : ElementType.values()) {
                Buffer send = filled(t, 3, comm.rank(), 0);
                Buffer recv = t.allocate(3 * p);
                comm.allGather(send, recv);
                for (int r = 0; r < p; r++) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals(value(r, i), get(recv, 3 * r + i), t.toString());
                    }
                }
            }
            // V: rank r sends r+1 elements, placed in reverse rank order with a gap of one
            int[] counts = new int[p];
            int[] displs = new int[p];
            int at = 0;
            for (int r = p - 1; r >= 0; r--) {
                counts[r] = r + 1;
                displs[r] = at;
                at += r + 2;
            }
            DoubleBuffer recv = DirectBuffers.doubles(at);
            comm.allGatherV(filled(ElementType.DOUBLE, comm.rank() + 1, comm.rank(), 0), recv, counts, displs);
            for (int r = 0; r < p; r++) {
                for (int i = 0; i <= r; i++) {
                    assertEquals(value(r, i), recv.get(displs[r] + i));
                }
                assertEquals(0.0, recv.get(displs[r] + r + 1), "gap stays untouched");
            }
        });
    }

    @Test
    void gatherAndGatherV() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int root = p - 1;
            IntBuffer recv = comm.rank() == root ? DirectBuffers.ints(2 * p) : null;
            comm.gather(DirectBuffers.of(comm.rank(), -comm.rank()), recv, root);
            if (comm.rank() == root) {
                for (int r = 0; r < p; r++) {
                    assertEquals(r, recv.get(2 * r));
                    assertEquals(-r, recv.get(2 * r + 1));
                }
            }
            int[] counts = new int[p];
            int[] displs = new int[p];
            for (int r = 0; r < p; r++) {
                counts[r] = r % 3;
                displs[r] = 3 * (p - 1 - r);
            }
            LongBuffer send = DirectBuffers.longs(comm.rank() % 3);
            for (int i = 0; i < send.capacity(); i++) {
                send.put(i, 1000L * comm.rank() + i);
            }
            LongBuffer all = comm.rank() == 0 ? DirectBuffers.longs(3 * p) : null;
            comm.gatherV(send, all, comm.rank() == 0 ? counts : null, comm.rank() == 0 ? displs : null, 0);
            if (comm.rank() == 0) {
                for (int r = 0; r < p; r++) {
                    for (int i = 0; i < counts[r]; i++) {
                        assertEquals(1000L * r + i, all.get(displs[r] + i));
                    }
                }
            }
        });
    }

    @Test
    void scatterAndScatterV() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (int root = 0; root < p; root++) {
                FloatBuffer send = comm.rank() == root ? (FloatBuffer) filled(ElementType.FLOAT, 2 * p, root, 0) : null;
                FloatBuffer recv = DirectBuffers.floats(2);
                comm.scatter(send, recv, root);
                assertEquals(value(root, 2 * comm.rank()), recv.get(0));
                assertEquals(value(root, 2 * comm.rank() + 1), recv.get(1));
            }
            int[] counts = new int[p];
            int[] displs = new int[p];
            int total = 0;
            for (int r = 0; r < p; r++) {
                counts[r] = p - r;
                total += counts[r];
            }
            for (int r = 0, at = total; r < p; r++) {
                at -= counts[r];
                displs[r] = at;
            }
            ByteBuffer send = comm.rank() == 0 ? (ByteBuffer) filled(ElementType.BYTE, total, 0, 0) : null;
            ByteBuffer recv = DirectBuffers.bytes(p - comm.rank());
            comm.scatterV(send, counts, displs, recv, 0);
            for (int i = 0; i < recv.capacity(); i++) {
                assertEquals((byte) value(0, displs[comm.rank()] + i), recv.get(i));
            }
        });
    }

    @Test
    void allToAllBlocks() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            DoubleBuffer send = DirectBuffers.doubles(2 * p);
            for (int j = 0; j < p; j++) {
                send.put(2 * j, 100 * comm.rank() + j);
                send.put(2 * j + 1, -(100 * comm.rank() + j));
            }
            DoubleBuffer recv = DirectBuffers.doubles(2 * p);
            comm.allToAll(send, recv);
            for (int i = 0; i < p; i++) {
                assertEquals(100 * i + comm.rank(), recv.get(2 * i));
                assertEquals(-(100 * i + comm.rank()), recv.get(2 * i + 1));
            }
        });
    }

    @Test
    void allToAllVWithCountsAndDisplacements() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            // rank i sends (i + j) % 3 elements to rank j; blocks in reverse order in both buffers, gaps of 1
            int[] sc = new int[p];
            int[] sd = new int[p];
            int[] rc = new int[p];
            int[] rd = new int[p];
            int sAt = 0;
            int rAt = 0;
            for (int j = p - 1; j >= 0; j--) {
                sc[j] = (me + j) % 3;
                sd[j] = sAt;
                sAt += sc[j] + 1;
                rc[j] = (j + me) % 3;
                rd[j] = rAt;
                rAt += rc[j] + 1;
            }
            LongBuffer send = DirectBuffers.longs(sAt);
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < sc[j]; k++) {
                    send.put(sd[j] + k, 10000L * me + 100L * j + k);
                }
            }
            LongBuffer recv = DirectBuffers.longs(rAt);
            comm.allToAllV(send, sc, sd, recv, rc, rd);
            for (int i = 0; i < p; i++) {
                for (int k = 0; k < rc[i]; k++) {
                    assertEquals(10000L * i + 100L * me + k, recv.get(rd[i] + k), "from rank " + i);
                }
            }
            // packed variant
            int[] counts = new int[p];
            java.util.Arrays.fill(counts, 1);
            LongBuffer s2 = DirectBuffers.longs(p);
            for (int j = 0; j < p; j++) {
                s2.put(j, me * 10L + j);
            }
            LongBuffer r2 = DirectBuffers.longs(p);
            comm.allToAllV(s2, counts, r2, counts);
            for (int i = 0; i < p; i++) {
                assertEquals(i * 10L + me, r2.get(i));
            }
        });
    }

    @Test
    void buffersAreUsedFromTheirPositionAndNotMoved() throws Exception {
        onRanks(comm -> {
            DoubleBuffer send = DirectBuffers.of(-1, -1, comm.rank() + 1.0, 2.0, -1);
            send.position(2).limit(4);
            DoubleBuffer recv = DirectBuffers.doubles(6);
            recv.position(3);
            comm.allReduce(send, recv, ReduceOp.SUM);
            int p = comm.size();
            assertEquals(2, send.position());
            assertEquals(4, send.limit());
            assertEquals(3, recv.position());
            assertEquals(p * (p + 1) / 2.0, recv.get(3));
            assertEquals(2.0 * p, recv.get(4));
            assertEquals(0.0, recv.get(2));
            assertEquals(0.0, recv.get(5));
        });
    }

    @Test
    void ringSendRecvAndSendRecv() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            int right = (me + 1) % p;
            int left = (me + p - 1) % p;
            DoubleBuffer out = DirectBuffers.of(me, me * 2.0);
            DoubleBuffer in = DirectBuffers.doubles(2);
            Status s = comm.sendRecv(out, right, 7, in, left, 7);
            assertEquals(left, s.source());
            assertEquals(7, s.tag());
            assertEquals(2, s.count());
            assertEquals(left, in.get(0));
            assertEquals(left * 2.0, in.get(1));
            // blocking send/recv, ordered to avoid deadlock: even ranks send first
            IntBuffer msg = DirectBuffers.of(me);
            IntBuffer got = DirectBuffers.ints(3);
            if (p > 1) {
                Status st;
                if (me % 2 == 0) {
                    comm.send(msg, right, 3);
                    st = comm.recv(got, left, 3);
                } else {
                    st = comm.recv(got, left, 3);
                    comm.send(msg, right, 3);
                }
                assertEquals(1, st.count(), "a shorter message than the buffer");
                assertEquals(left, got.get(0));
            }
        });
    }

    @Test
    void largeMessagesAndAnySource() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            int n = 1 << 18; // 2 MiB of doubles: beyond any eager limit
            DoubleBuffer big = DirectBuffers.doubles(n);
            for (int i = 0; i < n; i += 1024) {
                big.put(i, me + i);
            }
            DoubleBuffer in = DirectBuffers.doubles(n);
            int right = (me + 1) % p;
            int left = (me + p - 1) % p;
            comm.sendRecv(big, right, 1, in, left, 1);
            for (int i = 0; i < n; i += 1024) {
                assertEquals(left + i, in.get(i));
            }
            // everyone sends to rank 0, which receives from ANY_SOURCE
            if (me == 0) {
                boolean[] seen = new boolean[p];
                for (int k = 1; k < p; k++) {
                    IntBuffer b = DirectBuffers.ints(1);
                    Status s = comm.recv(b, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                    assertEquals(s.source(), b.get(0));
                    assertEquals(s.source() + 10, s.tag());
                    seen[s.source()] = true;
                }
                for (int r = 1; r < p; r++) {
                    assertTrue(seen[r], "message from rank " + r);
                }
            } else {
                comm.send(DirectBuffers.of(me), 0, me + 10);
            }
        });
    }

    @Test
    void nonBlockingRequests() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            Request[] reqs = new Request[2 * p];
            LongBuffer[] in = new LongBuffer[p];
            for (int r = 0; r < p; r++) {
                in[r] = DirectBuffers.longs(1);
                reqs[r] = comm.iRecv(in[r], r, 5);
            }
            for (int r = 0; r < p; r++) {
                reqs[p + r] = comm.iSend(DirectBuffers.of(100L * me + r), r, 5);
            }
            Status[] st = Request.awaitAll(reqs);
            for (int r = 0; r < p; r++) {
                assertEquals(100L * r + me, in[r].get(0));
                assertEquals(r, st[r].source());
                assertTrue(reqs[r].test());
            }
            assertEquals(st[0], reqs[0].await(), "await after completion returns the same status");
        });
    }

    @Test
    void messagesFromOneSenderDoNotOvertake() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            if (p == 1) {
                return;
            }
            if (comm.rank() == 1) {
                for (int k = 0; k < 20; k++) {
                    comm.send(DirectBuffers.of(k), 0, 9);
                }
            } else if (comm.rank() == 0) {
                for (int k = 0; k < 20; k++) {
                    IntBuffer b = DirectBuffers.ints(1);
                    comm.recv(b, 1, 9);
                    assertEquals(k, b.get(0));
                }
            }
        });
    }

    @Test
    void splitByParityWithReversedKeys() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            try (Communicator sub = comm.split(me % 2, -me)) {
                int members = (p + 1 - me % 2) / 2;
                assertEquals(members, sub.size());
                assertEquals(members - 1 - me / 2, sub.rank(), "reversed by key");
                assertEquals(sum(me % 2, p), Collectives.sum(sub, (long) me));
            }
            Communicator none = comm.split(me == 0 ? Communicator.UNDEFINED : 1, 0);
            if (me == 0) {
                assertNull(none);
            } else {
                assertNotNull(none);
                assertEquals(p - 1, none.size());
                assertEquals(me - 1, none.rank());
                none.close();
                none.close(); // idempotent
            }
        });
    }

    private static long sum(int parity, int p) {
        long s = 0;
        for (int r = parity; r < p; r += 2) {
            s += r;
        }
        return s;
    }

    @Test
    void dupIsIndependentOfTheOriginal() throws Exception {
        onRanks(comm -> {
            try (Communicator d = comm.dup()) {
                assertEquals(comm.size(), d.size());
                assertEquals(comm.rank(), d.rank());
                int p = comm.size();
                if (p > 1) {
                    // same tag on both: messages must not cross communicators
                    int right = (comm.rank() + 1) % p;
                    int left = (comm.rank() + p - 1) % p;
                    Request a = comm.iSend(DirectBuffers.of(1), right, 0);
                    Request b = d.iSend(DirectBuffers.of(2), right, 0);
                    IntBuffer fromDup = DirectBuffers.ints(1);
                    IntBuffer fromOrig = DirectBuffers.ints(1);
                    d.recv(fromDup, left, 0);
                    comm.recv(fromOrig, left, 0);
                    a.await();
                    b.await();
                    assertEquals(2, fromDup.get(0));
                    assertEquals(1, fromOrig.get(0));
                }
                assertEquals(p, Collectives.sum(d, 1L));
            }
        });
    }

    @Test
    void cartesianGridKeepsItsDimsAndSubGrids() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int rows = p >= 4 ? 2 : 1;
            int cols = p / rows;
            try (CartCommunicator grid = comm.createCart(rows, cols)) {
                if (comm.rank() >= rows * cols) {
                    assertNull(grid);
                    return;
                }
                assertArrayEquals(new int[] {rows, cols}, grid.dims());
                int[] c = grid.coords();
                assertEquals(comm.rank() / cols, c[0]);
                assertEquals(comm.rank() % cols, c[1]);
                assertEquals(grid.rank(), grid.rankOf(c));
                try (CartCommunicator row = grid.sub(false, true); CartCommunicator col = grid.sub(true, false)) {
                    assertArrayEquals(new int[] {cols}, row.dims());
                    assertEquals(cols, row.size());
                    assertEquals(c[1], row.rank());
                    assertEquals(rows, col.size());
                    assertEquals(c[0], col.rank());
                    // sum of grid ranks along my row
                    long rowSum = Collectives.sum(row, (long) grid.rank());
                    long want = 0;
                    for (int j = 0; j < cols; j++) {
                        want += (long) c[0] * cols + j;
                    }
                    assertEquals(want, rowSum);
                }
                try (CartCommunicator point = grid.sub(false, false)) {
                    assertEquals(1, point.size());
                    assertEquals(0, point.dims().length);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> comm.createCart(p + 1));
        });
    }

    @Test
    void zeroLengthOperations() throws Exception {
        onRanks(comm -> {
            DoubleBuffer empty = DirectBuffers.doubles(0);
            comm.allReduce(empty, DirectBuffers.doubles(0), ReduceOp.SUM);
            comm.broadcast(empty, 0);
            comm.allGather(empty, DirectBuffers.doubles(0));
            comm.allToAll(empty, DirectBuffers.doubles(0));
            Status s = comm.sendRecv(empty, comm.rank(), 0, DirectBuffers.doubles(1), comm.rank(), 0);
            assertEquals(0, s.count());
        });
    }

    @Test
    void invalidBuffersAreRejectedLocally() throws Exception {
        onRanks(comm -> {
            assertThrows(IllegalArgumentException.class, () -> comm.allReduce(DoubleBuffer.allocate(1), ReduceOp.SUM),
                    "heap buffer");
            assertThrows(IllegalArgumentException.class, () -> comm.broadcast(
                    ByteBuffer.allocateDirect(16).order(java.nio.ByteOrder.BIG_ENDIAN).asDoubleBuffer(), 0),
                    "big-endian view");
            assertThrows(IllegalArgumentException.class, () -> comm.allReduce(DirectBuffers.doubles(1),
                    DirectBuffers.longs(1), ReduceOp.SUM), "different types");
            assertThrows(IllegalArgumentException.class, () -> comm.broadcast(DirectBuffers.doubles(1), comm.size()),
                    "root out of range");
            assertThrows(IllegalArgumentException.class, () -> comm.send(DirectBuffers.doubles(1), 0, -5), "bad tag");
            comm.barrier(); // still in step after the local errors
        });
    }

    @Test
    void typedConveniences() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            int me = comm.rank();
            assertEquals(p * (p - 1) / 2.0, Collectives.sum(comm, (double) me));
            assertEquals(p - 1, Collectives.max(comm, (long) me));
            assertEquals(0.0, Collectives.min(comm, (double) me));
            assertTrue(Collectives.allTrue(comm, true));
            assertFalse(Collectives.allTrue(comm, me != p - 1));
            assertTrue(Collectives.anyTrue(comm, me == p - 1));
            assertEquals(42.5, Collectives.broadcast(comm, me == 0 ? 42.5 : -1, 0));
            assertArrayEquals(new double[] {p, 2.0 * p}, Collectives.sum(comm, new double[] {1, 2}));
            int[] g = Collectives.allGather(comm, me * me);
            for (int r = 0; r < p; r++) {
                assertEquals(r * r, g[r]);
            }
        });
    }
}
