package org.jdistarray.ops;

import java.nio.LongBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.Partitions;

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
