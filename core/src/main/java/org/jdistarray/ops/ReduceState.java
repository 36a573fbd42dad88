package org.jdistarray.ops;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.internal.DoubleLanes;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.LongLanes;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.Undistributed;

/**
 * One rank's partial results of a reduction, one cell per element of its part of the result (kept axes: this
 * rank's owned extent; reduced axes: 1), filled from the owned elements of the local block (never padding) tile by
 * tile. The arrays used depend on the {@link ReduceKind.Family}.
 */
final class ReduceState {
    private static final int TILE = 512;

    final ReduceKind kind;
    final DType in;
    /** Whether sum/prod accumulate in 64-bit integers (integer result dtype), else in doubles. */
    final boolean longAcc;
    final int cells;
    final double[] d;
    final double[] d2;
    final double[] d3;
    final long[] l;
    final long[] l2;
    private final double[] tile;
    private final long[] ltile;
    private final long[] ltile2;
    /** float64 sum or mean: whole chunk runs straight from memory, no tiles. */
    private final boolean direct;
    /** With a where mask: the mask's tile (else null). */
    private final boolean[] mtile;
    private Storage mask;
    /** Extremes with {@code initial}: the keys masked-out elements get in the min and the max pass. */
    private long initLo;
    private long initHi;

    /** A state without mask. */
    ReduceState(ReduceKind kind, DType in, DType result, int cells) {
        this(kind, in, result, cells, false);
    }

    /** A state; {@code masked}: a where mask comes with {@link #accumulate}. */
    ReduceState(ReduceKind kind, DType in, DType result, int cells, boolean masked) {
        this.kind = kind;
        this.in = in;
        this.cells = cells;
        this.longAcc = kind.family == ReduceKind.Family.ACCUMULATE && !kind.isAverage() && !ReduceKind.isFloat(result)
                && !(ReduceKind.isFloat(in) && kind == ReduceKind.NANSUM);
        boolean dbl = kind.family == ReduceKind.Family.ACCUMULATE && !longAcc || kind.family == ReduceKind.Family.MOMENTS;
        d = dbl ? new double[cells] : null;
        d2 = kind == ReduceKind.NANMEAN || kind.family == ReduceKind.Family.MOMENTS || masked && kind == ReduceKind.MEAN
                ? new double[cells] : null;
        d3 = kind.family == ReduceKind.Family.MOMENTS ? new double[cells] : null;
        boolean lng = longAcc || kind.family == ReduceKind.Family.EXTREME || kind.family == ReduceKind.Family.ARG
                || kind.family == ReduceKind.Family.COUNT;
        l = lng ? new long[cells] : null;
        l2 = kind.family == ReduceKind.Family.EXTREME || kind.family == ReduceKind.Family.ARG ? new long[cells] : null;
        direct = !masked && in == DType.FLOAT64 && (kind == ReduceKind.SUM || kind == ReduceKind.MEAN) && !longAcc;
        mtile = masked ? new boolean[TILE] : null;
        tile = direct ? null : new double[TILE];
        ltile = direct ? null : new long[TILE];
        ltile2 = kind.family == ReduceKind.Family.ARG ? new long[TILE] : null;
        if (kind == ReduceKind.PROD) {
            if (d != null) {
                Arrays.fill(d, 1);
            } else {
                Arrays.fill(l, 1);
            }
        }
        if (kind.family == ReduceKind.Family.EXTREME) {
            Arrays.fill(l, Long.MAX_VALUE); // lowest key so far
            Arrays.fill(l2, Long.MIN_VALUE); // highest key so far
        } else if (kind.family == ReduceKind.Family.ARG) {
            Arrays.fill(l, Long.MAX_VALUE);
            Arrays.fill(l2, Long.MAX_VALUE);
        }
    }

    /**
     * Extremes with NumPy's {@code initial}: every cell starts at {@code value} (a key, {@link ReduceKernels#keyOf}
     * for floats), which masked-out elements also take; {@code nan}: the value is a float NaN.
     */
    void initialKey(long value, boolean nan) {
        initLo = nan ? (kind == ReduceKind.NANMIN ? Long.MAX_VALUE : Long.MIN_VALUE) : value;
        initHi = nan ? (kind == ReduceKind.NANMAX ? Long.MIN_VALUE : Long.MAX_VALUE) : value;
        Arrays.fill(l, initLo);
        Arrays.fill(l2, initHi);
    }

    /** As {@link #accumulate(Storage, List, long[], boolean[], boolean)}, counting only where {@code m} is true. */
    void accumulate(Storage s, Storage m, List<DimDistribution> dims, long[] shape, boolean[] reduced,
            boolean holdsNothing) {
        mask = m;
        accumulate(s, dims, shape, reduced, holdsNothing);
    }

    /**
     * Adds this rank's owned elements. {@code reduced}: the reduced axes; {@code dims}: the local block's dimension
     * dictionaries; {@code shape}: the global shape (for the arg-extremes' indices).
     */
    void accumulate(Storage s, List<DimDistribution> dims, long[] shape, boolean[] reduced, boolean holdsNothing) {
        if (holdsNothing) {
            return;
        }
        int n = dims.size();
        if (kind.family != ReduceKind.Family.ARG && allTrue(reduced) && unpadded(dims)) {
            accumulateFlat(s, s.elementCount());
            return;
        }
        if (direct && mask == null && rowsApply(reduced, dims) && accumulateRows(s)) {
            return;
        }
        LocalBox box = LocalBox.owned(dims);
        long[] lo = box.lo();
        long[] hi = box.hi();
        long[] cellStride = new long[n];
        long[] indexStride = new long[n];
        long cs = 1;
        long is = 1;
        for (int i = n - 1; i >= 0; i--) {
            if (reduced[i]) {
                indexStride[i] = is;
                is *= shape[i];
            } else {
                cellStride[i] = cs;
                cs *= Math.max(0, hi[i] - lo[i]);
            }
        }
        boolean lastReduced = n == 0 || reduced[n - 1];
        boolean arg = kind.family == ReduceKind.Family.ARG;
        DimDistribution last = n == 0 ? null : dims.get(n - 1);
        boolean identityLast = last == null || last instanceof Undistributed;
        box.forEachRow((local, offset, length) -> {
            long cell = 0;
            long index = 0;
            for (int i = 0; i < n - 1; i++) {
                cell += (local[i] - lo[i]) * cellStride[i];
                if (arg && reduced[i]) {
                    index += dims.get(i).globalFromLocal(local[i]) * indexStride[i];
                }
            }
            long l0 = n == 0 ? 0 : local[n - 1];
            if (!lastReduced) {
                cell += l0 - lo[n - 1];
            }
            long done = 0;
            while (done < length) {
                long off = offset + done;
                int m = (int) Math.min(length - done, s.runInChunk(off));
                if (!(direct && lastReduced)) {
                    m = Math.min(m, TILE);
                }
                if (mask != null) {
                    m = (int) Math.min(m, mask.runInChunk(off));
                    ReduceMask.load(mask, off, m, mtile);
                }
                ByteBuffer b = s.chunkOf(off);
                int pos = s.posOf(off);
                if (arg && lastReduced) {
                    for (int k = 0; k < m; k++) {
                        long li = l0 + done + k;
                        ltile2[k] = index + (n == 0 ? 0 : identityLast ? li : last.globalFromLocal(li));
                    }
                }
                tile(b, pos, m, lastReduced, (int) (lastReduced ? cell : cell + done), index);
                done += m;
            }
        });
    }

    /**
     * A full reduction (no arg-extreme) of a block without padding: the order of the elements does not matter, so
     * the block is walked chunk run by chunk run.
     */
    private void accumulateFlat(Storage s, long count) {
        long off = 0;
        while (off < count) {
            int m = (int) Math.min(count - off, s.runInChunk(off));
            if (!direct) {
                m = Math.min(m, TILE);
            }
            if (mask != null) {
                m = (int) Math.min(m, mask.runInChunk(off));
                ReduceMask.load(mask, off, m, mtile);
            }
            tile(s.chunkOf(off), s.posOf(off), m, true, 0, 0);
            off += m;
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the native row sums serve this reduction's layout: 2 or more axes, the last alone reduced, no padding,
     * the native loops on (the block's chunking is checked by {@link #rowsAddress}).
     */
    static boolean rowsApply(boolean[] reduced, List<DimDistribution> dims) {
        return dims.size() >= 2 && lastAxisOnly(reduced) && unpadded(dims) && NativeKernels.on();
    }

    /** Only the last axis is reduced. */
    private static boolean lastAxisOnly(boolean[] reduced) {
        for (int i = 0; i < reduced.length - 1; i++) {
            if (reduced[i]) {
                return false;
            }
        }
        return reduced[reduced.length - 1];
    }

    /** Rows per native call of {@link #accumulateRows} (its per-thread output buffer). */
    private static final int ROW_BATCH = 1024;
    private static final ThreadLocal<ByteBuffer> ROW_SUMS = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(ROW_BATCH * 8).order(java.nio.ByteOrder.nativeOrder()));

    /**
     * A float64 sum over the last axis of an unpadded block in one chunk: its rows (C order) are the cells, one after
     * another in memory, so the native loop sums {@link #ROW_BATCH} rows a call ({@code d[c] +=} each row's
     * {@link ReduceKernels#sumF64}, the per-row path's bits) instead of one call per row. False (nothing added) when
     * the chunk is not a native-order direct buffer of the block.
     */
    private boolean accumulateRows(Storage s) {
        long base = rowsAddress(s, cells);
        if (base == 0) {
            return false;
        }
        long len = s.elementCount() / cells;
        ByteBuffer out = ROW_SUMS.get();
        long outAddress = ReduceKernels.address(out);
        for (int r = 0; r < cells; r += ROW_BATCH) {
            int k = Math.min(ROW_BATCH, cells - r);
            NativeKernels.sumRowsF64(base + ((long) r * len << 3), k, len, outAddress);
            for (int i = 0; i < k; i++) {
                d[r + i] += out.getDouble(i << 3);
            }
        }
        return true;
    }

    /**
     * The address of the block of {@code s} when it is {@code cells} rows one after another in one native-order
     * direct chunk (a reduction over the last axis of an unpadded block), else 0.
     */
    static long rowsAddress(Storage s, int cells) {
        long total = s.elementCount();
        if (s.chunkCount() != 1 || cells == 0 || total % cells != 0 || s.runInChunk(0) < total) {
            return 0;
        }
        int pos = s.posOf(0);
        long base = NativeKernels.address(s.chunkOf(0), pos + (total << 3));
        return base == 0 ? 0 : base + pos;
    }

    private static boolean unpadded(List<DimDistribution> dims) {
        for (DimDistribution d : dims) {
            if (d instanceof org.jdistarray.protocol.Block b && (b.commPadLeft() != 0 || b.commPadRight() != 0)) {
                return false;
            }
        }
        return true;
    }

    /** One tile of {@code m} elements at byte {@code pos} of {@code b} into cell {@code c} (or cells from {@code c}). */
    private void tile(ByteBuffer b, int pos, int m, boolean fold, int c, long index) {
        switch (kind.family) {
            case ACCUMULATE -> accumulateTile(b, pos, m, fold, c);
            case MOMENTS -> {
                DoubleLanes.load(in, b, pos, tile, m);
                if (mtile != null) {
                    if (fold) {
                        ReduceKernels.moments(tile, ReduceMask.compact(tile, m, mtile), d2, d, d3, c);
                    } else {
                        ReduceMask.momentsEach(tile, m, mtile, d2, d, d3, c);
                    }
                } else if (fold) {
                    ReduceKernels.moments(tile, m, d2, d, d3, c);
                } else {
                    ReduceKernels.momentsEach(tile, m, d2, d, d3, c);
                }
            }
            case COUNT -> {
                DoubleLanes.load(in, b, pos, tile, m);
                if (mtile != null) {
                    ReduceMask.fill(tile, m, mtile, kind == ReduceKind.ALL ? 1 : 0);
                }
                if (fold) {
                    l[c] += ReduceKernels.countNonzero(tile, m);
                } else {
                    ReduceKernels.countNonzeroEach(tile, m, l, c);
                }
            }
            case EXTREME -> extremeTile(b, pos, m, fold, c);
            case ARG -> {
                keyTile(b, pos, m, kind == ReduceKind.ARGMIN ? Long.MIN_VALUE : Long.MAX_VALUE);
                if (kind == ReduceKind.ARGMAX) {
                    ReduceKernels.not(ltile, m);
                }
                if (fold) {
                    ReduceKernels.argmin(ltile, ltile2, m, l, l2, c);
                } else {
                    ReduceKernels.argminEach(ltile, m, index, l, l2, c);
                }
            }
        }
    }

    private void accumulateTile(ByteBuffer b, int pos, int m, boolean fold, int c) {
        if (longAcc) {
            LongLanes.load(in, b, pos, ltile, m);
            if (mtile != null) {
                ReduceMask.fill(ltile, m, mtile, kind == ReduceKind.PROD ? 1 : 0);
            }
            if (kind == ReduceKind.PROD) {
                if (fold) {
                    l[c] = ReduceKernels.prod(ltile, m, l[c]);
                } else {
                    ReduceKernels.prodEach(ltile, m, l, c);
                }
            } else if (fold) {
                l[c] += ReduceKernels.sum(ltile, m);
            } else {
                ReduceKernels.sumEach(ltile, m, l, c);
            }
            return;
        }
        if (direct) {
            if (fold) {
                d[c] += ReduceKernels.sumF64(b, pos, m);
            } else {
                ReduceKernels.sumEachF64(b, pos, m, d, c);
            }
            return;
        }
        DoubleLanes.load(in, b, pos, tile, m);
        if (mtile != null) {
            if (kind == ReduceKind.MEAN) {
                if (fold) {
                    d2[c] += ReduceMask.count(mtile, m);
                } else {
                    ReduceMask.countEach(mtile, m, d2, c);
                }
            }
            ReduceMask.fill(tile, m, mtile, kind == ReduceKind.PROD ? 1 : kind == ReduceKind.NANMEAN ? Double.NaN : 0);
        }
        if (kind == ReduceKind.PROD) {
            if (fold) {
                d[c] = ReduceKernels.prod(tile, m, d[c]);
            } else {
                ReduceKernels.prodEach(tile, m, d, c);
            }
            return;
        }
        if (kind.skipsNan()) {
            if (kind == ReduceKind.NANMEAN && !fold) {
                ReduceKernels.countEach(tile, m, d2, c);
            }
            int valid = ReduceKernels.zeroNans(tile, m);
            if (kind == ReduceKind.NANMEAN && fold) {
                d2[c] += valid;
            }
        }
        if (fold) {
            d[c] += ReduceKernels.sum(tile, m);
        } else {
            ReduceKernels.sumEach(tile, m, d, c);
        }
    }

    private void extremeTile(ByteBuffer b, int pos, int m, boolean fold, int c) {
        boolean lo = kind != ReduceKind.MAX && kind != ReduceKind.NANMAX;
        boolean hi = kind != ReduceKind.MIN && kind != ReduceKind.NANMIN;
        if (lo) {
            keyTile(b, pos, m, kind == ReduceKind.NANMIN ? Long.MAX_VALUE : Long.MIN_VALUE);
            if (mtile != null) {
                ReduceMask.fill(ltile, m, mtile, initLo);
            }
            if (fold) {
                l[c] = ReduceKernels.min(ltile, m, l[c]);
            } else {
                ReduceKernels.minEach(ltile, m, l, c);
            }
        }
        if (hi) {
            if (!lo || ReduceKind.isFloat(in)) {
                keyTile(b, pos, m, kind == ReduceKind.NANMAX ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            if (mtile != null) {
                ReduceMask.fill(ltile, m, mtile, initHi);
            }
            if (fold) {
                l2[c] = ReduceKernels.max(ltile, m, l2[c]);
            } else {
                ReduceKernels.maxEach(ltile, m, l2, c);
            }
        }
    }

    /** Keys of a tile into {@code ltile}; a float NaN gets {@code nanKey}. */
    private void keyTile(ByteBuffer b, int pos, int m, long nanKey) {
        if (ReduceKind.isFloat(in)) {
            DoubleLanes.load(in, b, pos, tile, m);
            ReduceKernels.keys(tile, m, ltile, nanKey);
        } else {
            LongLanes.load(in, b, pos, ltile, m);
            if (in == DType.UINT64) {
                ReduceKernels.unsignedKeys(ltile, m);
            }
        }
    }
}
