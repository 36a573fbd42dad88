package org.jdistarray.ops;

import java.math.BigInteger;
import java.nio.LongBuffer;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.DoubleLanes;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;

/**
 * The reproducible mode of {@code sum}, {@code mean}, {@code var} and {@code std} of float arrays, over every axis or
 * along axes: each rank adds its owned elements (and, for var/std, their exact squares) to one {@link ExactSum} per
 * result element; one all-reduce over the ranks that reduce together (the cached sub-communicator of the reduced
 * grid axes, as the other reductions) adds the accumulators as integers, which is exact and order-free; each result
 * is rounded once (mean: the exact quotient; var: the exact {@code (n*S2 - S1^2) / (n*(n - ddof))}). Same bits for
 * any rank count and layout. With a where mask only the selected elements are added and counted.
 */
final class ExactReduction {
    private static final int TILE = 512;

    private final ReduceKind kind;
    private final DistArray a;
    private final ReducedLayout layout;
    private final int cells;
    private final long perCell;
    private final DType result;
    private final ReduceOptions options;
    private final boolean squares;
    /** Longs per cell: one accumulator, two with squares. */
    private final int width;

    ExactReduction(ReduceKind kind, DistArray a, ReducedLayout layout, int cells, long perCell, DType result,
            ReduceOptions options) {
        this.kind = kind;
        this.a = a;
        this.layout = layout;
        this.cells = cells;
        this.perCell = perCell;
        this.result = result;
        this.options = options;
        this.squares = kind == ReduceKind.VAR || kind == ReduceKind.STD;
        this.width = squares ? 2 * ExactSum.LENGTH : ExactSum.LENGTH;
    }

    /** Whether the reproducible mode changes this reduction (float input and result: sum, mean, var, std). */
    static boolean applies(ReduceKind kind, DType in, DType result) {
        boolean k = kind == ReduceKind.SUM || kind == ReduceKind.MEAN || kind == ReduceKind.VAR || kind == ReduceKind.STD;
        return k && ReduceKind.isFloat(in) && ReduceKind.isFloat(result);
    }

    /**
     * <b>Collective over {@code group}</b> (null: nothing to combine). The result array, in the reduced layout.
     * {@code mask}: the where mask's storage in {@code a}'s layout, or null.
     */
    DistArray run(Storage in, Storage mask, boolean[] reduced, Communicator group) {
        int counts = mask == null ? 0 : cells;
        long total = (long) cells * width + counts;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(kind.numpyName + ": the reproducible mode needs " + width
                    + " longs per result element; " + cells + " local result elements are too many");
        }
        long[] acc = new long[(int) total];
        Distribution dist = a.distribution();
        if (!dist.localMap().holdsNothing()) {
            accumulate(in, mask, dist.localMap().dims(), reduced, acc);
        }
        if (group != null) {
            LongBuffer b = Scratch.of(group).longs(acc.length);
            b.put(0, acc);
            group.allReduce(b, ReduceOp.SUM);
            b.get(0, acc);
        }
        Number init = options.initialOrNull();
        DistArray out = Reducer.newResult(layout.result, result);
        Storage s = ArrayAccess.get().storage(out);
        if (s.elementCount() == 0 || !layout.full && layout.result.localMap().ownedElementCount() == 0) {
            return out;
        }
        boolean toFloat = result == DType.FLOAT32;
        for (int c = 0; c < cells; c++) {
            int at = c * width;
            if (init != null) {
                ExactSum.add(Double.doubleToRawLongBits(ReduceMask.castDouble(result, init)), acc, at);
                ExactSum.normalize(acc, at);
            }
            long n = mask == null ? perCell : acc[cells * width + c];
            s.setDouble(c, finish(kind, acc, at, n, options.ddofValue(), toFloat));
        }
        return out;
    }

    private void accumulate(Storage s, Storage mask, List<DimDistribution> dims, boolean[] reduced, long[] acc) {
        int n = dims.size();
        LocalBox box = LocalBox.owned(dims);
        long[] lo = box.lo();
        long[] hi = box.hi();
        long[] cellStride = new long[n];
        long cs = 1;
        for (int i = n - 1; i >= 0; i--) {
            if (!reduced[i]) {
                cellStride[i] = cs;
                cs *= Math.max(0, hi[i] - lo[i]);
            }
        }
        boolean fold = n == 0 || reduced[n - 1];
        DType t = a.dtype();
        double[] tile = new double[TILE];
        boolean[] mt = mask == null ? null : new boolean[TILE];
        int countAt = cells * width;
        int[] since = {0};
        box.forEachRow((local, offset, length) -> {
            long cell = 0;
            for (int i = 0; i < n - 1; i++) {
                cell += (local[i] - lo[i]) * cellStride[i];
            }
            if (!fold) {
                cell += local[n - 1] - lo[n - 1];
            }
            long done = 0;
            while (done < length) {
                long off = offset + done;
                int m = (int) Math.min(Math.min(length - done, s.runInChunk(off)), TILE);
                if (mask != null) {
                    m = (int) Math.min(m, mask.runInChunk(off));
                    ReduceMask.load(mask, off, m, mt);
                }
                DoubleLanes.load(t, s.chunkOf(off), s.posOf(off), tile, m);
                int c0 = (int) (fold ? cell : cell + done);
                for (int k = 0; k < m; k++) {
                    if (mt != null && !mt[k]) {
                        continue;
                    }
                    int c = fold ? c0 : c0 + k;
                    int at = c * width;
                    ExactSum.add(Double.doubleToRawLongBits(tile[k]), acc, at);
                    if (squares) {
                        ExactSum.addSquare(tile[k], acc, at + ExactSum.LENGTH);
                    }
                    if (mt != null) {
                        acc[countAt + c]++;
                    }
                }
                since[0] += fold ? m : 1;
                if (since[0] > ExactSum.BATCH / 2 - TILE) {
                    normalizeAll(acc);
                    since[0] = 0;
                }
                done += m;
            }
        });
        normalizeAll(acc);
    }

    private void normalizeAll(long[] acc) {
        for (int c = 0; c < cells; c++) {
            ExactSum.normalize(acc, c * width);
            if (squares) {
                ExactSum.normalize(acc, c * width + ExactSum.LENGTH);
            }
        }
    }

    private static double finish(ReduceKind kind, long[] acc, int at, long n, int ddof, boolean toFloat) {
        int prec = toFloat ? 24 : 53;
        int minUlp = toFloat ? -149 : -1074;
        Double special = ExactSum.special(acc, at);
        BigInteger s1 = ExactSum.value(acc, at);
        double v;
        switch (kind) {
            case SUM -> v = special != null ? special : ExactSum.round(s1, BigInteger.ONE, -1074, prec, minUlp);
            case MEAN -> v = n == 0 ? Double.NaN : special != null ? special
                    : ExactSum.round(s1, BigInteger.valueOf(n), -1074, prec, minUlp);
            default -> {
                Double special2 = ExactSum.special(acc, at + ExactSum.LENGTH);
                if (n == 0 || special != null || special2 != null) {
                    v = Double.NaN;
                } else {
                    BigInteger s2 = ExactSum.value(acc, at + ExactSum.LENGTH);
                    BigInteger k = s2.multiply(BigInteger.valueOf(n)).shiftLeft(1074).subtract(s1.multiply(s1));
                    long dof = Math.max(n - ddof, 0);
                    if (dof == 0) {
                        v = k.signum() == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                    } else {
                        v = ExactSum.round(k, BigInteger.valueOf(n).multiply(BigInteger.valueOf(dof)), -2148, 53, -1074);
                    }
                }
                if (kind == ReduceKind.STD) {
                    v = Math.sqrt(v);
                }
                if (toFloat) {
                    v = (float) v;
                }
            }
        }
        return v;
    }
}
