package org.jdistarray.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.NdMap;
import org.jdistarray.protocol.UndistributedAxis;
import org.jdistarray.protocol.UnstructuredAxis;

/**
 * The index math of basic slicing views: from a {@link Distribution} and a resolved basic index ({@link Plan}), the
 * distribution of the view and this rank's piece of its own local block, with no communication and no data moved.
 * <b>Not collective</b> (deterministic: every rank derives the same distribution).
 *
 * <p>Per source axis: a block axis (regular or irregular bounds, padding dropped) keeps a block axis whose bounds
 * are the slice positions each grid position owns (O(grid size)); with a negative step the pieces come in reverse
 * grid order, so the axis becomes unstructured (each grid position lists its positions: O(selected count)). An
 * undistributed axis (or any axis of grid size 1 but unstructured) stays undistributed. A cyclic axis stays cyclic
 * when the step keeps the pattern: block size 1 with {@code start % P == 0} and {@code step % P == 1}, or any block
 * size {@code B} with step 1 and {@code start % (B*P) == 0}. A whole {@code :} keeps any axis unchanged. An integer
 * on a distributed axis leaves one grid position holding the row; that axis' grid dimension is merged into a
 * neighbouring block or undistributed axis (the C-order rank numbering is kept), or, with no axes left, the result
 * is a 0-d array held by the owner. Anything else has no view ({@link #view} returns null): the array layer copies.
 */
public final class Slicing {
    private Slicing() {
    }

    /**
     * A resolved basic index: per source axis the positions {@code start + k*step, 0 <= k < count} ({@code drop}
     * for an integer index, count 1), and per result axis its source axis or -1 for a new axis.
     */
    public record Plan(long[] start, long[] step, long[] count, boolean[] drop, int[] outAxes) {
        /** The shape of the result. */
        public long[] shape() {
            long[] s = new long[outAxes.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = outAxes[i] < 0 ? 1 : count[outAxes[i]];
            }
            return s;
        }
    }

    /**
     * A view: its distribution, and this rank's piece as an element offset and per-axis element strides into the
     * source's memory, given the source's local layout ({@code baseOffset}, {@code localStrides}).
     */
    public record View(Distribution distribution, long offset, long[] shape, long[] strides) {
    }

    /** <b>Not collective.</b> The view of {@code d} selected by {@code p}, or null when the layout has no view. */
    public static View view(Distribution d, Plan p, long baseOffset, long[] localStrides) {
        if (d.holder() >= 0) {
            return heldZeroD(d, p, baseOffset);
        }
        int n = d.ndim();
        List<AxisDistribution> axes = d.layout().axes();
        NdMap map = d.localMap();
        int[] coords = d.layout().rankCount() == 1 ? new int[n] : d.gridCoords();
        long[] cs = localStrides;
        AxisDistribution[] derived = new AxisDistribution[n];
        long offset = baseOffset;
        long[] lstep = new long[n];
        long[] lcount = new long[n];
        boolean empty = false;
        for (int a = 0; a < n; a++) {
            long[] piece = new long[2]; // local start, local count
            derived[a] = axis(axes.get(a), map.dims().get(a), coords[a], p.start()[a], p.step()[a], p.count()[a],
                    piece);
            if (derived[a] == null) {
                return null;
            }
            lcount[a] = piece[1];
            lstep[a] = isWhole(axes.get(a), p, a) ? 1 : p.step()[a];
            if (piece[1] == 0) {
                empty = true;
            } else {
                offset += piece[0] * cs[a];
            }
        }
        // integer indices: drop the axis, merging its grid dimension into a neighbour when it has one
        List<AxisDistribution> kept = new ArrayList<>();
        List<Integer> keptSource = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            kept.add(derived[a]);
            keptSource.add(a);
        }
        int holderCoordRank = -1;
        for (int a = 0; a < n; a++) {
            if (!p.drop()[a]) {
                continue;
            }
            int i = keptSource.indexOf(a);
            AxisDistribution ax = kept.get(i);
            if (ax.gridSize() > 1) {
                int owner = ax.ownerOf(0);
                int nb = neighbour(kept, keptSource, p, i);
                if (nb < 0) {
                    if (kept.size() - countDropped(keptSource, p) > 0) {
                        return null;
                    }
                    holderCoordRank = 0; // resolved below: the whole result is one element
                } else {
                    AxisDistribution merged = merge(kept.get(nb), ax.gridSize(), owner, nb > i);
                    if (merged == null) {
                        return null;
                    }
                    kept.set(nb, merged);
                }
            }
            kept.remove(i);
            keptSource.remove(i);
        }
        // the result's axes in order, with new axes
        List<AxisDistribution> out = new ArrayList<>();
        int m = p.outAxes().length;
        long[] shape = new long[m];
        long[] strides = new long[m];
        for (int j = 0; j < m; j++) {
            int s = p.outAxes()[j];
            if (s < 0) {
                out.add(new UndistributedAxis(1));
                shape[j] = empty ? 0 : 1;
                strides[j] = 0;
            } else {
                out.add(kept.get(keptSource.indexOf(s)));
                shape[j] = lcount[s];
                strides[j] = lstep[s] * cs[s];
            }
        }
        if (holderCoordRank >= 0 && !out.isEmpty()) {
            return null; // only new axes around one element held by one rank: the copy path
        }
        Distribution result;
        if (out.isEmpty() && holderCoordRank >= 0) {
            long[] at = new long[n];
            for (int a = 0; a < n; a++) {
                at[a] = p.start()[a];
            }
            result = Distribution.zeroDOnRank(d.communicator(), d.ownerOf(at));
        } else {
            result = Distribution.of(d.communicator(), GlobalLayout.fromAxes(out));
        }
        long[] want = result.localShape();
        if (empty) {
            offset = 0;
            shape = result.localMap().holdsNothing() ? shape : want;
            if (!result.localMap().holdsNothing() && ShapeMath.size(want) != 0) {
                throw new IllegalStateException("slicing math: rank " + d.rank() + " has an empty piece but the"
                        + " derived distribution gives it " + Arrays.toString(want) + " (" + result + ")");
            }
        }
        if (!result.localMap().holdsNothing() && !Arrays.equals(want, shape)) {
            throw new IllegalStateException("slicing math: local shape " + Arrays.toString(shape)
                    + " but the derived distribution says " + Arrays.toString(want) + " (" + result + ")");
        }
        return new View(result, offset, shape, strides);
    }

    /** A 0-d array held by one rank: the same, or new axes whose first is a block axis only the holder has. */
    private static View heldZeroD(Distribution d, Plan p, long baseOffset) {
        int m = p.outAxes().length;
        if (m == 0) {
            return new View(d, baseOffset, new long[0], new long[0]);
        }
        int ranks = d.communicator().size();
        long[] b = new long[ranks + 1];
        for (int r = d.holder() + 1; r <= ranks; r++) {
            b[r] = 1;
        }
        List<AxisDistribution> axes = new ArrayList<>();
        axes.add(new BlockAxis(b));
        for (int j = 1; j < m; j++) {
            axes.add(new UndistributedAxis(1));
        }
        Distribution result = Distribution.of(d.communicator(), GlobalLayout.fromAxes(axes));
        long[] shape = result.localShape();
        return new View(result, ShapeMath.size(shape) == 0 ? 0 : baseOffset, shape, new long[m]);
    }

    private static boolean isWhole(AxisDistribution ax, Plan p, int a) {
        return !(ax instanceof BlockAxis) && p.start()[a] == 0 && p.step()[a] == 1 && p.count()[a] == ax.size()
                && !p.drop()[a];
    }

    private static int countDropped(List<Integer> src, Plan p) {
        int c = 0;
        for (int s : src) {
            c += p.drop()[s] ? 1 : 0;
        }
        return c;
    }

    /** A kept (not dropped) axis next to position i, the following one first. */
    private static int neighbour(List<AxisDistribution> kept, List<Integer> src, Plan p, int i) {
        for (int j = i + 1; j < kept.size(); j++) {
            if (!p.drop()[src.get(j)]) {
                return mergeable(kept, i, j) ? j : -1;
            }
        }
        for (int j = i - 1; j >= 0; j--) {
            if (!p.drop()[src.get(j)]) {
                return mergeable(kept, j, i) ? j : -1;
            }
        }
        return -1;
    }

    /** Whether the axes strictly between i and j have grid size 1 (so merging keeps the C-order rank numbering). */
    private static boolean mergeable(List<AxisDistribution> kept, int i, int j) {
        for (int k = i + 1; k < j; k++) {
            if (kept.get(k).gridSize() != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Merges a dropped axis of {@code g} grid positions (only {@code owner} holding the row) into a block or
     * undistributed neighbour; {@code after}: the neighbour follows the dropped axis in the grid.
     */
    private static AxisDistribution merge(AxisDistribution nb, int g, int owner, boolean after) {
        long[] b;
        if (nb instanceof BlockAxis ba) {
            b = ba.bounds();
        } else if (nb instanceof UndistributedAxis u) {
            b = new long[] {0, u.size()};
        } else {
            return null;
        }
        int gj = b.length - 1;
        long size = b[gj];
        long[] nbds = new long[g * gj + 1];
        for (int mpos = 0; mpos < g * gj; mpos++) {
            int ca = after ? mpos / gj : mpos % g;
            int cj = after ? mpos % gj : mpos / g;
            long lo;
            if (after) {
                lo = ca < owner ? 0 : ca == owner ? b[cj] : size;
            } else {
                lo = ca <= owner ? b[cj] : b[cj + 1];
            }
            nbds[mpos] = lo;
        }
        nbds[g * gj] = size;
        return new BlockAxis(nbds);
    }

    /** The derived axis and this rank's piece {local start, local count}, or null when no view. */
    private static AxisDistribution axis(AxisDistribution ax, DimDistribution dim, int coord, long start, long step,
                                         long count, long[] piece) {
        long n = ax.size();
        if (ax instanceof BlockAxis ba) {
            long[] b = ba.bounds();
            int g = b.length - 1;
            long[] mine = kRange(start, step, count, b[coord], b[coord + 1]);
            long lo = mine[0];
            long hi = mine[1];
            piece[1] = hi - lo;
            piece[0] = hi > lo ? dim.localFromGlobal(start + lo * step) : 0;
            if (g == 1) {
                return new UndistributedAxis(count);
            }
            long[][] ranges = new long[g][];
            for (int c = 0; c < g; c++) {
                ranges[c] = kRange(start, step, count, b[c], b[c + 1]);
            }
            if (step > 0) {
                long[] nb = new long[g + 1];
                for (int c = 0; c < g; c++) {
                    nb[c] = ranges[c][0];
                }
                nb[g] = count;
                for (int c = g - 1; c >= 0; c--) { // empty ranges take the next start
                    if (ranges[c][1] <= ranges[c][0]) {
                        nb[c] = nb[c + 1];
                    }
                }
                return new BlockAxis(nb);
            }
            long[][] idx = new long[g][];
            for (int c = 0; c < g; c++) {
                long len = Math.max(0, ranges[c][1] - ranges[c][0]);
                idx[c] = new long[Math.toIntExact(len)];
                for (int k = 0; k < len; k++) {
                    idx[c][k] = ranges[c][0] + k;
                }
            }
            return new UnstructuredAxis(count, idx, true);
        }
        if (ax instanceof UndistributedAxis) {
            piece[0] = start;
            piece[1] = count;
            return new UndistributedAxis(count);
        }
        if (start == 0 && step == 1 && count == n) {
            piece[0] = 0;
            piece[1] = dim.localSize();
            return ax;
        }
        if (ax instanceof CyclicAxis cy) {
            int g = cy.gridSize();
            long bs = cy.blockSize();
            if (g == 1) {
                piece[0] = start;
                piece[1] = count;
                return new UndistributedAxis(count);
            }
            CyclicAxis out;
            long first;
            if (bs == 1 && step > 0 && start % g == 0 && step % g == 1) {
                out = new CyclicAxis(count, g, 1);
                first = start / g + coord * (step / g);
            } else if (step == 1 && start % (bs * g) == 0) {
                out = new CyclicAxis(count, g, bs);
                first = start / (bs * g) * bs;
            } else {
                return null;
            }
            piece[0] = first;
            piece[1] = out.dimFor(coord).localSize();
            if (piece[1] == 0) {
                piece[0] = 0;
            }
            return out;
        }
        return null; // unstructured: a rank's positions are generally not a strided piece
    }

    /** The k range [lo, hi) with {@code start + k*step} in [a, b). */
    static long[] kRange(long start, long step, long count, long a, long b) {
        long lo;
        long hi;
        if (count == 0 || a >= b) {
            return new long[] {0, 0};
        }
        if (step > 0) {
            lo = start >= a ? 0 : ceilDiv(a - start, step);
            hi = start >= b ? 0 : ceilDiv(b - start, step);
        } else {
            long s = -step;
            lo = start < b ? 0 : ceilDiv(start - b + 1, s);
            hi = start < a ? 0 : ceilDiv(start - a + 1, s);
        }
        lo = Math.min(Math.max(lo, 0), count);
        hi = Math.min(Math.max(hi, 0), count);
        return hi > lo ? new long[] {lo, hi} : new long[] {lo, lo};
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
