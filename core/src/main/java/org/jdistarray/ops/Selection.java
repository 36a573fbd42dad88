package org.jdistarray.ops;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.Partitions;
import org.jdistarray.protocol.UndistributedAxis;

/**
 * Compaction of selected elements into NumPy's C order, for boolean masks and {@code nonzero}. Every rank holds some
 * selected elements (flat index and a raw word), in any order. Step 1 sends each to the rank owning its flat index in
 * the balanced block split of the flat index space (a rank keeps what it already has when the array is a balanced
 * 1-D block); that rank orders its chunk. One all-gather of the chunk counts gives every chunk its place in the
 * result; step 2 sends each chunk's run to the owners of the balanced block result. Memory: O(local share).
 */
final class Selection {
    private Selection() {
    }

    /** This rank's part of a compacted result: the global length and the local run (balanced 1-D block). */
    record Compacted(long total, long[] local) {
    }

    /** Selected cells of this rank: parallel flat indices and raw words. */
    static final class Picks {
        long[] flats = new long[16];
        long[] words = new long[16];
        int n;

        void add(long flat, long word) {
            if (n == flats.length) {
                flats = Arrays.copyOf(flats, 2 * n);
                words = Arrays.copyOf(words, 2 * n);
            }
            flats[n] = flat;
            words[n++] = word;
        }
    }

    /** The elements of {@code a} where {@code mask} (already distributed like {@code a}) is nonzero, as raw words. */
    static Picks masked(DistArray a, DistArray mask, boolean asFloat, boolean wordIsFlat) {
        Picks picks = new Picks();
        Distribution d = a.distribution();
        if (!ElementExchange.contributes(d)) {
            return picks;
        }
        long[] shape = d.shape();
        LocalBlock b = a.local();
        LocalBlock m = mask.local();
        boolean nat = ElementExchange.natural(b, d) && ElementExchange.natural(m, mask.distribution());
        a.forEachOwned((g, off) -> {
            if (m.getLong(nat ? off : m.offsetOfGlobal(g)) != 0) {
                long f = ElementExchange.ravel(g, shape);
                picks.add(f, wordIsFlat ? f : ElementExchange.read(b, nat ? off : b.offsetOfGlobal(g), asFloat));
            }
        });
        return picks;
    }

    /** The flat indices of the nonzero elements of {@code a} (NaN counts as nonzero, as in NumPy). */
    static Picks nonzero(DistArray a) {
        Picks picks = new Picks();
        Distribution d = a.distribution();
        if (!ElementExchange.contributes(d)) {
            return picks;
        }
        long[] shape = d.shape();
        LocalBlock b = a.local();
        boolean asFloat = ElementExchange.isFloat(a.dtype());
        a.forEachOwned((g, off) -> {
            long o = b.offsetOfGlobal(g);
            if (asFloat ? b.getDouble(o) != 0 : b.getLong(o) != 0) {
                long f = ElementExchange.ravel(g, shape);
                picks.add(f, f);
            }
        });
        return picks;
    }

    // ---- runs: layouts whose ranks own one C-order run each (no ordering step) ----------------------------------

    /**
     * Whether every rank's owned cells are one run of C-order flat indices, in local order, the runs of the ranks
     * disjoint: axis 0 block or undistributed, every other axis whole (block on one grid position or undistributed),
     * no padding, no single holder. The same answer on every rank (the layout is global).
     */
    static boolean runs(Distribution d) {
        if (d.ndim() == 0 || d.isPadded() || d.holder() >= 0) {
            return false;
        }
        int[] grid = d.gridShape();
        for (int i = 0; i < grid.length; i++) {
            AxisDistribution ax = d.axes().get(i);
            if (!(ax instanceof BlockAxis || ax instanceof UndistributedAxis) || (i > 0 && grid[i] != 1)) {
                return false;
            }
        }
        return true;
    }

    /** The flat index of this rank's first owned cell in a {@link #runs} layout (0 when it owns none). */
    static long runStart(Distribution d) {
        long rows = d.dim(0) instanceof Block b ? b.start() : 0;
        long[] shape = d.shape();
        long inner = 1;
        for (int i = 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return rows * inner;
    }

    /**
     * This rank's selected cells of a {@link #runs} layout, in C order, into {@code run} (capacity: the owned count):
     * the cells where {@code mask} (distributed like {@code a}) is nonzero, or the nonzero cells of {@code a} when
     * {@code mask} is null; as raw words, or as flat indices when {@code wordIsFlat}. Returns the count.
     */
    static int collectRun(DistArray a, DistArray mask, boolean asFloat, boolean wordIsFlat, LongBuffer run) {
        Distribution d = a.distribution();
        if (!ElementExchange.contributes(d)) {
            return 0;
        }
        long lo = runStart(d);
        int n = (int) d.ownedElementCount();
        LongBuffer w = ElementExchange.words(a);
        ByteBuffer mb = mask == null ? null : bytes(mask);
        if (mask == null && w != null) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                long v = w.get(i);
                run.put(c, lo + i);
                c += (asFloat ? Double.longBitsToDouble(v) != 0 : v != 0) ? 1 : 0;
            }
            return c;
        }
        if (mb != null && (w != null || wordIsFlat)) {
            return compactMasked(w, mb, n, wordIsFlat ? lo : -1, run);
        }
        LocalBlock b = a.local();
        LocalBlock m = mask == null ? null : mask.local();
        boolean nat = ElementExchange.natural(b, d) && (m == null || ElementExchange.natural(m, mask.distribution()));
        int[] c = {0};
        long[] k = {lo};
        a.forEachOwned((g, off) -> {
            long f = k[0]++;
            boolean picked;
            if (m != null) {
                picked = m.getLong(nat ? off : m.offsetOfGlobal(g)) != 0;
            } else {
                picked = asFloat ? b.getDouble(off) != 0 : b.getLong(off) != 0;
            }
            if (picked) {
                run.put(c[0]++, wordIsFlat || m == null ? f : ElementExchange.read(b, off, asFloat));
            }
        });
        return c[0];
    }

    private static final int CHUNK = 4096;

    /**
     * The words of {@code w} (or the flat indices {@code flat0 + i} when {@code flat0 >= 0}) where {@code mask} is
     * nonzero, for {@code i < n}, into {@code run}: bulk copies in chunks through heap arrays and a branch-free
     * compaction loop (a random mask mispredicts every other branch). Returns the count.
     */
    private static int compactMasked(LongBuffer w, ByteBuffer mask, int n, long flat0, LongBuffer run) {
        long[] in = new long[CHUNK];
        byte[] m = new byte[CHUNK];
        long[] out = new long[CHUNK];
        int c = 0;
        for (int base = 0; base < n; base += CHUNK) {
            int len = Math.min(CHUNK, n - base);
            mask.get(base, m, 0, len);
            int k = 0;
            if (flat0 >= 0) {
                long f = flat0 + base;
                for (int i = 0; i < len; i++) {
                    out[k] = f + i;
                    k += m[i] != 0 ? 1 : 0;
                }
            } else {
                w.get(base, in, 0, len);
                for (int i = 0; i < len; i++) {
                    out[k] = in[i];
                    k += m[i] != 0 ? 1 : 0;
                }
            }
            run.put(c, out, 0, k);
            c += k;
        }
        return c;
    }

    /** A bool array's own one-buffer C-order block as bytes, or null. */
    static ByteBuffer bytes(DistArray mask) {
        if (mask.dtype() != DType.BOOL || mask.isView() || !ElementExchange.natural(mask.local(), mask.distribution())) {
            return null;
        }
        Storage s = ArrayAccess.get().storage(mask);
        return s.chunkCount() != 1 ? null : s.chunkOf(0).duplicate().clear();
    }

    /**
     * <b>Collective.</b> Where every rank's run goes in the compacted balanced 1-D result: one all-gather of the
     * (first flat index, count) pairs orders the runs; the send and receive counts and displacements of the one
     * all-to-all-v that moves them.
     */
    static final class RunPlan {
        final long total;
        final int mine;
        private final Communicator comm;
        private final int[] sc;
        private final int[] sd;
        private final int[] rc;
        private final int[] rd;

        RunPlan(Communicator comm, long lo, int count) {
            this.comm = comm;
            int p = comm.size();
            int me = comm.rank();
            LongBuffer all = DirectBuffers.longs(2 * p);
            comm.allGather(DirectBuffers.of(lo, count), all);
            Integer[] order = new Integer[p];
            for (int r = 0; r < p; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (x, y) -> x.equals(y) ? 0
                    : all.get(2 * x) != all.get(2 * y) ? Long.compare(all.get(2 * x), all.get(2 * y)) : x - y);
            long[] starts = new long[p];
            long t = 0;
            for (int r : order) {
                starts[r] = t;
                t += all.get(2 * r + 1);
            }
            total = t;
            long[] out = Partitions.balanced(total, p);
            mine = (int) (out[me + 1] - out[me]);
            sc = new int[p];
            sd = new int[p];
            rc = new int[p];
            rd = new int[p];
            long myLo = starts[me];
            long myHi = myLo + count;
            for (int q = 0; q < p; q++) {
                sc[q] = (int) overlap(myLo, myHi, out[q], out[q + 1]);
                sd[q] = sc[q] > 0 ? (int) (Math.max(myLo, out[q]) - myLo) : 0;
                long jLo = starts[q];
                long jHi = jLo + all.get(2 * q + 1);
                rc[q] = (int) overlap(jLo, jHi, out[me], out[me + 1]);
                rd[q] = rc[q] > 0 ? (int) (Math.max(jLo, out[me]) - out[me]) : 0;
            }
        }

        /** <b>Collective.</b> Moves the runs: {@code run} (this rank's count words) into {@code dst} ({@link #mine}). */
        void exchange(LongBuffer run, LongBuffer dst) {
            comm.allToAllV(run, sc, sd, dst, rc, rd);
        }
    }

    /** <b>Collective.</b> {@link #compact} for a {@link #runs} layout: the run's words, compacted. */
    static Compacted compactRun(Communicator comm, DistArray a, DistArray mask, boolean asFloat, boolean wordIsFlat) {
        int n = ElementExchange.contributes(a.distribution()) ? (int) a.distribution().ownedElementCount() : 0;
        try (ElementExchange.Words run = new ElementExchange.Words(n)) {
            int c = collectRun(a, mask, asFloat, wordIsFlat, run.buf);
            RunPlan plan = new RunPlan(comm, runStart(a.distribution()), c);
            try (ElementExchange.Words got = new ElementExchange.Words(plan.mine)) {
                plan.exchange(run.buf, got.buf);
                long[] local = new long[plan.mine];
                got.buf.get(0, local);
                run.done();
                got.done();
                return new Compacted(plan.total, local);
            }
        }
    }

    /** <b>Collective.</b> Orders every rank's picks by flat index (over {@code [0, size)}) into a balanced 1-D run. */
    static Compacted compact(Communicator comm, long size, Picks picks) {
        int p = comm.size();
        int me = comm.rank();
        long[] chunks = Partitions.balanced(size, p);
        int[] dest = new int[picks.n];
        int[] sendCounts = new int[p];
        for (int i = 0; i < picks.n; i++) {
            int c = Arrays.binarySearch(chunks, picks.flats[i]);
            c = c >= 0 ? c : -c - 2;
            while (c < p - 1 && chunks[c + 1] <= picks.flats[i]) {
                c++;
            }
            dest[i] = c;
            sendCounts[c] += 2;
        }
        int[] fill = ElementExchange.exclusivePrefix(sendCounts);
        LongBuffer send = DirectBuffers.longs(2 * picks.n);
        for (int i = 0; i < picks.n; i++) {
            int at = fill[dest[i]];
            fill[dest[i]] += 2;
            send.put(at, picks.flats[i]);
            send.put(at + 1, picks.words[i]);
        }
        int[] recvCounts = ElementExchange.exchangeCounts(comm, sendCounts);
        int total = ElementExchange.sum(recvCounts);
        LongBuffer got = DirectBuffers.longs(total);
        comm.allToAllV(send, sendCounts, got, recvCounts);
        long[] run = ordered(got, total / 2, chunks[me], chunks[me + 1]);

        LongBuffer counts = DirectBuffers.longs(p);
        comm.allGather(DirectBuffers.of((long) run.length), counts);
        long[] starts = new long[p + 1];
        for (int r = 0; r < p; r++) {
            starts[r + 1] = starts[r] + counts.get(r);
        }
        long all = starts[p];
        long[] out = Partitions.balanced(all, p);
        int[] sc = new int[p];
        int[] rc = new int[p];
        for (int q = 0; q < p; q++) {
            sc[q] = (int) overlap(starts[me], starts[me + 1], out[q], out[q + 1]);
            rc[q] = (int) overlap(starts[q], starts[q + 1], out[me], out[me + 1]);
        }
        LongBuffer s2 = DirectBuffers.longs(run.length);
        s2.put(0, run);
        LongBuffer r2 = DirectBuffers.longs((int) (out[me + 1] - out[me]));
        comm.allToAllV(s2, sc, r2, rc);
        long[] local = new long[r2.capacity()];
        r2.get(0, local);
        return new Compacted(all, local);
    }

    private static long overlap(long lo1, long hi1, long lo2, long hi2) {
        return Math.max(0, Math.min(hi1, hi2) - Math.max(lo1, lo2));
    }

    /** The words of {@code n} received (flat, word) pairs in flat order; the flats lie in {@code [lo, hi)}. */
    private static long[] ordered(LongBuffer pairs, int n, long lo, long hi) {
        long[] words = new long[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            words[i] = pairs.get(2 * i + 1);
            if (i > 0 && pairs.get(2 * i) < pairs.get(2 * i - 2)) {
                sorted = false;
            }
        }
        if (sorted) {
            return words;
        }
        int span = (int) (hi - lo);
        long[] slot = new long[span];
        boolean[] used = new boolean[span];
        for (int i = 0; i < n; i++) {
            int k = (int) (pairs.get(2 * i) - lo);
            slot[k] = pairs.get(2 * i + 1);
            used[k] = true;
        }
        int j = 0;
        for (int k = 0; k < span; k++) {
            if (used[k]) {
                words[j++] = slot[k];
            }
        }
        return words;
    }
}
