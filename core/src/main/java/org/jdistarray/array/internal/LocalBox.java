package org.jdistarray.array.internal;

import java.util.List;

import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.DimDistribution;

/**
 * A box {@code [lo, hi)} of local index tuples in a C-order block of shape {@code shape}, walked row by row: a row is
 * a run of consecutive cells along the last axis, contiguous in memory.
 */
public final class LocalBox {
    /** Receives one row. */
    @FunctionalInterface
    public interface RowVisitor {
        /**
         * @param local the local index tuple of the row's first cell (reused between calls)
         * @param offset the C-order element offset of that cell
         * @param length the number of cells in the row
         */
        void row(long[] local, long offset, long length);
    }

    /** Receives one cell, see {@link #forEachCell}. */
    @FunctionalInterface
    public interface CellVisitor {
        /**
         * @param global the cell's global index tuple (reused between calls)
         * @param flat the C-order flat index of {@code global} in the global array
         * @param offset the cell's C-order element offset in the local block
         */
        void cell(long[] global, long flat, long offset);
    }

    private final long[] shape;
    private final long[] lo;
    private final long[] hi;

    /** <b>Not collective.</b> The box {@code [lo, hi)} of a block of shape {@code shape}. */
    public LocalBox(long[] shape, long[] lo, long[] hi) {
        this.shape = shape.clone();
        this.lo = lo.clone();
        this.hi = hi.clone();
    }

    /** <b>Not collective.</b> The whole block. */
    public static LocalBox all(long[] shape) {
        return new LocalBox(shape, new long[shape.length], shape);
    }

    /** <b>Not collective.</b> The cells this rank owns: everything but communication padding. */
    public static LocalBox owned(List<DimDistribution> dims) {
        int n = dims.size();
        long[] shape = new long[n];
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            DimDistribution d = dims.get(i);
            shape[i] = d.localSize();
            hi[i] = d.localSize();
            if (d instanceof Block b) {
                lo[i] = b.commPadLeft();
                hi[i] = b.localSize() - b.commPadRight();
            }
        }
        return new LocalBox(shape, lo, hi);
    }

    /** <b>Not collective.</b> A copy with axis {@code axis} restricted to {@code [from, to)}. */
    public LocalBox withAxis(int axis, long from, long to) {
        long[] l = lo.clone();
        long[] h = hi.clone();
        l[axis] = from;
        h[axis] = to;
        return new LocalBox(shape, l, h);
    }

    /** <b>Not collective.</b> Number of cells in the box. */
    public long cellCount() {
        long n = 1;
        for (int i = 0; i < lo.length; i++) {
            n *= Math.max(0, hi[i] - lo[i]);
        }
        return n;
    }

    /** <b>Not collective.</b> The first local index on each axis. */
    public long[] lo() {
        return lo.clone();
    }

    /** <b>Not collective.</b> The end (exclusive) on each axis. */
    public long[] hi() {
        return hi.clone();
    }

    /**
     * <b>Not collective.</b> Visits every row in C order. Nothing if the box is empty; a 0-d box is one row of one
     * cell.
     */
    public void forEachRow(RowVisitor v) {
        int n = shape.length;
        if (n == 0) {
            v.row(new long[0], 0, 1);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (hi[i] <= lo[i]) {
                return;
            }
        }
        long[] strides = new long[n];
        long s = 1;
        for (int i = n - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        long[] idx = lo.clone();
        long rowLength = hi[n - 1] - lo[n - 1];
        while (true) {
            long off = 0;
            for (int i = 0; i < n; i++) {
                off += idx[i] * strides[i];
            }
            v.row(idx, off, rowLength);
            int axis = n - 2;
            while (axis >= 0 && ++idx[axis] == hi[axis]) {
                idx[axis] = lo[axis];
                axis--;
            }
            if (axis < 0) {
                return;
            }
        }
    }

    /**
     * <b>Not collective.</b> Visits every cell in C order with its global index tuple, computed by the dimension
     * dictionaries {@code dims} of the block (one index-map call per cell on the last axis, one per row on the
     * others).
     */
    public void forEachCell(List<DimDistribution> dims, long[] globalShape, CellVisitor v) {
        int n = shape.length;
        long[] gStrides = new long[n];
        long s = 1;
        for (int i = n - 1; i >= 0; i--) {
            gStrides[i] = s;
            s *= globalShape[i];
        }
        long[] global = new long[n];
        if (n == 0) {
            v.cell(global, 0, 0);
            return;
        }
        DimDistribution last = dims.get(n - 1);
        forEachRow((local, offset, length) -> {
            long base = 0;
            for (int i = 0; i < n - 1; i++) {
                global[i] = dims.get(i).globalFromLocal(local[i]);
                base += global[i] * gStrides[i];
            }
            long l0 = local[n - 1];
            for (long k = 0; k < length; k++) {
                long g = last.globalFromLocal(l0 + k);
                global[n - 1] = g;
                v.cell(global, base + g, offset + k);
            }
        });
    }
}
