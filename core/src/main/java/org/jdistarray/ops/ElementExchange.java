package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.Undistributed;

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
        /** Block bounds of the fast 1-D axis (null otherwise). */
        private final long[] bounds;
        /** The first global index of this rank's block on the fast 1-D axis when unpadded, else -1. */
        final long start;

        Locator(Distribution d) {
            this.d = d;
            this.shape = d.shape();
            this.g = new long[shape.length];
            this.me = d.rank();
            boolean fast = shape.length == 1 && d.holder() < 0 && !d.isReplicated()
                    && d.gridShape()[0] == d.communicator().size();
            this.axis = fast ? d.axes().get(0) : null;
            this.dim = fast ? d.dim(0) : null;
            this.bounds = fast && axis instanceof BlockAxis b ? b.bounds() : null;
            this.start = !fast || d.isPadded() ? -1
                    : dim instanceof Block b ? b.start() : dim instanceof Undistributed ? 0 : -1;
        }

        /** {@code dest[i] = owner(flats[i])} for {@code i < n}, and the count of each owner in {@code counts}. */
        void owners(long[] flats, int n, int[] dest, int[] counts) {
            if (bounds != null) {
                long[] bs = bounds;
                int last = bs.length - 2;
                for (int i = 0; i < n; i++) {
                    long f = flats[i];
                    int lo = 0;
                    int hi = last;
                    while (lo < hi) { // the last r with bounds[r] <= f (empty blocks skipped)
                        int mid = (lo + hi + 1) >>> 1;
                        if (bs[mid] <= f) {
                            lo = mid;
                        } else {
                            hi = mid - 1;
                        }
                    }
                    dest[i] = lo;
                    counts[lo]++;
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                int r = owner(flats[i]);
                dest[i] = r;
                counts[r]++;
            }
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
        long[] out = new long[n];
        fetch(a, flats, n, asFloat, LongBuffer.wrap(out));
        return out;
    }

    /**
     * <b>Collective.</b> {@link #fetch(DistArray, long[], int, boolean)} into {@code dst} (element {@code i} at index
     * {@code i}): a counting pass sorts the requests by owner, one count exchange, the request and the response
     * all-to-all-v in two uninitialised scratch blocks (the second reuses the first's memory), reads from the local
     * memory as words where the block allows.
     */
    static void fetch(DistArray a, long[] flats, int n, boolean asFloat, LongBuffer dst) {
        Distribution d = a.distribution();
        Communicator comm = d.context().comm();
        int p = comm.size();
        Locator loc = new Locator(d);
        int[] dest = new int[n];
        int[] sendCounts = new int[p];
        loc.owners(flats, n, dest, sendCounts);
        int[] fill = exclusivePrefix(sendCounts);
        int[] pos = new int[n];
        int[] recvCounts = exchangeCounts(comm, sendCounts);
        int total = sum(recvCounts);
        try (Words req = new Words(n); Words got = new Words(total)) {
            LongBuffer q = req.buf;
            for (int i = 0; i < n; i++) {
                int at = fill[dest[i]]++;
                pos[i] = at;
                q.put(at, flats[i]);
            }
            LongBuffer g = got.buf;
            comm.allToAllV(q, sendCounts, g, recvCounts);
            if (total > 0) {
                readInPlace(a, loc, g, total, asFloat);
            }
            comm.allToAllV(g, recvCounts, q, sendCounts); // the answers land where the questions were
            for (int i = 0; i < n; i++) {
                dst.put(i, q.get(pos[i]));
            }
            req.done();
            got.done();
        }
    }

    /** Replaces each of the first {@code total} flat indices in {@code buf} (held here) by the cell's raw word. */
    private static void readInPlace(DistArray a, Locator loc, LongBuffer buf, int total, boolean asFloat) {
        LongBuffer words = loc.start >= 0 ? words(a) : null;
        if (words != null) {
            long lo = loc.start;
            for (int k = 0; k < total; k++) {
                buf.put(k, words.get((int) (buf.get(k) - lo)));
            }
            return;
        }
        LocalBlock b = a.local();
        boolean nat = natural(b, a.distribution());
        for (int k = 0; k < total; k++) {
            buf.put(k, read(b, loc.offset(b, nat, buf.get(k)), asFloat));
        }
    }

    /**
     * The local memory of {@code a} as raw 64-bit words (C-order local offsets), or null unless the block is the
     * array's own C-order block, one buffer, of an 8-byte dtype (whose raw words are the cells' bits).
     */
    static LongBuffer words(DistArray a) {
        if (a.dtype().itemSize() != 8 || a.isView()) { // a view's memory is its base's (offsets differ)
            return null;
        }
        if (!natural(a.local(), a.distribution())) {
            return null;
        }
        Storage s = ArrayAccess.get().storage(a);
        if (s.chunkCount() != 1 || s.byteSize() < 8 * a.distribution().localElementCount()) {
            return null;
        }
        return s.chunkOf(0).duplicate().clear().order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    /**
     * Uninitialised off-heap words for one exchange (no zeroing, no garbage collector): freed at once by
     * {@link #close()} after {@link #done()}; after a failure (a peer might still be reading it in an aborted
     * collective) quarantined instead, which never crashes a late reader.
     */
    static final class Words implements AutoCloseable {
        private final Storage storage;
        private boolean done;
        final LongBuffer buf;

        Words(long n) {
            if (n == 0) {
                storage = null;
                buf = DirectBuffers.longs(0);
                return;
            }
            storage = Storage.allocate(DType.INT64, n, false, NativeMemory.DEFAULT_CHUNK_SHIFT);
            if (storage.chunkCount() != 1) {
                storage.free();
                throw new UnsupportedOperationException("an exchange of " + n + " words exceeds one buffer (2^31 - 1 bytes)");
            }
            buf = storage.chunkOf(0).duplicate().clear().order(ByteOrder.nativeOrder()).asLongBuffer();
        }

        /** The exchange completed on this rank: the memory may go at once. */
        void done() {
            done = true;
        }

        @Override
        public void close() {
            if (storage != null) {
                if (!done) {
                    storage.chunk(0); // counted as a view: close quarantines
                }
                storage.free();
            }
        }
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
        if (everywhere) {
            Arrays.fill(sendCounts, 2 * n);
        } else {
            loc.owners(flats, n, dest, sendCounts);
            for (int r = 0; r < p; r++) {
                sendCounts[r] *= 2;
            }
        }
        int[] recvCounts = exchangeCounts(comm, sendCounts);
        int total = sum(recvCounts);
        try (Words sw = new Words(everywhere ? 2L * n * p : 2L * n); Words gw = new Words(total)) {
            LongBuffer send = sw.buf;
            if (everywhere) {
                for (int r = 0; r < p; r++) {
                    for (int i = 0; i < n; i++) {
                        send.put(2 * (r * n + i), flats[i]);
                        send.put(2 * (r * n + i) + 1, values[i]);
                    }
                }
            } else {
                int[] fill = exclusivePrefix(sendCounts);
                for (int i = 0; i < n; i++) {
                    int at = fill[dest[i]];
                    fill[dest[i]] += 2;
                    send.put(at, flats[i]);
                    send.put(at + 1, values[i]);
                }
            }
            LongBuffer got = gw.buf;
            comm.allToAllV(send, sendCounts, got, recvCounts);
            if (total > 0) {
                LongBuffer words = loc.start >= 0 ? words(a) : null;
                if (words != null) {
                    long lo = loc.start;
                    for (int k = 0; k < total; k += 2) {
                        words.put((int) (got.get(k) - lo), got.get(k + 1));
                    }
                } else {
                    LocalBlock b = a.local();
                    boolean nat = natural(b, d);
                    for (int k = 0; k < total; k += 2) {
                        write(b, loc.offset(b, nat, got.get(k)), got.get(k + 1), asFloat);
                    }
                }
            }
            sw.done();
            gw.done();
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
