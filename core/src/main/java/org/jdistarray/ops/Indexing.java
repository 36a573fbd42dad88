package org.jdistarray.ops;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Collections;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.Index;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.Partitions;

/**
 * Fancy indexing, boolean masks, {@code nonzero}, {@code compress}, {@code concatenate} and {@code stack} (NumPy's
 * semantics and messages) on arrays of any layout. Results are new arrays laid out by the balanced block rule
 * ({@link Distribution#fromShape} with block axes), in NumPy's C order. Element traffic is one request/response
 * exchange (reads) or one request exchange (writes) per call, owners computed from the index math
 * ({@link ElementExchange}); masks add one compaction exchange ({@link Selection}). A set with duplicate indices
 * keeps the value at the last position, as NumPy does.
 */
public final class Indexing {
    private Indexing() {
    }

    // ---- take ---------------------------------------------------------------------------------------------------

    /**
     * <b>Collective.</b> {@code numpy.take(a, indices, axis)}: the elements at {@code indices} (the same local array
     * on every rank; negatives count from the end) along {@code axis}, or of the flattened array when {@code axis} is
     * null. Result shape: {@code a.shape} with {@code axis} replaced by {@code indices.length} ({@code [length]} for a
     * null axis).
     *
     * @throws IndexOutOfBoundsException (every rank) "index i is out of bounds for axis k with size n"
     * @throws IllegalArgumentException (every rank) for an axis out of range
     */
    public static DistArray take(DistArray a, long[] indices, Integer axis) {
        ArrayAccess.get().verify(a, "take", axis == null ? -1 : axis, indices.length, Arrays.hashCode(indices));
        long[] shape = a.shape();
        int ax = axis == null ? -1 : normalizeAxis(axis, a.ndim());
        long[] idx = normalized(indices, ax < 0 ? a.globalSize() : shape[ax], Math.max(ax, 0));
        long[] outShape = ax < 0 ? new long[] {idx.length} : replaced(shape, ax, idx.length);
        DistArray out = DistArrays.empty(balanced(a.distribution().communicator(), outShape), a.dtype());
        int n = (int) out.distribution().ownedElementCount();
        long[] flats = new long[n];
        int[] k = {0};
        long[] src = new long[shape.length];
        out.forEachOwned((g, off) -> { // a fresh block: off is k
            long f;
            if (ax < 0) {
                f = idx[(int) g[0]];
            } else {
                System.arraycopy(g, 0, src, 0, g.length);
                src[ax] = idx[(int) g[ax]];
                f = ElementExchange.ravel(src, shape);
            }
            flats[k[0]++] = f;
        });
        fill(a, out, flats, null, n);
        return out;
    }

    /**
     * <b>Collective.</b> {@code numpy.take} with a distributed integer index array of any layout. With a null axis
     * (or a 1-D {@code a}) the result has the index array's shape, in the balanced block layout, and every rank reads
     * only the indices its result cells need; along an axis of an N-d array it is {@code a[:, ..., indices]} (NumPy's
     * result shape {@code a.shape[:axis] + indices.shape + a.shape[axis+1:]}), the indices read the same way.
     */
    public static DistArray take(DistArray a, DistArray indices, Integer axis) {
        requireInteger(indices, "take");
        if (axis != null && a.ndim() != 1) { // a[:, ..., indices]: advanced indexing, the indices stay distributed
            int ax = normalizeAxis(axis, a.ndim());
            Index[] ix = new Index[ax + 1];
            Arrays.fill(ix, Index.all());
            ix[ax] = Index.ints(indices);
            return get(a, ix);
        }
        if (axis != null) {
            normalizeAxis(axis, 1);
        }
        ArrayAccess.get().verify(a, "take", axis == null ? -1 : axis, ArrayAccess.get().number(indices));
        long size = a.globalSize();
        long[] ishape = indices.shape();
        DistArray out = DistArrays.empty(balanced(a.distribution().communicator(), ishape), a.dtype());
        int n = (int) out.distribution().ownedElementCount();
        try {
            long[] idx = localIndices(indices, out.distribution(), n);
            Communicator comm = a.distribution().context().comm();
            CollectiveErrors.agree(comm, () -> normalizeInPlace(idx, size, 0));
            fill(a, out, idx, null, n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * <b>Collective.</b> The values (as longs) of the integer array {@code indices} at the {@code n} cells this rank
     * owns of distribution {@code od} (balanced block, same shape), in local C order: read in place when
     * {@code indices} has that layout, else fetched.
     */
    private static long[] localIndices(DistArray indices, Distribution od, int n) {
        LocalBlock ib = indices.local();
        if (indices.distribution().isCompatible(od) && ElementExchange.natural(ib, indices.distribution())
                && !od.isPadded()) {
            long[] idx = new long[n];
            LongBuffer w = indices.dtype() == DType.INT64 ? ElementExchange.words(indices) : null;
            if (w != null) {
                w.get(0, idx);
            } else {
                for (int i = 0; i < n; i++) {
                    idx[i] = ib.getLong(i);
                }
            }
            return idx;
        }
        long[] ishape = od.shape();
        long[] pos = new long[n];
        int[] k = {0};
        od.localMap().forEachOwned((g, off) -> pos[k[0]++] = ElementExchange.ravel(g, ishape));
        return ElementExchange.fetch(indices, pos, n, false);
    }

    /**
     * Reads {@code a} at {@code flats} into the cells {@code offs} of {@code out} (same dtype); a null {@code offs}
     * means the owned cells of {@code out}'s own unpadded block in local C order (offsets 0, 1, ...).
     */
    static void fill(DistArray a, DistArray out, long[] flats, long[] offs, int n) {
        boolean asFloat = ElementExchange.isFloat(a.dtype());
        LongBuffer w = offs == null ? ElementExchange.words(out) : null;
        if (w != null) {
            ElementExchange.fetch(a, flats, n, asFloat, w);
            return;
        }
        long[] words = ElementExchange.fetch(a, flats, n, asFloat);
        LocalBlock b = out.local();
        for (int i = 0; i < n; i++) {
            ElementExchange.write(b, offs == null ? i : offs[i], words[i], asFloat);
        }
    }

    // ---- advanced indexing: several arrays, slices, new axes ---------------------------------------------------

    /**
     * <b>Collective.</b> NumPy's {@code a[index]} with array entries ({@link Index#ints}, {@link Index#mask}, the same
     * on every rank) among integers, slices, new axes and an ellipsis: the integer arrays and the integers beside them
     * broadcast together to one shape {@code B}; a k-d boolean array stands for the k integer arrays of its
     * {@code nonzero()}; the {@code B} axes replace the array entries where they stand when those are adjacent, else
     * they come first (NumPy's rule: {@code a[:, [0, 1], [1, 2]]} has shape {@code (a.shape[0], 2)},
     * {@code a[[0, 1], :, [1, 2]]} shape {@code (2, a.shape[1])}). A copy in the balanced block layout, C order, one
     * request/response exchange. {@link DistArray#get(Index...)} comes here when the index has an array entry.
     *
     * @throws IndexOutOfBoundsException (every rank) with NumPy's messages: an index out of bounds, arrays that do not
     *     broadcast ("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) "), a
     *     boolean array whose shape differs from the axes it indexes, too many indices
     */
    public static DistArray get(DistArray a, Index... index) {
        return AdvancedIndex.get(a, index);
    }

    /**
     * <b>Collective.</b> NumPy's {@code a[index] = values} with array entries (see {@link #get(DistArray, Index...)}):
     * {@code values} is a {@link Number}, or a {@link DistArray} (any layout) or local {@code double[]}/{@code long[]}
     * with the selection's size (C order of the selection shape) or one element. Duplicate positions: the last one
     * wins, as in NumPy.
     *
     * @throws IllegalArgumentException (every rank) when the value count is neither 1 nor the selection's size
     */
    public static void set(DistArray a, Index[] index, Object values) {
        AdvancedIndex.set(a, index, values);
    }

    // ---- put ----------------------------------------------------------------------------------------------------

    /**
     * <b>Collective.</b> {@code numpy.put(a, indices, values)}: {@code a.flat[indices[k]] = values[k]}, in place.
     * {@code values} is a {@link Number} (every index), a local {@code double[]} or {@code long[]} (the same on every
     * rank; repeated when shorter, as NumPy does) or a {@link DistArray} of {@code indices.length} elements (or one).
     * With duplicate indices the last one wins.
     *
     * @throws IndexOutOfBoundsException (every rank) for an index out of bounds
     */
    public static void put(DistArray a, long[] indices, Object values) {
        ArrayAccess.get().verify(a, "put", indices.length, Arrays.hashCode(indices));
        long[] idx = normalized(indices, a.globalSize(), 0);
        long[] range = myRange(a, idx.length);
        int n = (int) (range[1] - range[0]);
        long[] flats = Arrays.copyOfRange(idx, (int) range[0], (int) range[1]);
        store(a, flats, range[0], n, idx.length, values, true);
    }

    /** <b>Collective.</b> {@link #put(DistArray, long[], Object)} with a distributed integer index array. */
    public static void put(DistArray a, DistArray indices, Object values) {
        requireInteger(indices, "put");
        ArrayAccess.get().verify(a, "put", ArrayAccess.get().number(indices));
        long total = indices.globalSize();
        long[] range = myRange(a, total);
        int n = (int) (range[1] - range[0]);
        long[] flats = ElementExchange.fetch(indices, positions(range[0], n), n, false);
        long size = a.globalSize();
        CollectiveErrors.agree(a.distribution().context().comm(), () -> normalizeInPlace(flats, size, 0));
        store(a, flats, range[0], n, total, values, true);
    }

    /**
     * <b>Collective.</b> NumPy's {@code a[:, ..., indices, ...] = values} with {@code indices} along {@code axis}:
     * {@code values} is a {@link Number}, or a {@link DistArray} (any layout) or local {@code double[]}/{@code long[]}
     * with the selection's size (or one element), read in C order of the selection shape ({@code a.shape} with
     * {@code axis} replaced by {@code indices.length}). Duplicate indices: the last one wins.
     */
    public static void put(DistArray a, long[] indices, int axis, Object values) {
        ArrayAccess.get().verify(a, "put", axis, indices.length, Arrays.hashCode(indices));
        long[] shape = a.shape();
        int ax = normalizeAxis(axis, a.ndim());
        long[] idx = normalized(indices, shape[ax], ax);
        long[] sel = replaced(shape, ax, idx.length);
        long total = product(sel);
        long[] range = myRange(a, total);
        int n = (int) (range[1] - range[0]);
        long[] flats = new long[n];
        long[] g = new long[shape.length];
        for (int i = 0; i < n; i++) {
            ElementExchange.unravel(range[0] + i, sel, g);
            g[ax] = idx[(int) g[ax]];
            flats[i] = ElementExchange.ravel(g, shape);
        }
        store(a, flats, range[0], n, total, values, false);
    }

    /** Writes the values of positions {@code [lo, lo + n)} (of {@code total}) at {@code flats} of {@code a}. */
    static void store(DistArray a, long[] flats, long lo, int n, long total, Object values, boolean repeat) {
        boolean asFloat = ElementExchange.isFloat(a.dtype());
        long[] words = Values.words(values, lo, n, total, asFloat, repeat, a.distribution().context().comm());
        ElementExchange.store(a, flats, words, n, asFloat);
    }

    // ---- masks, nonzero -----------------------------------------------------------------------------------------

    /**
     * <b>Collective.</b> NumPy's {@code a[mask]}: the elements where the bool array {@code mask} (same shape, any
     * layout) is true, 1-D in C order, balanced block layout.
     *
     * @throws IndexOutOfBoundsException (every rank) with NumPy's message when the shapes differ
     */
    public static DistArray getMask(DistArray a, DistArray mask) {
        ArrayAccess.get().verify(a, "getMask", ArrayAccess.get().number(mask));
        checkMask(a, mask);
        if (mask.ndim() < a.ndim()) {
            return Masks.rows(a, mask);
        }
        DistArray m = colocated(mask, a);
        try {
            boolean asFloat = ElementExchange.isFloat(a.dtype());
            if (Selection.runs(a.distribution())) {
                return Masks.run(a, m, asFloat);
            }
            Selection.Picks picks = Selection.masked(a, m, asFloat, false);
            Selection.Compacted c = Selection.compact(a.distribution().context().comm(), a.globalSize(), picks);
            DistArray out = DistArrays.empty(balanced(a.distribution().communicator(), new long[] {c.total()}), a.dtype());
            writeRun(out, c.local(), asFloat);
            return out;
        } finally {
            if (m != mask) {
                m.close();
            }
        }
    }

    /**
     * <b>Collective.</b> NumPy's {@code a[mask] = values}, in place: {@code values} a {@link Number} (no data moves),
     * or a {@link DistArray} / local {@code double[]}/{@code long[]} with one element per true cell of {@code mask}
     * (C order) or a single element.
     *
     * @throws IllegalArgumentException (every rank) with NumPy's message when the value count does not match
     */
    public static void setMask(DistArray a, DistArray mask, Object values) {
        ArrayAccess.get().verify(a, "setMask", ArrayAccess.get().number(mask));
        checkMask(a, mask);
        if (mask.ndim() < a.ndim()) {
            Masks.setRows(a, mask, values);
            return;
        }
        DistArray m = colocated(mask, a);
        try {
            if (values instanceof Number v) {
                boolean asFloat = ElementExchange.isFloat(a.dtype());
                long word = asFloat ? Double.doubleToRawLongBits(v.doubleValue()) : Values.longOf(v);
                LongBuffer w = a.distribution().isPadded() ? null : ElementExchange.words(a);
                java.nio.ByteBuffer mw = w == null ? null : Selection.bytes(m);
                if (mw != null) { // the array's own dense block and the mask's, cell for cell
                    int n = (int) a.distribution().localElementCount();
                    for (int i = 0; i < n; i++) {
                        if (mw.get(i) != 0) {
                            w.put(i, word);
                        }
                    }
                    return;
                }
                LocalBlock b = a.local();
                LocalBlock mb = m.local();
                a.forEachOwned((g, off) -> {
                    if (mb.getLong(mb.offsetOfGlobal(g)) != 0) {
                        ElementExchange.write(b, b.offsetOfGlobal(g), word, asFloat);
                    }
                });
                return;
            }
            Communicator comm = a.distribution().context().comm();
            Selection.Compacted c = Selection.runs(a.distribution())
                    ? Selection.compactRun(comm, a, m, false, true)
                    : Selection.compact(comm, a.globalSize(), Selection.masked(a, m, false, true));
            long[] out = Partitions.balanced(c.total(), a.distribution().context().comm().size());
            long lo = out[a.distribution().context().comm().rank()];
            long given = Values.count(values);
            if (given != c.total() && given != 1) {
                throw new IllegalArgumentException("NumPy boolean array indexing assignment cannot assign " + given
                        + " input values to the " + c.total() + " output values where the mask is true");
            }
            store(a, c.local(), lo, c.local().length, c.total(), values, false);
        } finally {
            if (m != mask) {
                m.close();
            }
        }
    }

    /** <b>Collective.</b> The flat indices of the nonzero elements of {@code a}, compacted in C order. */
    private static Selection.Compacted nonzeroFlats(DistArray a) {
        Communicator comm = a.distribution().context().comm();
        return Selection.runs(a.distribution()) ? Selection.compactRun(comm, a, null, ElementExchange.isFloat(a.dtype()), true)
                : Selection.compact(comm, a.globalSize(), Selection.nonzero(a));
    }

    /** <b>Collective.</b> {@code numpy.flatnonzero(a)}: int64 flat indices of the nonzero elements, in C order. */
    public static DistArray flatnonzero(DistArray a) {
        ArrayAccess.get().verify(a, "flatnonzero");
        Selection.Compacted c = nonzeroFlats(a);
        DistArray out = DistArrays.empty(balanced(a.distribution().communicator(), new long[] {c.total()}), DType.INT64);
        writeRun(out, c.local(), false);
        return out;
    }

    /**
     * <b>Collective.</b> {@code numpy.nonzero(a)}: one int64 array per axis with the indices of the nonzero elements
     * (C order), all in the same balanced 1-D block layout. The caller closes them.
     */
    public static DistArray[] nonzero(DistArray a) {
        ArrayAccess.get().verify(a, "nonzero");
        requireNd(a, "nonzero");
        Selection.Compacted c = nonzeroFlats(a);
        Distribution d = balanced(a.distribution().communicator(), new long[] {c.total()});
        long[] shape = a.shape();
        DistArray[] out = new DistArray[shape.length];
        long[][] cols = unravelAll(c.local(), shape);
        for (int ax = 0; ax < shape.length; ax++) {
            out[ax] = DistArrays.empty(d, DType.INT64);
            writeRun(out[ax], cols[ax], false);
        }
        return out;
    }

    /** <b>Collective.</b> {@code numpy.argwhere(a)}: an int64 {@code (count, ndim)} array, rows block-distributed. */
    public static DistArray argwhere(DistArray a) {
        ArrayAccess.get().verify(a, "argwhere");
        requireNd(a, "argwhere");
        Communicator comm = a.distribution().context().comm();
        Selection.Compacted c = nonzeroFlats(a);
        long[] shape = a.shape();
        Distribution d = Distribution.builder(a.distribution().communicator()).shape(c.total(), shape.length)
                .block(0).undistributed(1).grid(comm.size(), 1).build();
        DistArray out = DistArrays.empty(d, DType.INT64);
        long[][] cols = unravelAll(c.local(), shape);
        LocalBlock b = out.local();
        for (int i = 0; i < c.local().length; i++) {
            for (int ax = 0; ax < shape.length; ax++) {
                b.setLong(b.offsetOf(i, ax), cols[ax][i]);
            }
        }
        return out;
    }

    /**
     * <b>Collective.</b> {@code numpy.compress(condition, a, axis)}: the slices along {@code axis} (of the flattened
     * array when null) where {@code condition} (the same on every rank) is true. A true entry past the axis length is
     * an index error, as in NumPy.
     */
    public static DistArray compress(boolean[] condition, DistArray a, Integer axis) {
        long[] idx = new long[condition.length];
        int n = 0;
        for (int i = 0; i < condition.length; i++) {
            if (condition[i]) {
                idx[n++] = i;
            }
        }
        return take(a, Arrays.copyOf(idx, n), axis);
    }

    /** <b>Collective.</b> {@link #compress(boolean[], DistArray, Integer)} with a distributed 1-D condition. */
    public static DistArray compress(DistArray condition, DistArray a, Integer axis) {
        ArrayAccess.get().verify(a, "compress", ArrayAccess.get().number(condition), axis == null ? -1 : axis);
        if (condition.ndim() != 1) {
            throw new IllegalArgumentException("condition must be a 1-d array");
        }
        long[] c = everywhere(condition);
        boolean[] b = new boolean[c.length];
        for (int i = 0; i < c.length; i++) {
            b[i] = c[i] != 0;
        }
        return compress(b, a, axis);
    }

    // ---- concatenate, stack -------------------------------------------------------------------------------------

    /** <b>Collective.</b> {@code numpy.concatenate(arrays, axis)}; a null axis concatenates the flattened arrays. */
    public static DistArray concatenate(DistArray[] arrays, Integer axis) {
        verifyJoin("concatenate", arrays, axis == null ? Long.MIN_VALUE : axis);
        return Joins.concatenate(arrays, axis);
    }

    /** <b>Collective.</b> {@code numpy.stack(arrays, axis)}: joins same-shape arrays along a new axis. */
    public static DistArray stack(DistArray[] arrays, int axis) {
        verifyJoin("stack", arrays, axis);
        return Joins.stack(arrays, axis);
    }

    /** <b>Collective.</b> The collective call check of a join: the same arrays, in the same order, on every rank. */
    private static void verifyJoin(String op, DistArray[] arrays, long axis) {
        if (arrays == null || arrays.length == 0) {
            return; // Joins refuses it, on every rank alike
        }
        long[] args = new long[arrays.length + 1];
        args[0] = axis;
        for (int i = 0; i < arrays.length; i++) {
            args[i + 1] = ArrayAccess.get().number(arrays[i]);
        }
        ArrayAccess.get().verify(arrays[0], op, args);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The balanced block distribution of {@code shape} ({@link Distribution#fromShape} with block axes). */
    static Distribution balanced(Communicator comm, long[] shape) {
        return Distribution.fromShape(comm, shape, Collections.nCopies(shape.length, DistKind.BLOCK));
    }

    static int normalizeAxis(int axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return axis < 0 ? axis + ndim : axis;
    }

    private static long[] normalized(long[] indices, long size, int axis) {
        long[] idx = indices.clone();
        normalizeInPlace(idx, size, axis);
        return idx;
    }

    private static Void normalizeInPlace(long[] idx, long size, int axis) {
        for (int i = 0; i < idx.length; i++) {
            long v = idx[i];
            if (v < -size || v >= size) {
                throw new IndexOutOfBoundsException("index " + v + " is out of bounds for axis " + axis + " with size "
                        + size);
            }
            idx[i] = v < 0 ? v + size : v;
        }
        return null;
    }

    static long[] replaced(long[] shape, int axis, long length) {
        long[] s = shape.clone();
        s[axis] = length;
        return s;
    }

    static long product(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** This rank's position range {@code [lo, hi)} of {@code total} positions, balanced split. */
    static long[] myRange(DistArray a, long total) {
        Communicator comm = a.distribution().context().comm();
        long[] b = Partitions.balanced(total, comm.size());
        return new long[] {b[comm.rank()], b[comm.rank() + 1]};
    }

    private static long[] positions(long lo, int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = lo + i;
        }
        return p;
    }

    static void requireInteger(DistArray idx, String op) {
        DType t = idx.dtype();
        if (ElementExchange.isFloat(t) || t == DType.BOOL) {
            throw new IllegalArgumentException(op + ": arrays used as indices must be of integer type, got "
                    + t.numpyName());
        }
    }

    private static void requireNd(DistArray a, String op) {
        if (a.ndim() == 0) {
            throw new IllegalArgumentException("Calling " + op + " on 0d arrays is not allowed. Use "
                    + "np.atleast_1d(scalar)." + op + "() instead.");
        }
    }

    private static void checkMask(DistArray a, DistArray mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("mask must be a bool array, got " + mask.dtype().numpyName());
        }
        long[] s = a.shape();
        long[] m = mask.shape();
        if (m.length > s.length) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + s.length
                    + "-dimensional, but " + m.length + " were indexed");
        }
        if (m.length == 0 && s.length > 0) {
            throw new UnsupportedOperationException("a 0-d boolean mask (a[True], a[False]) is not supported");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] != s[i]) {
                throw new IndexOutOfBoundsException("boolean index did not match indexed array along dimension " + i
                        + "; dimension is " + s[i] + " but corresponding boolean dimension is " + m[i]);
            }
        }
    }

    /** {@code mask} in {@code a}'s distribution (itself when already compatible). */
    private static DistArray colocated(DistArray mask, DistArray a) {
        return mask.distribution().isCompatible(a.distribution()) ? mask : mask.redistribute(a.distribution());
    }

    /** Writes the local run of a balanced 1-D array. */
    private static void writeRun(DistArray out, long[] words, boolean asFloat) {
        LocalBlock b = out.local();
        for (int i = 0; i < words.length; i++) {
            ElementExchange.write(b, b.offsetOf(i), words[i], asFloat);
        }
    }

    private static long[][] unravelAll(long[] flats, long[] shape) {
        long[][] cols = new long[shape.length][flats.length];
        long[] g = new long[shape.length];
        for (int i = 0; i < flats.length; i++) {
            ElementExchange.unravel(flats[i], shape, g);
            for (int ax = 0; ax < shape.length; ax++) {
                cols[ax][i] = g[ax];
            }
        }
        return cols;
    }

    /** <b>Collective.</b> A small distributed array's elements as longs on every rank (gather, then broadcast). */
    static long[] everywhere(DistArray a) {
        if (a.globalSize() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("index array too large to gather: " + a.globalSize());
        }
        long[] all = ElementExchange.fetch(a, positions(0, (int) a.globalSize()), (int) a.globalSize(), false);
        return all;
    }
}
