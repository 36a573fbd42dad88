package org.jdistarray.algo;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;

/** All-to-all of long arrays in budgeted rounds, with its cost counted into a {@link Meter}. */
final class Exchange {
    private Exchange() {
    }

    /** Counters of a run: rounds, bytes sent, peak temporary bytes (this rank's). */
    static final class Meter {
        int rounds;
        long sent;
        long peak;
        long current;

        void hold(long bytes) {
            current += bytes;
            peak = Math.max(peak, current);
        }

        void release(long bytes) {
            current -= bytes;
        }
    }

    /** <b>Collective.</b> What every rank sends to each rank, from this rank's {@code sendCounts}. */
    static int[] counts(Communicator comm, int[] sendCounts) {
        int p = comm.size();
        IntBuffer s = DirectBuffers.ints(p);
        IntBuffer r = DirectBuffers.ints(p);
        s.put(sendCounts).flip();
        comm.allToAll(s, r);
        int[] out = new int[p];
        r.get(0, out);
        return out;
    }

    /**
     * <b>Collective.</b> Sends {@code send[displ(d), displ(d) + sendCounts[d])} to rank {@code d}; returns what
     * arrives, the pieces in source-rank order. With {@code budget > 0} bytes, in as many rounds as the largest
     * rank's traffic needs (each per-peer piece split evenly over the rounds).
     */
    static long[] allToAllV(Communicator comm, long[] send, int[] sendCounts, int[] recvCounts, long budget,
            Meter meter) {
        int p = comm.size();
        long sendTotal = 0;
        long recvTotal = 0;
        for (int i = 0; i < p; i++) {
            sendTotal += sendCounts[i];
            recvTotal += recvCounts[i];
        }
        long[] recv = new long[(int) recvTotal];
        int[] sd = displs(sendCounts);
        int[] rd = displs(recvCounts);
        // this rank's own piece is copied here, not through the communicator's buffers
        int me = comm.rank();
        System.arraycopy(send, sd[me], recv, rd[me], sendCounts[me]);
        sendTotal -= sendCounts[me];
        recvTotal -= recvCounts[me];
        int rounds = 1;
        if (budget > 0) {
            long need = 8 * Math.max(sendTotal, recvTotal);
            rounds = (int) Math.max(1, Collectives.max(comm, (need + budget - 1) / budget));
        }
        int roundSend = (int) Math.min(Integer.MAX_VALUE, sendTotal / rounds + p);
        int roundRecv = (int) Math.min(Integer.MAX_VALUE, recvTotal / rounds + p);
        LongBuffer sb = DirectBuffers.longs(Math.max(1, roundSend));
        LongBuffer rb = DirectBuffers.longs(Math.max(1, roundRecv));
        long held = 8L * (sb.capacity() + rb.capacity());
        meter.hold(held);
        int[] sc = new int[p];
        int[] rc = new int[p];
        int[] sdr = new int[p];
        int[] rdr = new int[p];
        for (int r = 0; r < rounds; r++) {
            int so = 0;
            int ro = 0;
            sb.clear();
            for (int d = 0; d < p; d++) {
                if (d == me) {
                    sc[d] = 0;
                    rc[d] = 0;
                    sdr[d] = so;
                    rdr[d] = ro;
                    continue;
                }
                int a = piece(sendCounts[d], r, rounds);
                sc[d] = piece(sendCounts[d], r + 1, rounds) - a;
                sdr[d] = so;
                sb.put(send, sd[d] + a, sc[d]);
                so += sc[d];
                int b = piece(recvCounts[d], r, rounds);
                rc[d] = piece(recvCounts[d], r + 1, rounds) - b;
                rdr[d] = ro;
                ro += rc[d];
            }
            sb.flip();
            rb.clear().limit(ro);
            comm.allToAllV(sb, sc, sdr, rb, rc, rdr);
            for (int d = 0; d < p; d++) {
                if (d != me) {
                    rb.get(rdr[d], recv, rd[d] + piece(recvCounts[d], r, rounds), rc[d]);
                }
            }
            meter.sent += 8L * so;
        }
        meter.rounds += rounds;
        meter.release(held);
        return recv;
    }

    private static int piece(int count, int r, int rounds) {
        return (int) ((long) count * r / rounds);
    }

    static int[] displs(int[] counts) {
        int[] d = new int[counts.length];
        for (int i = 1; i < counts.length; i++) {
            d[i] = d[i - 1] + counts[i - 1];
        }
        return d;
    }
}
