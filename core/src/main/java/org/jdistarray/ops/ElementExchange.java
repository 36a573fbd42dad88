package org.jdistarray.ops;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;

/**
 * The element exchange behind fancy indexing, masks and concatenation: reads ({@link #fetch}) or writes
 * ({@link #store}) elements named by their global C-order flat index, wherever they live. Owners are computed from the
 * distribution's index math ({@link Distribution#ownerOf}); one count exchange and one request (and for a read one
 * response) all-to-all-v over the library's private communicator. Values travel as 64-bit raw words: the bits of a
 * double for float dtypes, a long for the integer dtypes and bool (exact for every dtype).
 */
final class ElementExchange {
    private ElementExchange() {
    }

    /** Whether values of {@code t} travel as double bits (else as longs). */
    static boolean isFloat(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32;
    }

    /** Global index tuple of C-order flat index {@code f} into {@code g}. */
    static void unravel(long f, long[] shape, long[] g) {
        for (int i = shape.length - 1; i >= 0; i--) {
            long s = shape[i];
            g[i] = f % s;
            f /= s;
        }
    }

    /** C-order flat index of {@code g}. */
    static long ravel(long[] g, long[] shape) {
        long f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + g[i];
        }
        return f;
    }

    /** Whether this rank's owned cells are to be contributed (a replicated array contributes from rank 0 only). */
    static boolean contributes(Distribution d) {
        return !d.isReplicated() || d.rank() == 0;
    }

    /** The cell at local offset {@code off} of {@code b} as a raw word of the kind {@code asFloat} names. */
    static long read(LocalBlock b, long off, boolean asFloat) {
        return asFloat ? Double.doubleToRawLongBits(b.getDouble(off)) : b.getLong(off);
    }

    /** Writes raw word {@code v} of the kind {@code asFloat} names into the cell at local offset {@code off}. */
    static void write(LocalBlock b, long off, long v, boolean asFloat) {
        if (asFloat) {
            b.setDouble(off, Double.longBitsToDouble(v));
        } else {
            b.setLong(off, v);
        }
    }

    private static int owner(Distribution d, long[] g, int me) {
        return d.isReplicated() ? me : d.ownerOf(g);
    }

    /**
     * Owner and local offset of flat indices: straight from the axis for a 1-D partition over every rank (no index
     * tuple), the general index math otherwise.
     */
    static final class Locator {
        private final Distribution d;
        private final long[] shape;
        private final long[] g;
        private final int me;
        private final AxisDistribution axis;
        private final DimDistribution dim;

        Locator(Distribution d) {
            this.d = d;
            this.shape = d.shape();
            this.g = new long[shape.length];
            this.me = d.rank();
            boolean fast = shape.length == 1 && d.holder() < 0 && !d.isReplicated()
                    && d.gridShape()[0] == d.communicator().size();
            this.axis = fast ? d.axes().get(0) : null;
            this.dim = fast ? d.dim(0) : null;
        }

        int owner(long f) {
            if (axis != null) {
                return axis.ownerOf(f);
            }
            unravel(f, shape, g);
            return ElementExchange.owner(d, g, me);
        }

        /** The local offset in {@code b} (the array's own block) of flat index {@code f}, held here. */
        long offset(LocalBlock b, boolean natural, long f) {
            if (dim != null && natural) {
                return dim.localFromGlobal(f);
            }
            unravel(f, shape, g);
            return b.offsetOfGlobal(g);
        }
    }

    /** Whether {@code b}'s offsets are the distribution's C-order local offsets. */
    static boolean natural(LocalBlock b, Distribution d) {
        return b.isContiguous() && b.offset() == 0 && java.util.Arrays.equals(b.shape(), d.localShape());
    }

    /**
     * <b>Collective.</b> The elements of {@code a} at the {@code n} valid flat indices {@code flats} (any per rank), as
     * raw words of the kind {@code asFloat} names, in the order asked.
     */
    static long[] fetch(DistArray a, long[] flats, int n, boolean asFloat) {
        Distribution d = a.distribution();
        Communicator comm = d.context().comm();
        int p = comm.size();
        int me = comm.rank();
        int[] dest = new int[n];
        int[] sendCounts = new int[p];
        Locator loc = new Locator(d);
        for (int i = 0; i < n; i++) {
            dest[i] = loc.owner(flats[i]);
            sendCounts[dest[i]]++;
        }
        int[] fill = exclusivePrefix(sendCounts);
        int[] pos = new int[n];
        LongBuffer req = DirectBuffers.longs(n);
        for (int i = 0; i < n; i++) {
            pos[i] = fill[dest[i]]++;
            req.put(pos[i], flats[i]);
        }
        int[] recvCounts = exchangeCounts(comm, sendCounts);
        int total = sum(recvCounts);
        LongBuffer got = DirectBuffers.longs(total);
        comm.allToAllV(req, sendCounts, got, recvCounts);
        LongBuffer resp = DirectBuffers.longs(total);
        if (total > 0) {
            LocalBlock b = a.local();
            boolean nat = natural(b, d);
            for (int k = 0; k < total; k++) {
                resp.put(k, read(b, loc.offset(b, nat, got.get(k)), asFloat));
            }
        }
        LongBuffer back = DirectBuffers.longs(n);
        comm.allToAllV(resp, recvCounts, back, sendCounts);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = back.get(pos[i]);
        }
        return out;
    }

    /**
     * <b>Collective.</b> Writes raw words {@code values[i]} at the valid flat indices {@code flats[i]} of {@code a}
     * (its owner; every rank for a replicated array). Writes are applied in the order of the sending ranks, and in
     * each rank's order, so the last write to a cell in (rank, position) order wins.
     */
    static void store(DistArray a, long[] flats, long[] values, int n, boolean asFloat) {
        Distribution d = a.distribution();
        Communicator comm = d.context().comm();
        int p = comm.size();
        boolean everywhere = d.isReplicated();
        Locator loc = new Locator(d);
        int[] dest = new int[n];
        int[] sendCounts = new int[p];
        for (int i = 0; i < n; i++) {
            if (everywhere) {
                continue;
            }
            dest[i] = loc.owner(flats[i]);
            sendCounts[dest[i]] += 2;
        }
        LongBuffer send;
        if (everywhere) {
            for (int r = 0; r < p; r++) {
                sendCounts[r] = 2 * n;
            }
            send = DirectBuffers.longs(2 * n * p);
            for (int r = 0; r < p; r++) {
                for (int i = 0; i < n; i++) {
                    send.put(2 * (r * n + i), flats[i]);
                    send.put(2 * (r * n + i) + 1, values[i]);
                }
            }
        } else {
            int[] fill = exclusivePrefix(sendCounts);
            send = DirectBuffers.longs(2 * n);
            for (int i = 0; i < n; i++) {
                int at = fill[dest[i]];
                fill[dest[i]] += 2;
                send.put(at, flats[i]);
                send.put(at + 1, values[i]);
            }
        }
        int[] recvCounts = exchangeCounts(comm, sendCounts);
        int total = sum(recvCounts);
        LongBuffer got = DirectBuffers.longs(total);
        comm.allToAllV(send, sendCounts, got, recvCounts);
        if (total > 0) {
            LocalBlock b = a.local();
            boolean nat = natural(b, d);
            for (int k = 0; k < total; k += 2) {
                write(b, loc.offset(b, nat, got.get(k)), got.get(k + 1), asFloat);
            }
        }
    }

    /** <b>Collective.</b> The counts every rank sends to this one ({@code MPI_Alltoall} of the send counts). */
    static int[] exchangeCounts(Communicator comm, int[] sendCounts) {
        int p = sendCounts.length;
        IntBuffer s = DirectBuffers.ints(p);
        s.put(0, sendCounts);
        IntBuffer r = DirectBuffers.ints(p);
        comm.allToAll(s, r);
        int[] out = new int[p];
        r.get(0, out);
        return out;
    }

    static int[] exclusivePrefix(int[] counts) {
        int[] at = new int[counts.length];
        for (int i = 1; i < counts.length; i++) {
            at[i] = at[i - 1] + counts[i - 1];
        }
        return at;
    }

    static int sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += c;
        }
        if (s > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("an exchange of " + s + " words exceeds one buffer (2^31 - 1)");
        }
        return (int) s;
    }
}
