package org.jdistarray.algo;

import java.nio.ByteBuffer;

import org.jdistarray.array.internal.DoubleLanes;
import org.jdistarray.array.internal.LongLanes;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.protocol.DType;

/**
 * The local passes of a scan, straight from the input's memory to the result's (no copy of the block): the
 * "fold" pass reduces each lane to its total, the "scan" pass writes the running values starting from the lane's
 * prefix. Lanes of length {@code len} are {@code inner} elements apart in C order; with {@code inner == 1} a lane is
 * contiguous and is walked element by element, else the rows of {@code inner} contiguous elements are combined
 * element-wise with the {@code inner} running values of their group.
 *
 * <p>float64 → float64 and int64/uint64 → int64/uint64 without NaN rules run small loops on the chunk buffers
 * (performance.md, "Known traps": small monomorphic methods, {@code int} induction variables); every other
 * combination converts tiles of {@link #TILE} elements through {@link DoubleLanes} / {@link LongLanes}. The
 * arithmetic is NumPy's sequential one: each running value is the previous one combined with the next element
 * (float32 results rounded after every step), so the bits do not depend on the path.
 */
final class ScanKernels {
    static final int TILE = 512;

    private final boolean product;
    private final boolean nan;
    private final boolean single;
    private final boolean floating;
    private final DType inType;
    private final DType outType;
    private final boolean direct;
    private final double[] tile;
    private final long[] ltile;

    ScanKernels(DType inType, DType outType, boolean product, boolean nan) {
        this.inType = inType;
        this.outType = outType;
        this.product = product;
        this.floating = Values.isFloat(outType);
        this.nan = nan && floating;
        this.single = outType == DType.FLOAT32;
        this.direct = !this.nan && (inType == DType.FLOAT64 && outType == DType.FLOAT64
                || (inType == DType.INT64 || inType == DType.UINT64) && inType == outType);
        this.tile = floating && !direct ? new double[TILE] : null;
        this.ltile = !floating && !direct ? new long[TILE] : null;
    }

    /**
     * Folds the lanes of the block into {@code dTot} (float accumulators) or {@code lTot} (integers), which hold
     * the identity on entry: {@code outer * inner} lanes of {@code len} elements.
     */
    void fold(Storage s, int outer, int len, int inner, double[] dTot, long[] lTot) {
        walk(s, null, outer, len, inner, dTot, lTot);
    }

    /** Writes the scan of every lane into {@code d}, starting from the lane prefixes in {@code dPre}/{@code lPre}. */
    void scan(Storage s, Storage d, int outer, int len, int inner, double[] dPre, long[] lPre) {
        walk(s, d, outer, len, inner, dPre, lPre);
    }

    private void walk(Storage s, Storage d, int outer, int len, int inner, double[] dAcc, long[] lAcc) {
        long rowLen = inner == 1 ? len : inner;
        long rows = inner == 1 ? outer : (long) outer * len;
        for (long r = 0; r < rows; r++) {
            int cell = inner == 1 ? (int) r : (int) (r / len) * inner;
            long off = r * rowLen;
            long end = off + rowLen;
            int done = 0;
            while (off < end) {
                long m0 = Math.min(end - off, s.runInChunk(off));
                if (d != null) {
                    m0 = Math.min(m0, d.runInChunk(off));
                }
                if (!direct) {
                    m0 = Math.min(m0, TILE);
                }
                int m = (int) m0;
                ByteBuffer ib = s.chunkOf(off);
                int ip = s.posOf(off);
                ByteBuffer ob = d == null ? null : d.chunkOf(off);
                int op = d == null ? 0 : d.posOf(off);
                if (inner == 1) {
                    run(ib, ip, ob, op, m, dAcc, lAcc, cell);
                } else {
                    each(ib, ip, ob, op, m, dAcc, lAcc, cell + done);
                }
                off += m;
                done += m;
            }
        }
    }

    /** {@code m} consecutive elements of one lane (cell {@code c}); {@code ob} null: fold only. */
    private void run(ByteBuffer ib, int ip, ByteBuffer ob, int op, int m, double[] dAcc, long[] lAcc, int c) {
        if (direct) {
            if (floating) {
                dAcc[c] = ob == null ? (product ? foldProdF64(ib, ip, m, dAcc[c]) : foldSumF64(ib, ip, m, dAcc[c]))
                        : product ? scanProdF64(ib, ip, ob, op, m, dAcc[c]) : scanSumF64(ib, ip, ob, op, m, dAcc[c]);
            } else {
                lAcc[c] = ob == null ? (product ? foldProdI64(ib, ip, m, lAcc[c]) : foldSumI64(ib, ip, m, lAcc[c]))
                        : product ? scanProdI64(ib, ip, ob, op, m, lAcc[c]) : scanSumI64(ib, ip, ob, op, m, lAcc[c]);
            }
            return;
        }
        if (floating) {
            loadDoubles(ib, ip, m);
            dAcc[c] = scanTile(tile, m, dAcc[c], product, single);
            if (ob != null) {
                DoubleLanes.store(outType, tile, m, ob, op);
            }
        } else {
            LongLanes.load(inType, ib, ip, ltile, m);
            lAcc[c] = product ? scanProdTile(ltile, m, lAcc[c]) : scanSumTile(ltile, m, lAcc[c]);
            if (ob != null) {
                LongLanes.store(outType, ltile, m, ob, op);
            }
        }
    }

    /** {@code m} consecutive elements of one row, element {@code k} into cell {@code c + k}. */
    private void each(ByteBuffer ib, int ip, ByteBuffer ob, int op, int m, double[] dAcc, long[] lAcc, int c) {
        if (direct) {
            if (floating) {
                if (product) {
                    eachProdF64(ib, ip, ob, op, m, dAcc, c);
                } else {
                    eachSumF64(ib, ip, ob, op, m, dAcc, c);
                }
            } else if (product) {
                eachProdI64(ib, ip, ob, op, m, lAcc, c);
            } else {
                eachSumI64(ib, ip, ob, op, m, lAcc, c);
            }
            return;
        }
        if (floating) {
            loadDoubles(ib, ip, m);
            eachTile(tile, m, dAcc, c, product, single);
            if (ob != null) {
                DoubleLanes.store(outType, tile, m, ob, op);
            }
        } else {
            LongLanes.load(inType, ib, ip, ltile, m);
            if (product) {
                eachProdTile(ltile, m, lAcc, c);
            } else {
                eachSumTile(ltile, m, lAcc, c);
            }
            if (ob != null) {
                LongLanes.store(outType, ltile, m, ob, op);
            }
        }
    }

    private void loadDoubles(ByteBuffer ib, int ip, int m) {
        DoubleLanes.load(inType, ib, ip, tile, m);
        if (nan) {
            nanToIdentity(tile, m, product ? 1 : 0);
        }
    }

    static double foldSumF64(ByteBuffer b, int pos, int n, double s) {
        for (int i = 0; i < n; i++) {
            s += b.getDouble(pos + (i << 3));
        }
        return s;
    }

    static double foldProdF64(ByteBuffer b, int pos, int n, double s) {
        for (int i = 0; i < n; i++) {
            s *= b.getDouble(pos + (i << 3));
        }
        return s;
    }

    static double scanSumF64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, double s) {
        for (int i = 0; i < n; i++) {
            s += b.getDouble(pos + (i << 3));
            o.putDouble(opos + (i << 3), s);
        }
        return s;
    }

    static double scanProdF64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, double s) {
        for (int i = 0; i < n; i++) {
            s *= b.getDouble(pos + (i << 3));
            o.putDouble(opos + (i << 3), s);
        }
        return s;
    }

    static long foldSumI64(ByteBuffer b, int pos, int n, long s) {
        for (int i = 0; i < n; i++) {
            s += b.getLong(pos + (i << 3));
        }
        return s;
    }

    static long foldProdI64(ByteBuffer b, int pos, int n, long s) {
        for (int i = 0; i < n; i++) {
            s *= b.getLong(pos + (i << 3));
        }
        return s;
    }

    static long scanSumI64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, long s) {
        for (int i = 0; i < n; i++) {
            s += b.getLong(pos + (i << 3));
            o.putLong(opos + (i << 3), s);
        }
        return s;
    }

    static long scanProdI64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, long s) {
        for (int i = 0; i < n; i++) {
            s *= b.getLong(pos + (i << 3));
            o.putLong(opos + (i << 3), s);
        }
        return s;
    }

    /** Element-wise: {@code acc[c + i] += x[i]}, and (with {@code o}) the new value written out. */
    static void eachSumF64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, double[] acc, int c) {
        for (int i = 0; i < n; i++) {
            double v = acc[c + i] + b.getDouble(pos + (i << 3));
            acc[c + i] = v;
            if (o != null) {
                o.putDouble(opos + (i << 3), v);
            }
        }
    }

    static void eachProdF64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, double[] acc, int c) {
        for (int i = 0; i < n; i++) {
            double v = acc[c + i] * b.getDouble(pos + (i << 3));
            acc[c + i] = v;
            if (o != null) {
                o.putDouble(opos + (i << 3), v);
            }
        }
    }

    static void eachSumI64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, long[] acc, int c) {
        for (int i = 0; i < n; i++) {
            long v = acc[c + i] + b.getLong(pos + (i << 3));
            acc[c + i] = v;
            if (o != null) {
                o.putLong(opos + (i << 3), v);
            }
        }
    }

    static void eachProdI64(ByteBuffer b, int pos, ByteBuffer o, int opos, int n, long[] acc, int c) {
        for (int i = 0; i < n; i++) {
            long v = acc[c + i] * b.getLong(pos + (i << 3));
            acc[c + i] = v;
            if (o != null) {
                o.putLong(opos + (i << 3), v);
            }
        }
    }

    static void nanToIdentity(double[] t, int n, double fill) {
        for (int i = 0; i < n; i++) {
            double v = t[i];
            t[i] = v != v ? fill : v;
        }
    }

    /** The running values of a tile in place, from {@code s}; returns the last. */
    static double scanTile(double[] t, int n, double s, boolean product, boolean single) {
        for (int i = 0; i < n; i++) {
            double v = product ? s * t[i] : s + t[i];
            s = single ? (float) v : v;
            t[i] = s;
        }
        return s;
    }

    static void eachTile(double[] t, int n, double[] acc, int c, boolean product, boolean single) {
        for (int i = 0; i < n; i++) {
            double v = product ? acc[c + i] * t[i] : acc[c + i] + t[i];
            v = single ? (float) v : v;
            acc[c + i] = v;
            t[i] = v;
        }
    }

    static long scanSumTile(long[] t, int n, long s) {
        for (int i = 0; i < n; i++) {
            s += t[i];
            t[i] = s;
        }
        return s;
    }

    static long scanProdTile(long[] t, int n, long s) {
        for (int i = 0; i < n; i++) {
            s *= t[i];
            t[i] = s;
        }
        return s;
    }

    static void eachSumTile(long[] t, int n, long[] acc, int c) {
        for (int i = 0; i < n; i++) {
            long v = acc[c + i] + t[i];
            acc[c + i] = v;
            t[i] = v;
        }
    }

    static void eachProdTile(long[] t, int n, long[] acc, int c) {
        for (int i = 0; i < n; i++) {
            long v = acc[c + i] * t[i];
            acc[c + i] = v;
            t[i] = v;
        }
    }
}
