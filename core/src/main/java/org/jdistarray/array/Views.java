package org.jdistarray.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Slicing;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.DistKind;

/**
 * Basic indexing of {@link DistArray}s: resolving an {@link Index} tuple with NumPy's rules, building slicing views
 * (the distribution from {@link Slicing}, the memory the source's), and the copy path for layouts without a view.
 * Package level: {@link DistArray#get(Index...)} and friends delegate here.
 */
final class Views {
    private Views() {
    }

    /** NumPy's resolution of a basic index against {@code shape}; the same on every rank (it uses only the shape). */
    static Slicing.Plan plan(long[] shape, Index[] idx) {
        if (idx == null) {
            throw new IllegalArgumentException("index is null");
        }
        int n = shape.length;
        int ellipses = 0;
        int consuming = 0;
        for (Index i : idx) {
            if (i == null) {
                throw new IllegalArgumentException("null entry in the index " + Arrays.toString(idx));
            }
            if (i.isArray()) {
                throw new IllegalArgumentException("an array index (" + i + ") is advanced indexing: it makes a copy,"
                        + " never a view; use get(...) or org.jdistarray.ops.Indexing.get");
            }
            if (i instanceof Index.Ellipsis) {
                ellipses++;
            } else if (!(i instanceof Index.NewAxis)) {
                consuming++;
            }
        }
        if (ellipses > 1) {
            throw new IndexOutOfBoundsException("an index can only have a single ellipsis ('...')");
        }
        if (consuming > n) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + n + "-dimensional, but "
                    + consuming + " were indexed");
        }
        List<Index> full = new ArrayList<>();
        for (Index i : idx) {
            if (i instanceof Index.Ellipsis) {
                for (int k = 0; k < n - consuming; k++) {
                    full.add(Index.all());
                }
            } else {
                full.add(i);
            }
        }
        if (ellipses == 0) {
            for (int k = consuming; k < n; k++) {
                full.add(Index.all());
            }
        }
        long[] start = new long[n];
        long[] step = new long[n];
        long[] count = new long[n];
        boolean[] drop = new boolean[n];
        List<Integer> out = new ArrayList<>();
        int axis = 0;
        for (Index i : full) {
            if (i instanceof Index.NewAxis) {
                out.add(-1);
            } else if (i instanceof Index.At at) {
                long v = at.index() < 0 ? at.index() + shape[axis] : at.index();
                if (v < 0 || v >= shape[axis]) {
                    throw new IndexOutOfBoundsException("index " + at.index() + " is out of bounds for axis " + axis
                            + " with size " + shape[axis]);
                }
                start[axis] = v;
                step[axis] = 1;
                count[axis] = 1;
                drop[axis] = true;
                axis++;
            } else if (i instanceof Index.Slice sl) {
                long[] r = sl.resolve(shape[axis]);
                start[axis] = r[0];
                step[axis] = r[1];
                count[axis] = r[2];
                out.add(axis);
                axis++;
            }
        }
        return new Slicing.Plan(start, step, count, drop, out.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether the index has an array ("advanced") entry: NumPy's advanced indexing, a copy. */
    static boolean hasArray(Index[] idx) {
        if (idx != null) {
            for (Index i : idx) {
                if (i != null && i.isArray()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index as longs for checking-mode agreement. */
    static long[] encode(Index[] idx) {
        long[] e = new long[idx.length * 4];
        for (int k = 0; k < idx.length; k++) {
            Index i = idx[k];
            if (i instanceof Index.At at) {
                e[4 * k] = 1;
                e[4 * k + 1] = at.index();
            } else if (i instanceof Index.Slice s) {
                e[4 * k] = 2;
                e[4 * k + 1] = s.start() == null ? Long.MIN_VALUE : s.start();
                e[4 * k + 2] = s.stop() == null ? Long.MIN_VALUE : s.stop();
                e[4 * k + 3] = s.step() == null ? Long.MIN_VALUE : s.step();
            } else if (i.isArray()) {
                e[4 * k] = 5;
                e[4 * k + 1] = i.hashCode();
            } else {
                e[4 * k] = i instanceof Index.Ellipsis ? 3 : 4;
            }
        }
        return e;
    }

    /** A view of {@code a}, or null when its layout has none. */
    static DistArray tryView(DistArray a, Slicing.Plan p) {
        StridedLayout src = a.layout();
        Slicing.View v = Slicing.view(a.distribution(), p, src.offset(), src.strides());
        if (v == null) {
            return null;
        }
        Storage st = a.rawStorage();
        StridedLayout l = v.distribution().localMap().holdsNothing() ? StridedLayout.contiguous(v.shape())
                : StridedLayout.of(v.shape(), v.offset(), v.strides(), st.elementCount());
        DistArray base = a.isView() ? a.viewBase() : a;
        return new DistArray(v.distribution(), a.dtype(), st, l, base);
    }

    /**
     * <b>Collective</b> (creation). The transpose of {@code a} as a view: {@code to} is the permuted distribution and
     * holds, on every rank, the elements {@code a} holds there (the caller checked), so the local layout is
     * {@code a}'s with its shape and strides permuted.
     */
    static DistArray permuted(DistArray a, Distribution to, int[] perm) {
        a.checkOpen();
        long[] p = new long[perm.length];
        for (int k = 0; k < perm.length; k++) {
            p[k] = perm[k];
        }
        a.verify("transpose", p);
        StridedLayout src = a.layout();
        long[] shape = to.localShape();
        long[] strides = new long[perm.length];
        for (int k = 0; k < perm.length; k++) {
            if (shape[k] != src.shape()[perm[k]]) {
                throw new IllegalStateException("transpose view: local shape " + java.util.Arrays.toString(shape)
                        + " is not the permuted " + java.util.Arrays.toString(src.shape()));
            }
            strides[k] = src.strides()[perm[k]];
        }
        Storage st = a.rawStorage();
        StridedLayout l = to.localMap().holdsNothing() ? StridedLayout.contiguous(shape)
                : StridedLayout.of(shape, src.offset(), strides, st.elementCount());
        DistArray base = a.isView() ? a.viewBase() : a;
        return new DistArray(to, a.dtype(), st, l, base);
    }

    /** <b>Collective.</b> {@link DistArray#get(Index...)}. */
    static DistArray get(DistArray a, Index[] idx) {
        a.checkOpen();
        if (hasArray(idx)) {
            return org.jdistarray.ops.Indexing.get(a, idx);
        }
        a.verify("get", encode(idx));
        Slicing.Plan p = plan(a.shape(), idx);
        DistArray v = tryView(a, p);
        if (v != null) {
            return v;
        }
        try (DistArray tmp = sensibleCopy(a, p)) {
            DistArray tv = tryView(tmp, p);
            if (tv == null) {
                throw new IllegalStateException("no view of the redistributed copy " + tmp.distribution());
            }
            try (tv) {
                return tv.copy();
            }
        }
    }

    /**
     * A copy of {@code a} in a layout where the plan has a view: block on the axes that were distributed (balanced),
     * undistributed elsewhere; if that still has none, the whole array on rank 0.
     */
    static DistArray sensibleCopy(DistArray a, Slicing.Plan p) {
        Distribution d = a.distribution();
        List<DistKind> kinds = new ArrayList<>();
        List<AxisDistribution> axes = d.layout().axes();
        for (AxisDistribution ax : axes) {
            kinds.add(ax.gridSize() > 1 ? DistKind.BLOCK : DistKind.UNDISTRIBUTED);
        }
        Distribution alt = Distribution.fromShape(d.communicator(), d.shape(), kinds);
        if (d.ndim() == 0 || Slicing.view(alt, p, 0, StridedLayout.cStrides(alt.localShape())) == null) {
            alt = d.ndim() == 0 ? d : Distribution.builder(d.communicator()).shape(d.shape()).onRank(0).build();
        }
        DistArray dense = a.isView() ? a.copy() : null;
        try {
            return (dense != null ? dense : a).redistribute(alt);
        } finally {
            if (dense != null) {
                dense.close();
            }
        }
    }

    /** Writes {@code bits} (the dtype's bit pattern) into every element of {@code l}. */
    static void fillBits(DistArray v, long bits) {
        if (v.distribution().localMap().holdsNothing()) {
            return; // a 0-d view held on another rank
        }
        Storage st = v.rawStorage();
        StridedLayout l = v.layout();
        long n = l.elementCount();
        if (n == 0) {
            return;
        }
        Storage tmp = Storage.allocate(st.dtype(), n, false, st.chunkShiftForCopies());
        try {
            tmp.fillBits(bits);
            StridedCopy.copy(tmp, StridedLayout.contiguous(l.shape()), st, l);
        } finally {
            tmp.free();
        }
    }
}
