package org.jdistarray.dist;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.dist.Redistribution.Box;

/**
 * This rank's lists of a structured plan ({@link Redistribution#plan}, {@link Redistribution#transpose}): the per-axis
 * pieces ({@link AxisPieces}) combined into N-d boxes for every (source position, target position) pair this rank
 * sends or receives, in the same order on both sides.
 */
final class BoxPlanner {
    private BoxPlanner() {
    }

    /** This rank's lists of the axis-permuted plan, from the per-axis pieces. */
    static Redistribution.Lists planLists(Distribution from, Distribution to, int[] axes) {
        return planLists(from, to, axes, false);
    }

    /**
     * This rank's lists; with {@code ghost} (a distribution to itself, identity axes) periodic axes fill their boundary
     * padding from the periodic images ({@link AxisPieces#ghost}).
     */
    static Redistribution.Lists planLists(Distribution from, Distribution to, int[] axes, boolean ghost) {
        int n = to.ndim();
        int p = from.communicator().size();
        int me = from.rank();
        long[][][][][] pieces = new long[n][][][][];
        for (int k = 0; k < n; k++) {
            pieces[k] = ghost ? AxisPieces.ghost(to.axes().get(k))
                    : AxisPieces.of(from.axes().get(axes[k]), to.axes().get(k));
        }
        Redistribution.Lists out = Redistribution.Lists.empty(p);
        int srcPositions = from.layout().rankCount();
        // sends: to every target rank, the source positions this rank supplies for it
        for (int t = 0; t < p; t++) {
            int dp = position(to, t);
            if (dp < 0) {
                continue;
            }
            for (int sp = 0; sp < srcPositions; sp++) {
                if (supplier(from, t, sp) == me) {
                    List<Box> src = t == me ? out.localSrc() : out.send().get(t);
                    List<Box> dst = t == me ? out.localDst() : new ArrayList<>();
                    boxes(from, to, axes, pieces, sp, dp, me, t, src, dst);
                }
            }
        }
        // receives: from the supplier of every source position
        int dp = position(to, me);
        if (dp >= 0) {
            for (int sp = 0; sp < srcPositions; sp++) {
                int s = supplier(from, me, sp);
                if (s != me) {
                    boxes(from, to, axes, pieces, sp, dp, s, me, new ArrayList<>(), out.recv().get(s));
                }
            }
        }
        return out;
    }

    /** The grid position whose block rank {@code r} holds in {@code d}, or -1 if it holds nothing. */
    static int position(Distribution d, int r) {
        if (d.layout().rankCount() == 1) {
            return d.mapOf(r).holdsNothing() ? -1 : 0;
        }
        return r;
    }

    /** The rank that sends source position {@code sp} to target rank {@code t}: itself when it holds a copy. */
    static int supplier(Distribution from, int t, int sp) {
        if (from.layout().rankCount() != 1) {
            return sp;
        }
        return from.holder() >= 0 ? from.holder() : t;
    }

    /** Appends the boxes of (source position sp on rank s, target position dp on rank t), both sides, in order. */
    private static void boxes(Distribution from, Distribution to, int[] axes, long[][][][][] pieces, int sp, int dp,
            int s, int t, List<Box> srcOut, List<Box> dstOut) {
        int n = axes.length;
        int[] cs = from.layout().grid().coordsOf(sp);
        int[] cd = to.layout().grid().coordsOf(dp);
        long[] sc = cStrides(from.localShapeOf(s));
        long[] dc = cStrides(to.localShapeOf(t));
        long[][][] perAxis = new long[n][][];
        for (int k = 0; k < n; k++) {
            perAxis[k] = pieces[k][cs[axes[k]]][cd[k]];
            if (perAxis[k].length == 0) {
                return;
            }
        }
        int[] idx = new int[n];
        while (true) {
            long so = 0;
            long dOff = 0;
            long[] ss = new long[n];
            long[] ds = new long[n];
            long[] counts = new long[n];
            for (int k = 0; k < n; k++) {
                long[] pc = perAxis[k][idx[k]];
                long sStride = sc[axes[k]];
                so += pc[0] * sStride;
                ss[k] = pc[1] * sStride;
                dOff += pc[2] * dc[k];
                ds[k] = pc[3] * dc[k];
                counts[k] = pc[4];
            }
            srcOut.add(new Box(so, ss, counts));
            dstOut.add(new Box(dOff, ds, counts.clone()));
            int k = n - 1;
            while (k >= 0 && ++idx[k] == perAxis[k].length) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return;
            }
        }
    }

    static long[] cStrides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= Math.max(1, shape[i]);
        }
        return s;
    }
}
