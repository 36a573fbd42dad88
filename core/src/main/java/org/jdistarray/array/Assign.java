package org.jdistarray.array;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Slicing;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.NdMap;

/**
 * Slice assignment with broadcasting ({@code a[index] = value}) and the shape helpers built on views ({@code squeeze},
 * {@code expandDims}, {@code ravel}, {@code flatten}). Package level: {@link DistArray} delegates here.
 *
 * <p>Writes go into a view of the selection when the layout has one; otherwise into a block-layout copy that is then
 * redistributed back (a layout with no view: cyclic steps that break the pattern, unstructured axes). Writes reach
 * the owned cells; ghost copies of a padded array are refreshed by {@link DistArray#exchangeGhosts()}.
 */
final class Assign {
    private Assign() {
    }

    /** Writes into a view of the selection. */
    @FunctionalInterface
    private interface Writer {
        void write(DistArray view);
    }

    private static void intoSelection(DistArray a, Slicing.Plan p, Writer w) {
        DistArray v = Views.tryView(a, p);
        if (v != null) {
            try (v) {
                w.write(v);
            }
            return;
        }
        try (DistArray tmp = Views.sensibleCopy(a, p)) {
            DistArray tv = Views.tryView(tmp, p);
            try (tv) {
                w.write(tv);
            }
            tmp.redistribute(org.jdistarray.dist.Redistribution.plan(tmp.distribution(), a.distribution()), a);
        }
    }

    static void scalar(DistArray a, Index[] idx, long value, boolean isLong) {
        a.checkOpen();
        if (Views.hasArray(idx)) {
            org.jdistarray.ops.Indexing.set(a, idx, isLong ? (Number) value : (Number) Double.longBitsToDouble(value));
            return;
        }
        long[] e = Views.encode(idx);
        long[] args = Arrays.copyOf(e, e.length + 1);
        args[e.length] = value;
        a.distribution().context().verifyLogical(isLong ? "set(long)" : "set(double)", a.number(), args);
        Slicing.Plan p = Views.plan(a.shape(), idx);
        long bits = isLong ? Casts.bitsOf(a.dtype(), value) : Casts.bitsOf(a.dtype(), Double.longBitsToDouble(value));
        intoSelection(a, p, v -> Views.fillBits(v, bits));
    }

    /** NumPy's assignment broadcast check; the message is NumPy's. */
    static void checkBroadcast(long[] from, long[] into) {
        boolean ok = true;
        for (int i = 0; i < from.length; i++) {
            int j = i - (from.length - into.length);
            if (j < 0) {
                ok &= from[i] == 1;
            } else {
                ok &= from[i] == 1 || from[i] == into[j];
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("could not broadcast input array from shape " + tuple(from)
                    + " into shape " + tuple(into));
        }
    }

    static String tuple(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? "," : "").append(s[i]); // NumPy 1.24 prints (3,2) in this message
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    static void array(DistArray a, Index[] idx, DistArray value) {
        a.checkOpen();
        if (value == null) {
            throw new IllegalArgumentException("set: the value array is null");
        }
        value.checkOpen();
        if (Views.hasArray(idx)) {
            org.jdistarray.ops.Indexing.set(a, idx, value);
            return;
        }
        a.verify("set(array)", Views.encode(idx));
        Slicing.Plan p = Views.plan(a.shape(), idx);
        long[] target = p.shape();
        long[] vs = value.shape();
        checkBroadcast(vs, target);
        int lead = 0;
        while (lead < vs.length && vs.length - lead > target.length) {
            lead++;
        }
        long[] core = Arrays.copyOfRange(vs, lead, vs.length);
        final boolean reshaped = lead > 0;
        if (Arrays.equals(core, target)) {
            // same shape: move the value into the selection's layout, then one strided copy per rank
            try (DistArray conv = value.dtype() == a.dtype() && !value.isView()
                    ? null : value.astype(a.dtype())) {
                DistArray src = conv != null ? conv : value;
                intoSelection(a, p, v -> {
                    Distribution same = v.distribution();
                    Distribution from = src.distribution();
                    if (reshaped || from.ndim() != same.ndim()) {
                        try (DistArray r = src.reshape(target)) {
                            copyInto(r, v);
                        }
                    } else {
                        copyInto(src, v);
                    }
                });
            }
            return;
        }
        // broadcasting: every rank takes the (smaller) value whole, then reads it with stride-0 axes
        List<DistKind> kinds = new ArrayList<>();
        for (int i = 0; i < vs.length; i++) {
            kinds.add(DistKind.UNDISTRIBUTED);
        }
        Distribution repl = Distribution.fromShape(a.distribution().communicator(), vs, kinds);
        try (DistArray dense = value.isView() ? value.copy() : null;
             DistArray whole = (dense != null ? dense : value).redistribute(repl)) {
            Storage st = whole.storage();
            intoSelection(a, p, v -> broadcastInto(v, vs, st::getDouble, st));
        }
    }

    private interface Source {
        double get(long offset);
    }

    private static boolean integral(DType t) {
        return t != DType.FLOAT64 && t != DType.FLOAT32;
    }

    /** Writes element {@code C-offset-in-value} of a broadcast value (shape {@code vs}) into every element of v. */
    private static void broadcastInto(DistArray v, long[] vs, Source src, Storage longs) {
        NdMap m = v.distribution().localMap();
        if (m.holdsNothing()) {
            return;
        }
        long[] shape = v.layout().shape();
        int n = shape.length;
        long[] vstr = StridedLayout.cStrides(vs);
        long[] bstr = new long[n]; // stride into the value per target axis (0 on broadcast axes)
        for (int i = 0; i < vs.length; i++) {
            int j = i - (vs.length - n);
            if (j >= 0 && vs[i] != 1) {
                bstr[j] = vstr[i];
            }
        }
        StridedLayout l = v.layout();
        Storage dst = v.rawStorage();
        boolean asLong = integral(v.dtype()) && longs != null && integral(longs.dtype());
        long[] local = new long[n];
        long total = l.elementCount();
        for (long e = 0; e < total; e++) {
            long rem = e;
            for (int k = n - 1; k >= 0; k--) {
                local[k] = rem % shape[k];
                rem /= shape[k];
            }
            long[] g = n == 0 ? local : m.globalFromLocal(local);
            long so = 0;
            for (int k = 0; k < n; k++) {
                so += g[k] * bstr[k];
            }
            long doff = l.offsetOf(local);
            if (asLong) {
                dst.setLong(doff, longs.getLong(so));
            } else {
                dst.setDouble(doff, src.get(so));
            }
        }
    }

    /** {@code src} and {@code view} have the same shape: redistribute src to the view's layout and copy in. */
    private static void copyInto(DistArray src, DistArray view) {
        Distribution to = view.distribution();
        try (DistArray moved = src.redistribute(to.withCommunicator(src.distribution().communicator()))) {
            if (to.localMap().holdsNothing()) {
                return;
            }
            StridedCopy.copy(moved.storage(), StridedLayout.contiguous(to.localShape()), view.rawStorage(),
                    view.layout());
        }
    }

    static void local(DistArray a, Index[] idx, double[] data, long[] shape) {
        a.checkOpen();
        long[] e = Views.encode(idx);
        long[] args = Arrays.copyOf(e, e.length + shape.length + 1);
        System.arraycopy(shape, 0, args, e.length, shape.length);
        args[args.length - 1] = data == null ? -1 : Arrays.hashCode(data);
        a.distribution().context().verifyLogical("set(double[])", a.number(), args);
        writeLocal(a, idx, data, shape);
    }

    private static void writeLocal(DistArray a, Index[] idx, double[] data, long[] shape) {
        if (data == null) {
            throw new IllegalArgumentException("set: the data array is null");
        }
        if (Views.hasArray(idx)) {
            org.jdistarray.ops.Indexing.set(a, idx, data);
            return;
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("set: " + data.length + " values for shape " + tuple(shape));
        }
        Slicing.Plan p = Views.plan(a.shape(), idx);
        checkBroadcast(shape, p.shape());
        intoSelection(a, p, v -> broadcastInto(v, shape, off -> data[(int) off], null));
    }

    static void fromRoot(DistArray a, int root, Index[] idx, double[] data, long[] shape) {
        a.checkOpen();
        a.verify("setFrom", root);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        DoubleBuffer b = DirectBuffers.doubles(Math.toIntExact(n));
        boolean bad = a.distribution().rank() == root && (data == null || data.length != n);
        if (a.distribution().rank() == root && !bad) {
            b.put(0, data);
        }
        a.distribution().context().comm().broadcast(b, root);
        double[] all = new double[(int) n];
        b.get(0, all);
        if (bad) {
            throw new IllegalArgumentException("setFrom: root " + root + " gave " + (data == null ? "no data"
                    : data.length + " values") + " for shape " + tuple(shape));
        }
        writeLocal(a, idx, all, shape);
    }

    static DistArray squeeze(DistArray a, int[] axes) {
        long[] s = a.shape();
        boolean[] sel = new boolean[s.length];
        if (axes == null) {
            for (int i = 0; i < s.length; i++) {
                sel[i] = s[i] == 1;
            }
        } else {
            for (int ax : axes) {
                int x = ax < 0 ? ax + s.length : ax;
                if (x < 0 || x >= s.length) {
                    throw new IllegalArgumentException("axis " + ax + " is out of bounds for array of dimension "
                            + s.length);
                }
                if (s[x] != 1) {
                    throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal"
                            + " to one");
                }
                sel[x] = true;
            }
        }
        Index[] idx = new Index[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = sel[i] ? Index.at(0) : Index.all();
        }
        return Views.get(a, idx);
    }

    static DistArray expandDims(DistArray a, int axis) {
        int n = a.ndim();
        int x = axis < 0 ? axis + n + 1 : axis;
        if (x < 0 || x > n) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + (n + 1));
        }
        Index[] idx = new Index[n + 1];
        for (int i = 0; i <= n; i++) {
            idx[i] = i == x ? Index.newAxis() : Index.all();
        }
        return Views.get(a, idx);
    }

    static DistArray ravel(DistArray a, boolean copy) {
        a.checkOpen();
        if (a.ndim() == 1 && !copy) {
            return Views.get(a, new Index[] {Index.all()});
        }
        if (a.ndim() == 0) {
            try (DistArray v = Views.get(a, new Index[] {Index.newAxis()})) {
                return v.copy();
            }
        }
        try (DistArray dense = a.isView() ? a.copy() : null) {
            DistArray src = dense != null ? dense : a;
            if (a.ndim() == 1) {
                return src.copy();
            }
            return src.reshape(a.globalSize());
        }
    }
}
