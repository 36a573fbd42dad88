package org.jdistarray.algo;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;

/**
 * Sample sort (regular sampling) of one distributed 1-d sequence of keys, from a block layout (rank r holds global
 * positions {@code [offset_r, offset_r + n_r)}, ascending with r) to given target counts per rank. Stable: every key
 * is ordered by (key, tag), where the tag is its global index (argsort) or, when only keys move, its position in the
 * rank's sorted block plus the rank's offset, which splits long runs of equal keys across ranks evenly.
 */
final class SampleSort {
    private static final int OVERSAMPLE = 16;

    /** The sorted keys (and global indices, or null) this rank holds afterwards, and the phase times. */
    record Out(long[] keys, long[] tags, Map<String, Long> phases) {
    }

    private SampleSort() {
    }

    /**
     * <b>Collective.</b> Sorts; {@code withIndex}: carry the global indices {@code offset + i} along (argsort).
     * {@code target[r]} is how many sorted keys rank r gets.
     */
    static Out sort(Communicator comm, long[] keys, long offset, boolean withIndex, long[] target, long budget,
            Exchange.Meter meter) {
        Map<String, Long> phases = new LinkedHashMap<>();
        int p = comm.size();
        int n = keys.length;
        long t0 = System.nanoTime();
        long[] tags = null;
        if (withIndex) {
            tags = new long[n];
            for (int i = 0; i < n; i++) {
                tags[i] = offset + i;
            }
        }
        meter.hold(8L * n * (withIndex ? 2 : 1)); // the radix sort's scratch
        RadixSort.sort(keys, tags);
        meter.release(8L * n * (withIndex ? 2 : 1));
        long t1 = System.nanoTime();
        phases.put("localSort", t1 - t0);
        if (p == 1) {
            phases.put("exchange", 0L);
            phases.put("merge", 0L);
            return new Out(keys, tags, phases);
        }
        // splitters from regular samples
        int s = (int) Math.min(n, (long) OVERSAMPLE * p);
        long[][] samples = gatherSamples(comm, keys, tags, offset, s, meter);
        long[] sk = samples[0];
        long[] st = samples[1];
        int m = sk.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> sk[i]).thenComparingLong(i -> st[i]));
        int[] sendCounts = new int[p];
        int prev = 0;
        for (int d = 0; d < p - 1; d++) {
            int cut = prev;
            if (m > 0) {
                int at = order[(int) ((long) (d + 1) * m / p)];
                cut = upper(keys, tags, offset, prev, n, sk[at], st[at]);
            }
            sendCounts[d] = cut - prev;
            prev = cut;
        }
        sendCounts[p - 1] = n - prev;
        int[] recvCounts = Exchange.counts(comm, sendCounts);
        long[] rk = Exchange.allToAllV(comm, keys, sendCounts, recvCounts, budget, meter);
        long[] rt = withIndex ? Exchange.allToAllV(comm, tags, sendCounts, recvCounts, budget, meter) : null;
        long t2 = System.nanoTime();
        int[] bounds = new int[p + 1];
        for (int d = 0; d < p; d++) {
            bounds[d + 1] = bounds[d] + recvCounts[d];
        }
        meter.hold(8L * rk.length * (withIndex ? 2 : 1));
        LocalSort.mergeRuns(rk, rt, bounds);
        meter.release(8L * rk.length * (withIndex ? 2 : 1));
        long t3 = System.nanoTime();
        // rebalance: this rank holds sorted positions [start, start + rk.length)
        long[] sizes = Collectives.allGather(comm, (long) rk.length);
        long start = 0;
        for (int r = 0; r < comm.rank(); r++) {
            start += sizes[r];
        }
        int[] sc = new int[p];
        long tlo = 0;
        for (int d = 0; d < p; d++) {
            long thi = tlo + target[d];
            long lo = Math.max(tlo, start);
            long hi = Math.min(thi, start + rk.length);
            sc[d] = (int) Math.max(0, hi - lo);
            tlo = thi;
        }
        int[] rc = Exchange.counts(comm, sc);
        long[] fk = Exchange.allToAllV(comm, rk, sc, rc, budget, meter);
        long[] ft = withIndex ? Exchange.allToAllV(comm, rt, sc, rc, budget, meter) : null;
        long t4 = System.nanoTime();
        phases.put("exchange", (t2 - t1) + (t4 - t3));
        phases.put("merge", t3 - t2);
        return new Out(fk, ft, phases);
    }

    /** First position in [from, n) whose (key, tag) is above (k, t). */
    private static int upper(long[] keys, long[] tags, long offset, int from, int n, long k, long t) {
        int lo = from;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long mt = tags == null ? offset + mid : tags[mid];
            if (keys[mid] < k || (keys[mid] == k && mt <= t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long[][] gatherSamples(Communicator comm, long[] keys, long[] tags, long offset, int s,
            Exchange.Meter meter) {
        int p = comm.size();
        int n = keys.length;
        int[] counts = Collectives.allGather(comm, s);
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        LongBuffer send = DirectBuffers.longs(Math.max(1, 2 * s));
        for (int i = 0; i < s; i++) {
            int at = (int) (((long) i * n + n / 2) / s);
            send.put(i, keys[at]);
            send.put(s + i, tags == null ? offset + at : tags[at]);
        }
        send.limit(2 * s);
        int[] c2 = new int[p];
        int[] d2 = new int[p];
        for (int r = 0; r < p; r++) {
            c2[r] = 2 * counts[r];
            d2[r] = r == 0 ? 0 : d2[r - 1] + c2[r - 1];
        }
        LongBuffer recv = DirectBuffers.longs(Math.max(1, 2 * total));
        comm.allGatherV(send, recv, c2, d2);
        meter.rounds++;
        meter.sent += 16L * s;
        long[] sk = new long[total];
        long[] st = new long[total];
        int o = 0;
        for (int r = 0; r < p; r++) {
            for (int i = 0; i < counts[r]; i++) {
                sk[o] = recv.get(d2[r] + i);
                st[o] = recv.get(d2[r] + counts[r] + i);
                o++;
            }
        }
        return new long[][] {sk, st};
    }

}
