package org.jdistarray.array.internal;

import java.util.Arrays;

/**
 * Where the elements of an N-d block lie in its memory: element {@code (i0, ..., ik)} is at element offset
 * {@code offset + i0*strides[0] + ... + ik*strides[k]} (strides in elements, any sign; NumPy's and PEP 3118's
 * strides are these times the item size, see {@link #byteStrides(int)}). Dense C order ({@link #contiguous}) is the
 * form every array has today and the kernels' fast path; slicing views, transposes and broadcasts (stride 0) are the
 * other forms. Immutable.
 */
public final class StridedLayout {
    private final long[] shape;
    private final long offset;
    private final long[] strides;

    private StridedLayout(long[] shape, long offset, long[] strides) {
        this.shape = shape;
        this.offset = offset;
        this.strides = strides;
    }

    /** <b>Not collective.</b> Dense C order over {@code shape}, offset 0. */
    public static StridedLayout contiguous(long... shape) {
        long[] s = shape.clone();
        return new StridedLayout(s, 0, cStrides(s));
    }

    /**
     * <b>Not collective.</b> A layout over memory of {@code capacity} elements.
     *
     * @throws IllegalArgumentException if the ranks differ, an extent is negative, or some element of a non-empty
     *     block falls outside {@code [0, capacity)}
     */
    public static StridedLayout of(long[] shape, long offset, long[] strides, long capacity) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and strides "
                    + Arrays.toString(strides) + " have different lengths");
        }
        StridedLayout l = new StridedLayout(shape.clone(), offset, strides.clone());
        for (long n : shape) {
            if (n < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
        }
        if (l.elementCount() > 0 && (l.minOffset() < 0 || l.maxOffset() >= capacity)) {
            throw new IllegalArgumentException("layout " + l + " reaches elements [" + l.minOffset() + ", "
                    + l.maxOffset() + "], outside the memory's [0, " + capacity + ")");
        }
        return l;
    }

    /** <b>Not collective.</b> The C-order strides (in elements) of {@code shape}. */
    public static long[] cStrides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= Math.max(1, shape[i]);
        }
        return s;
    }

    /** <b>Not collective.</b> The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** <b>Not collective.</b> Element offset of element {@code (0, ..., 0)}. */
    public long offset() {
        return offset;
    }

    /** <b>Not collective.</b> Per-axis strides in elements (a copy). */
    public long[] strides() {
        return strides.clone();
    }

    /** <b>Not collective.</b> Per-axis strides in bytes (PEP 3118 / NumPy strides) for items of {@code itemSize}. */
    public long[] byteStrides(int itemSize) {
        long[] b = new long[strides.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = strides[i] * itemSize;
        }
        return b;
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** <b>Not collective.</b> Number of elements (1 for 0-d). */
    public long elementCount() {
        long n = 1;
        for (long e : shape) {
            n *= e;
        }
        return n;
    }

    /**
     * <b>Not collective.</b> Whether the block is dense C order (strides of extent-1 axes do not matter, as in NumPy;
     * an empty block is contiguous). The offset may be anything.
     */
    public boolean isContiguous() {
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 0) {
                return true;
            }
            if (shape[i] != 1 && strides[i] != step) {
                return false;
            }
            step *= shape[i];
        }
        return true;
    }

    /**
     * <b>Not collective.</b> Element offset of local index tuple {@code index}.
     *
     * @throws IndexOutOfBoundsException naming the index and the shape if it is outside the block
     */
    public long offsetOf(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(index.length + " indices " + Arrays.toString(index)
                    + " for a local block of shape " + Arrays.toString(shape));
        }
        long off = offset;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("local index " + Arrays.toString(index)
                        + " out of bounds for local shape " + Arrays.toString(shape) + " (axis " + i + ")");
            }
            off += index[i] * strides[i];
        }
        return off;
    }

    /** <b>Not collective.</b> The lowest element offset the block reaches (meaningless when empty). */
    public long minOffset() {
        long m = offset;
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] < 0) {
                m += (shape[i] - 1) * strides[i];
            }
        }
        return m;
    }

    /** <b>Not collective.</b> The highest element offset the block reaches (meaningless when empty). */
    public long maxOffset() {
        long m = offset;
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] > 0) {
                m += (shape[i] - 1) * strides[i];
            }
        }
        return m;
    }

    /** Receives one row of a {@link #forEachRow} walk: a run along the last axis. */
    @FunctionalInterface
    public interface RowVisitor {
        /**
         * @param index the index tuple of the row's first element (reused between calls)
         * @param base the element offset of that element
         * @param step the stride along the row, in elements (any sign, or 0)
         * @param length the number of elements in the row
         * @param dense the C-order flat index of the row's first element in the block
         */
        void row(long[] index, long base, long step, long length, long dense);
    }

    /** <b>Not collective.</b> Visits every row in C order; nothing if empty; a 0-d block is one row of one element. */
    public void forEachRow(RowVisitor v) {
        int nd = shape.length;
        if (nd == 0) {
            v.row(new long[0], offset, 1, 1, 0);
            return;
        }
        if (elementCount() == 0) {
            return;
        }
        long[] idx = new long[nd];
        long n = shape[nd - 1];
        long step = strides[nd - 1];
        long base = offset;
        long dense = 0;
        while (true) {
            v.row(idx, base, step, n, dense);
            dense += n;
            int a = nd - 2;
            while (a >= 0) {
                base += strides[a];
                if (++idx[a] < shape[a]) {
                    break;
                }
                base -= strides[a] * shape[a];
                idx[a] = 0;
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StridedLayout l && l.offset == offset && Arrays.equals(l.shape, shape)
                && Arrays.equals(l.strides, strides);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(shape) * 17 + Arrays.hashCode(strides);
    }

    @Override
    public String toString() {
        return "shape " + Arrays.toString(shape) + ", offset " + offset + ", strides " + Arrays.toString(strides)
                + " elements";
    }
}
