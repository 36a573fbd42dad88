package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.UndistributedAxis;
import org.jdistarray.protocol.UnstructuredAxis;

/**
 * The layout of a reduction's result, and the ranks that reduce together. Kept axes keep their distribution (padding
 * dropped); with {@code keepdims} a reduced axis becomes a length-1 block axis over its grid axis, held by grid
 * coordinate 0; without, the reduced grid axes fold into the nearest kept axis (to the left, else to the right),
 * whose positions with a non-zero coordinate on a folded axis hold nothing. Either way the result lives on the ranks
 * whose coordinates on the reduced grid axes are 0: rank 0 of the sub-communicator along the reduced grid axes.
 */
final class ReducedLayout {
    private static final Object SCALAR_KEY = new Object();

    /** The 0-d distribution of full reductions, cached on the communicator (nothing to close). */
    private record Scalar(Distribution dist) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    final boolean[] reduced;
    final boolean full;
    final Distribution result;
    /** Whether ranks must combine partial results (some reduced grid axis has more than one rank). */
    final boolean communicates;

    private ReducedLayout(boolean[] reduced, boolean full, Distribution result, boolean communicates) {
        this.reduced = reduced;
        this.full = full;
        this.result = result;
        this.communicates = communicates;
    }

    /** The 0-d distribution of a full reduction's result on {@code c} (one per communicator, made once). */
    static Distribution scalar(Communicator c) {
        return c.attributes().computeIfAbsent(SCALAR_KEY, Scalar.class,
                () -> new Scalar(Distribution.builder(c).shape().build())).dist;
    }

    /**
     * The layouts of the last {@link #CACHED} (input, axes, keepdims) reductions on a communicator, input by identity
     * (a distribution is immutable): a repeated reduction of the same array skips building its result's distribution
     * (which, after a sweep over a large block, costs tens of microseconds of cache misses).
     */
    private static final class Recent implements AutoCloseable {
        final Entry[] entries = new Entry[CACHED];
        int next;

        @Override
        public void close() {
        }
    }

    /** One cached layout: its input and keepdims (the axes are the layout's own {@link #reduced}). */
    private record Entry(Distribution in, boolean keepdims, ReducedLayout layout) {
    }

    private static final int CACHED = 8;
    private static final Object RECENT_KEY = new Object();

    static ReducedLayout of(Distribution in, boolean[] reduced, boolean keepdims) {
        Recent r = in.communicator().attributes().computeIfAbsent(RECENT_KEY, Recent.class, Recent::new);
        for (Entry e : r.entries) {
            if (e != null && e.in() == in && e.keepdims() == keepdims && Arrays.equals(e.layout().reduced, reduced)) {
                return e.layout();
            }
        }
        ReducedLayout l = make(in, reduced.clone(), keepdims);
        r.entries[r.next] = new Entry(in, keepdims, l);
        r.next = (r.next + 1) % CACHED;
        return l;
    }

    private static ReducedLayout make(Distribution in, boolean[] reduced, boolean keepdims) {
        int n = in.ndim();
        int[] grid = in.gridShape();
        boolean full = true;
        boolean comm = false;
        for (int i = 0; i < n; i++) {
            full &= reduced[i];
            comm |= reduced[i] && grid[i] > 1;
        }
        if (in.isReplicated() || in.communicator().size() == 1) {
            comm = false;
        }
        if (in.holder() >= 0 && in.communicator().size() > 1) {
            comm = true; // a 0-d array on one rank: the others learn its value
        }
        Communicator c = in.communicator();
        if (full && !keepdims) {
            return new ReducedLayout(reduced, true, scalar(c), comm);
        }
        if (full) {
            long[] shape = new long[keepdims ? n : 0];
            Arrays.fill(shape, 1);
            DistributionBuilder b = Distribution.builder(c).shape(shape);
            for (int i = 0; i < shape.length; i++) {
                b.undistributed(i);
            }
            return new ReducedLayout(reduced, true, b.build(), comm);
        }
        List<AxisDistribution> axes = in.axes();
        List<AxisDistribution> out = new ArrayList<>();
        if (keepdims) {
            for (int i = 0; i < n; i++) {
                out.add(reduced[i] ? lengthOne(grid[i]) : strip(axes.get(i)));
            }
        } else {
            int[] left = new int[n];
            int[] right = new int[n];
            Arrays.fill(left, 1);
            Arrays.fill(right, 1);
            int firstKept = -1;
            int lastKept = -1;
            int pendingLeft = 1;
            for (int i = 0; i < n; i++) {
                if (!reduced[i]) {
                    if (firstKept < 0) {
                        firstKept = i;
                        left[i] = pendingLeft;
                    }
                    lastKept = i;
                } else if (lastKept >= 0) {
                    right[lastKept] *= grid[i];
                } else {
                    pendingLeft *= grid[i];
                }
            }
            for (int i = 0; i < n; i++) {
                if (!reduced[i]) {
                    out.add(expand(strip(axes.get(i)), left[i], right[i]));
                }
            }
        }
        return new ReducedLayout(reduced, false, Distribution.fromGlobalDimData(c, out), comm);
    }

    private static AxisDistribution lengthOne(int gridSize) {
        if (gridSize == 1) {
            return new UndistributedAxis(1);
        }
        long[] bounds = new long[gridSize + 1];
        Arrays.fill(bounds, 1, bounds.length, 1);
        return new BlockAxis(bounds);
    }

    private static AxisDistribution strip(AxisDistribution a) {
        if (a instanceof BlockAxis b && (b.commPadding() != 0 || b.boundaryPadding() != 0 || b.periodic())) {
            return new BlockAxis(b.bounds());
        }
        return a;
    }

    /** Axis {@code a} over {@code fl * g * fr} positions; only those with zero folded coordinates hold its parts. */
    private static AxisDistribution expand(AxisDistribution a, int fl, int fr) {
        if (fl == 1 && fr == 1) {
            return a;
        }
        int g = a.gridSize();
        int p = fl * g * fr;
        long size = a.size();
        if (a instanceof BlockAxis || a instanceof UndistributedAxis) {
            long[] b = a instanceof BlockAxis ba ? ba.bounds() : new long[] {0, size};
            long[] bounds = new long[p + 1];
            for (int q = 0; q <= p; q++) {
                bounds[q] = q < g * fr ? (q % fr == 0 ? b[q / fr] : b[q / fr + 1]) : size;
            }
            return new BlockAxis(bounds);
        }
        long[][] idx = new long[p][];
        for (int q = 0; q < p; q++) {
            idx[q] = q < g * fr && q % fr == 0 ? a.dimFor(q / fr).ownedGlobalIndices().toArray() : new long[0];
        }
        return new UnstructuredAxis(size, idx, !(a instanceof UnstructuredAxis u) || u.oneToOne());
    }
}
