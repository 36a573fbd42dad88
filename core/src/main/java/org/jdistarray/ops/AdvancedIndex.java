package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.array.Index;

/**
 * NumPy's advanced indexing resolved against a shape, the same on every rank (it uses only the shape and the index):
 * integer arrays (and the integers beside them) broadcast together to one shape {@code B}; a k-d boolean array stands
 * for the k integer arrays of its {@code nonzero()}; slices and new axes are basic dimensions. The {@code B} axes go
 * where the first array entry stands when all array entries are adjacent, else first (NumPy's rule). Each result
 * position maps to one source flat index ({@link Cursor#sourceFlat}).
 */
final class AdvancedIndex {
    /** Per source axis: the slice start/step (basic axes), or the advanced array feeding it. */
    private final long[] shape;
    private final long[] start;
    private final long[] step;
    private final int[] arrayOf; // -1: basic (slice) axis; else the index into arrays
    private final long[][] arrays; // normalized values
    private final long[][] arrayShapes;
    private final DistArray[] distArrays; // per array: the distributed index array, or null (values local)
    private final int[] arrayAxis; // per array: the source axis it indexes
    private final long[] broadcast; // B
    private final long[] resultShape;
    /** Per result axis: the source axis of a basic slice axis, -1 for a new axis, -2 for a B axis. */
    private final int[] resultSource;
    private final int bAt; // first result axis of B

    private AdvancedIndex(long[] shape, Index[] idx) {
        int n = shape.length;
        this.shape = shape.clone();
        int consuming = 0;
        int ellipses = 0;
        for (Index i : idx) {
            if (i == null) {
                throw new IllegalArgumentException("null entry in the index " + Arrays.toString(idx));
            }
            if (i instanceof Index.Ellipsis) {
                ellipses++;
            } else if (i instanceof Index.Bools b) {
                consuming += b.shape().length;
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
        // expand the ellipsis and the trailing axes; boolean arrays become their nonzero() integer arrays
        List<Object> full = new ArrayList<>(); // Index.Slice, Index.NewAxis, or long[][] {values, shape}
        java.util.Map<Integer, DistArray> distributed = new java.util.HashMap<>(); // entry -> its distributed array
        int axis = 0;
        for (Index i : idx) {
            if (i instanceof Index.Ellipsis) {
                for (int k = 0; k < n - consuming; k++) {
                    full.add(Index.all());
                    axis++;
                }
            } else if (i instanceof Index.Bools b) {
                long[] bs = b.shape();
                if (bs.length == 0) {
                    throw new UnsupportedOperationException("a 0-d boolean index (a[True], a[False]) is not supported;"
                            + " use a new axis (Index.newAxis()) and a slice");
                }
                for (int k = 0; k < bs.length; k++) {
                    if (bs[k] != shape[axis + k]) {
                        throw new IndexOutOfBoundsException("boolean index did not match indexed array along dimension "
                                + (axis + k) + "; dimension is " + shape[axis + k]
                                + " but corresponding boolean dimension is " + bs[k]);
                    }
                }
                boolean[] v = b.values();
                int count = 0;
                for (boolean x : v) {
                    count += x ? 1 : 0;
                }
                long[][] cols = new long[bs.length][count];
                long[] g = new long[bs.length];
                for (int f = 0, c = 0; f < v.length; f++) {
                    if (v[f]) {
                        ElementExchange.unravel(f, bs, g);
                        for (int k = 0; k < bs.length; k++) {
                            cols[k][c] = g[k];
                        }
                        c++;
                    }
                }
                for (int k = 0; k < bs.length; k++) {
                    full.add(new long[][] {cols[k], {count}});
                }
                axis += bs.length;
            } else if (i instanceof Index.Ints in) {
                full.add(new long[][] {in.values(), in.shape()});
                axis++;
            } else if (i instanceof Index.DistInts di) {
                full.add(new long[][] {null, di.array().shape()});
                distributed.put(full.size() - 1, di.array());
                axis++;
            } else if (i instanceof Index.At at) {
                full.add(new long[][] {{at.index()}, {}});
                axis++;
            } else {
                full.add(i);
                if (i instanceof Index.Slice) {
                    axis++;
                }
            }
        }
        if (ellipses == 0) {
            for (; axis < n; axis++) {
                full.add(Index.all());
            }
        }
        start = new long[n];
        step = new long[n];
        arrayOf = new int[n];
        List<long[]> vals = new ArrayList<>();
        List<DistArray> dist = new ArrayList<>();
        List<Integer> axes = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        List<Long> basic = new ArrayList<>();
        List<Integer> basicSource = new ArrayList<>();
        int first = -1;
        int last = -1;
        int basicBeforeFirst = 0;
        axis = 0;
        for (int e = 0; e < full.size(); e++) {
            Object o = full.get(e);
            if (o instanceof Index.NewAxis) {
                basic.add(1L);
                basicSource.add(-1);
            } else if (o instanceof Index.Slice sl) {
                long[] r = sl.resolve(shape[axis]);
                start[axis] = r[0];
                step[axis] = r[1];
                arrayOf[axis] = -1;
                basic.add(r[2]);
                basicSource.add(axis);
                axis++;
            } else {
                long[][] arr = (long[][]) o;
                DistArray da = distributed.get(e);
                dist.add(da);
                axes.add(axis);
                long[] v = da == null ? arr[0].clone() : new long[0];
                for (int k = 0; k < v.length; k++) {
                    long x = v[k];
                    if (x < -shape[axis] || x >= shape[axis]) {
                        throw new IndexOutOfBoundsException("index " + x + " is out of bounds for axis " + axis
                                + " with size " + shape[axis]);
                    }
                    v[k] = x < 0 ? x + shape[axis] : x;
                }
                arrayOf[axis] = vals.size();
                vals.add(v);
                shapes.add(arr[1]);
                if (first < 0) {
                    first = e;
                    basicBeforeFirst = basic.size();
                }
                last = e;
                axis++;
            }
        }
        arrays = vals.toArray(new long[0][]);
        distArrays = dist.toArray(new DistArray[0]);
        arrayAxis = axes.stream().mapToInt(Integer::intValue).toArray();
        arrayShapes = shapes.toArray(new long[0][]);
        broadcast = broadcastShapes(arrayShapes);
        boolean adjacent = true;
        for (int e = first; e <= last; e++) {
            adjacent &= full.get(e) instanceof long[][];
        }
        bAt = adjacent ? basicBeforeFirst : 0;
        int m = basic.size() + broadcast.length;
        resultShape = new long[m];
        resultSource = new int[m];
        for (int r = 0, b = 0; r < m; r++) {
            if (r >= bAt && r < bAt + broadcast.length) {
                resultShape[r] = broadcast[r - bAt];
                resultSource[r] = -2;
            } else {
                resultShape[r] = basic.get(b);
                resultSource[r] = basicSource.get(b);
                b++;
            }
        }
    }

    /** NumPy's resolution of {@code idx} (with at least one array entry) against {@code shape}. */
    static AdvancedIndex of(long[] shape, Index[] idx) {
        return new AdvancedIndex(shape, idx);
    }

    private static long[] broadcastShapes(long[][] shapes) {
        int nd = 0;
        for (long[] s : shapes) {
            nd = Math.max(nd, s.length);
        }
        long[] out = new long[nd];
        Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int k = 0; k < s.length; k++) {
                int o = nd - s.length + k;
                if (s[k] != out[o]) {
                    if (out[o] == 1) {
                        out[o] = s[k];
                    } else if (s[k] != 1) {
                        StringBuilder msg = new StringBuilder("shape mismatch: indexing arrays could not be broadcast"
                                + " together with shapes ");
                        for (long[] t : shapes) {
                            msg.append(tuple(t)).append(' ');
                        }
                        throw new IndexOutOfBoundsException(msg.toString());
                    }
                }
            }
        }
        return out;
    }

    /** NumPy's spelling of a shape in its indexing messages: {@code (2,)}, {@code (2,3)}, {@code ()}. */
    static String tuple(long[] s) {
        if (s.length == 1) {
            return "(" + s[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? "," : "").append(s[i]);
        }
        return b.append(')').toString();
    }

    long[] resultShape() {
        return resultShape.clone();
    }

    /** The distributed index arrays (null entries: local values), one per array entry. */
    DistArray[] distributedArrays() {
        return distArrays.clone();
    }

    /** <b>Not collective.</b> Checks fetched values of array {@code j} and wraps negatives, NumPy's message. */
    Void normalize(int j, long[] values) {
        long size = shape[arrayAxis[j]];
        for (int k = 0; k < values.length; k++) {
            long x = values[k];
            if (x < -size || x >= size) {
                throw new IndexOutOfBoundsException("index " + x + " is out of bounds for axis " + arrayAxis[j]
                        + " with size " + size);
            }
            values[k] = x < 0 ? x + size : x;
        }
        return null;
    }

    /** A hash of the resolved index for the collective call check. */
    long fingerprint() {
        long h = Arrays.hashCode(resultShape);
        for (long[] v : arrays) {
            h = 31 * h + Arrays.hashCode(v);
        }
        for (DistArray d : distArrays) {
            h = 31 * h + (d == null ? 0 : org.jdistarray.array.internal.ArrayAccess.get().number(d));
        }
        return 31 * h + Arrays.hashCode(start) + 7L * Arrays.hashCode(step);
    }

    /** A reusable cursor mapping result index tuples to source flat indices (one per thread). */
    final class Cursor {
        private final long[] src = new long[shape.length];
        private final long[] b = new long[broadcast.length];

        /** The C-order position in array {@code j} (broadcast to B) that result index tuple {@code g} reads. */
        long position(int j, long[] g) {
            long[] as = arrayShapes[j];
            long f = 0;
            for (int k = 0; k < as.length; k++) {
                long bi = g[bAt + broadcast.length - as.length + k];
                f = f * as[k] + (as[k] == 1 ? 0 : bi);
            }
            return f;
        }

        /** The source flat index of result index tuple {@code g}, the distributed arrays' values given. */
        long sourceFlat(long[] g, long[][] fetched, int cell) {
            long f = sourceFlat(g);
            if (fetched == null) {
                return f;
            }
            for (int j = 0; j < fetched.length; j++) {
                if (fetched[j] != null) {
                    src[arrayAxis[j]] = fetched[j][cell];
                }
            }
            return ElementExchange.ravel(src, shape);
        }

        /** The source flat index of result index tuple {@code g} (distributed arrays' axes: whatever was last set). */
        long sourceFlat(long[] g) {
            for (int r = 0; r < g.length; r++) {
                int s = resultSource[r];
                if (s == -2) {
                    b[r - bAt] = g[r];
                } else if (s >= 0) {
                    src[s] = start[s] + g[r] * step[s];
                }
            }
            for (int ax = 0; ax < shape.length; ax++) {
                int j = arrayOf[ax];
                if (j >= 0 && distArrays[j] == null) {
                    long[] as = arrayShapes[j];
                    long f = 0;
                    for (int k = 0; k < as.length; k++) {
                        long bi = b[broadcast.length - as.length + k];
                        f = f * as[k] + (as[k] == 1 ? 0 : bi);
                    }
                    src[ax] = arrays[j][(int) f];
                }
            }
            return ElementExchange.ravel(src, shape);
        }
    }

    Cursor cursor() {
        return new Cursor();
    }

    /** <b>Collective.</b> {@link Indexing#get(DistArray, Index...)}. */
    static DistArray get(DistArray a, Index[] index) {
        AdvancedIndex ai = AdvancedIndex.of(a.shape(), index);
        ArrayAccess.get().verify(a, "get(advanced)", ai.fingerprint());
        DistArray out = DistArrays.empty(Indexing.balanced(a.distribution().communicator(), ai.resultShape()),
                a.dtype());
        try {
            int n = (int) out.distribution().ownedElementCount();
            long[] flats = new long[n];
            int[] k = {0};
            AdvancedIndex.Cursor c = ai.cursor();
            long[][] fetched = fetchDistributed(a, ai, n, visit -> out.forEachOwned((g, off) -> visit.accept(g)));
            out.forEachOwned((g, off) -> { // a fresh block: off is k
                flats[k[0]] = c.sourceFlat(g, fetched, k[0]);
                k[0]++;
            });
            Indexing.fill(a, out, flats, null, n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** <b>Collective.</b> {@link Indexing#set(DistArray, Index[], Object)}. */
    static void set(DistArray a, Index[] index, Object values) {
        AdvancedIndex ai = AdvancedIndex.of(a.shape(), index);
        ArrayAccess.get().verify(a, "set(advanced)", ai.fingerprint());
        long[] sel = ai.resultShape();
        long total = Indexing.product(sel);
        if (!(values instanceof Number)) {
            long given = Values.count(values);
            if (given != total && given != 1) {
                long[] vs = values instanceof DistArray v ? v.shape() : new long[] {given};
                throw new IllegalArgumentException("shape mismatch: value array of shape " + tuple(vs)
                        + " could not be broadcast to indexing result of shape " + tuple(sel));
            }
        }
        long[] range = Indexing.myRange(a, total);
        int n = (int) (range[1] - range[0]);
        long[] flats = new long[n];
        long[] g = new long[sel.length];
        AdvancedIndex.Cursor c = ai.cursor();
        long[][] fetched = fetchDistributed(a, ai, n, visit -> {
            long[] h = new long[sel.length];
            for (int i = 0; i < n; i++) {
                ElementExchange.unravel(range[0] + i, sel, h);
                visit.accept(h);
            }
        });
        for (int i = 0; i < n; i++) {
            ElementExchange.unravel(range[0] + i, sel, g);
            flats[i] = c.sourceFlat(g, fetched, i);
        }
        Indexing.store(a, flats, range[0], n, total, values, false);
    }

    /**
     * <b>Collective.</b> For each distributed index array of {@code ai}, its values at the {@code n} result cells
     * {@code cells} visits (in order), checked against the axis on every rank and wrapped; null entries for local
     * arrays, null when there are none.
     */
    private static long[][] fetchDistributed(DistArray a, AdvancedIndex ai, int n,
            java.util.function.Consumer<java.util.function.Consumer<long[]>> cells) {
        DistArray[] dist = ai.distributedArrays();
        boolean any = false;
        for (DistArray d : dist) {
            if (d != null) {
                Indexing.requireInteger(d, "get");
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        long[][] fetched = new long[dist.length][];
        AdvancedIndex.Cursor c = ai.cursor();
        for (int j = 0; j < dist.length; j++) {
            if (dist[j] == null) {
                continue;
            }
            long[] pos = new long[n];
            int[] k = {0};
            int jj = j;
            cells.accept(g -> pos[k[0]++] = c.position(jj, g));
            fetched[j] = ElementExchange.fetch(dist[j], pos, n, false);
            long[] v = fetched[j];
            CollectiveErrors.agree(a.distribution().context().comm(), () -> ai.normalize(jj, v));
        }
        return fetched;
    }
}
