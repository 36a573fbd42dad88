package org.jdistarray.dist;

import java.util.Arrays;
import java.util.List;

import org.jdistarray.dist.Redistribution.Box;
import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.NdMap;

/**
 * Plans element by element, for maps without per-axis structure in common (a C-order reshape): every owned cell is
 * mapped through its flat index, the streams are ordered by flat index on both sides, and consecutive offsets are
 * merged into runs (1-D boxes of the flat local block).
 */
final class ElementPlanner {
    /** A growable list of (flat index, local offset) pairs. */
    private static final class Pairs {
        long[] flat = new long[16];
        long[] off = new long[16];
        int n;

        void add(long f, long o) {
            if (n == flat.length) {
                flat = Arrays.copyOf(flat, n * 2);
                off = Arrays.copyOf(off, n * 2);
            }
            flat[n] = f;
            off[n++] = o;
        }

        /** Sorts by flat index if not sorted already (only unstructured axes break the order). */
        void sort() {
            for (int i = 1; i < n; i++) {
                if (flat[i] < flat[i - 1]) {
                    long[][] p = new long[n][];
                    for (int k = 0; k < n; k++) {
                        p[k] = new long[] {flat[k], off[k]};
                    }
                    Arrays.sort(p, (x, y) -> Long.compare(x[0], y[0]));
                    for (int k = 0; k < n; k++) {
                        flat[k] = p[k][0];
                        off[k] = p[k][1];
                    }
                    return;
                }
            }
        }
    }

    private ElementPlanner() {
    }

    static Redistribution.Lists reshape(Distribution from, Distribution to) {
        int p = from.communicator().size();
        int me = from.rank();
        long[] fs = from.shape();
        long[] ts = to.shape();
        Pairs[] send = new Pairs[p];
        Pairs[] recv = new Pairs[p];
        for (int r = 0; r < p; r++) {
            send[r] = new Pairs();
            recv[r] = new Pairs();
        }
        long[] gs = new long[fs.length];
        long[] gt = new long[ts.length];
        if (BoxPlanner.position(from, me) >= 0) {
            from.localMap().forEachOwned((g, off) -> {
                long f = flat(fs, g);
                unflat(ts, f, gt);
                for (int t : targets(to, gt)) {
                    if (source(from, t, g) == me) {
                        send[t].add(f, off);
                    }
                }
            });
        }
        if (BoxPlanner.position(to, me) >= 0) {
            to.localMap().forEachOwned((g, off) -> {
                long f = flat(ts, g);
                unflat(fs, f, gs);
                recv[source(from, me, gs)].add(f, off);
            });
        }
        Redistribution.Lists out = Redistribution.Lists.empty(p);
        for (int r = 0; r < p; r++) {
            send[r].sort();
            recv[r].sort();
            if (r != me) {
                runs(send[r], out.send().get(r));
                runs(recv[r], out.recv().get(r));
            }
        }
        localRuns(send[me], recv[me], out.localSrc(), out.localDst());
        return out;
    }

    /** The ranks holding target element {@code g} (owned, not ghost copies). */
    private static int[] targets(Distribution to, long[] g) {
        if (to.layout().rankCount() == 1) {
            if (to.holder() >= 0) {
                return new int[] {to.holder()};
            }
            int[] all = new int[to.communicator().size()];
            for (int r = 0; r < all.length; r++) {
                all[r] = r;
            }
            return all;
        }
        try {
            return new int[] {to.layout().ownerOf(g)};
        } catch (DistributionException several) {
            throw new DistArrayException("reshape into a distribution with an unstructured axis that is not"
                    + " one-to-one is not supported: " + several.getMessage());
        }
    }

    /** The rank that sends source element {@code g} to target rank {@code t}. */
    private static int source(Distribution from, int t, long[] g) {
        if (from.layout().rankCount() == 1) {
            return BoxPlanner.supplier(from, t, 0);
        }
        try {
            return from.layout().ownerOf(g);
        } catch (DistributionException several) {
            for (int r = 0; r < from.communicator().size(); r++) {
                NdMap m = from.mapOf(r);
                if (m.owns(g)) {
                    return r;
                }
            }
            throw several;
        } catch (IndexOutOfBoundsException none) {
            throw new DistArrayException("reshape: no rank of the source holds element " + Arrays.toString(g));
        }
    }

    private static void runs(Pairs p, List<Box> out) {
        int i = 0;
        while (i < p.n) {
            int j = i + 1;
            while (j < p.n && p.off[j] == p.off[j - 1] + 1) {
                j++;
            }
            out.add(new Box(p.off[i], new long[] {1}, new long[] {j - i}));
            i = j;
        }
    }

    private static void localRuns(Pairs s, Pairs d, List<Box> src, List<Box> dst) {
        if (s.n != d.n) {
            throw new IllegalStateException("reshape plan: " + s.n + " local cells to send, " + d.n + " to receive");
        }
        int i = 0;
        while (i < s.n) {
            int j = i + 1;
            while (j < s.n && s.off[j] == s.off[j - 1] + 1 && d.off[j] == d.off[j - 1] + 1) {
                j++;
            }
            src.add(new Box(s.off[i], new long[] {1}, new long[] {j - i}));
            dst.add(new Box(d.off[i], new long[] {1}, new long[] {j - i}));
            i = j;
        }
    }

    static long flat(long[] shape, long[] g) {
        long f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + g[i];
        }
        return f;
    }

    static void unflat(long[] shape, long f, long[] out) {
        for (int i = shape.length - 1; i >= 0; i--) {
            out[i] = f % shape[i];
            f /= shape[i];
        }
    }
}
