package org.jdistarray.ops;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.DoubleLanes;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.protocol.DType;

/**
 * The reproducible mode of {@code sum}, {@code mean}, {@code var} and {@code std} of float arrays over every axis:
 * each rank adds its owned elements (and, for var/std, their exact squares) to an {@link ExactSum}; one all-reduce
 * adds the accumulators as integers, which is exact and order-free; the result is rounded once (mean: the exact
 * quotient; var: the exact {@code (n*S2 - S1^2) / (n*(n - ddof))}). Same bits for any rank count and layout.
 */
final class ExactReduction {
    private static final int TILE = 512;

    private ExactReduction() {
    }

    /** Whether the reproducible mode changes this reduction (float input and result: sum, mean, var, std). */
    static boolean applies(ReduceKind kind, DType in, DType result) {
        boolean k = kind == ReduceKind.SUM || kind == ReduceKind.MEAN || kind == ReduceKind.VAR || kind == ReduceKind.STD;
        return k && ReduceKind.isFloat(in) && ReduceKind.isFloat(result);
    }

    static DistArray run(ReduceKind kind, DistArray a, Storage in, ReducedLayout layout, long count, DType result,
            int ddof) {
        if (!layout.full) {
            throw new UnsupportedOperationException(kind.numpyName + ": the reproducible mode reduces every axis"
                    + " (axis=None) so far; reduce along axes without it");
        }
        boolean squares = kind == ReduceKind.VAR || kind == ReduceKind.STD;
        int len = ExactSum.LENGTH;
        long[] acc = new long[squares ? 2 * len : len];
        if (!a.distribution().localMap().holdsNothing()) {
            accumulate(in, a.dtype(), LocalBox.owned(a.distribution().localMap().dims()), acc, squares);
        }
        if (layout.communicates) {
            LongBuffer b = DirectBuffers.longs(acc.length);
            b.put(0, acc);
            a.distribution().context().comm().allReduce(b, ReduceOp.SUM);
            b.get(0, acc);
        }
        double v = finish(kind, acc, count, ddof, result == DType.FLOAT32);
        DistArray out = DistArrays.empty(layout.result, result);
        Storage s = ArrayAccess.get().storage(out);
        if (s.elementCount() > 0) {
            s.setDouble(0, v);
        }
        return out;
    }

    private static void accumulate(Storage s, DType t, LocalBox box, long[] acc, boolean squares) {
        double[] tile = squares ? new double[TILE] : null;
        int[] since = {0};
        box.forEachRow((local, offset, length) -> {
            long done = 0;
            while (done < length) {
                long off = offset + done;
                int m = (int) Math.min(Math.min(length - done, s.runInChunk(off)), TILE);
                ByteBuffer b = s.chunkOf(off);
                int pos = s.posOf(off);
                if (t == DType.FLOAT64) {
                    ExactSum.addF64(b, pos, m, acc, 0);
                } else {
                    ExactSum.addF32(b, pos, m, acc, 0);
                }
                if (squares) {
                    DoubleLanes.load(t, b, pos, tile, m);
                    ExactSum.addSquares(tile, m, acc, ExactSum.LENGTH);
                }
                since[0] += m;
                if (since[0] > ExactSum.BATCH / 2 - TILE) {
                    normalizeAll(acc, squares);
                    since[0] = 0;
                }
                done += m;
            }
        });
        normalizeAll(acc, squares);
    }

    private static void normalizeAll(long[] acc, boolean squares) {
        ExactSum.normalize(acc, 0);
        if (squares) {
            ExactSum.normalize(acc, ExactSum.LENGTH);
        }
    }

    private static double finish(ReduceKind kind, long[] acc, long n, int ddof, boolean toFloat) {
        int prec = toFloat ? 24 : 53;
        int minUlp = toFloat ? -149 : -1074;
        Double special = ExactSum.special(acc, 0);
        BigInteger s1 = ExactSum.value(acc, 0);
        double v;
        switch (kind) {
            case SUM -> v = special != null ? special : ExactSum.round(s1, BigInteger.ONE, -1074, prec, minUlp);
            case MEAN -> v = n == 0 ? Double.NaN : special != null ? special
                    : ExactSum.round(s1, BigInteger.valueOf(n), -1074, prec, minUlp);
            default -> {
                Double special2 = ExactSum.special(acc, ExactSum.LENGTH);
                if (n == 0 || special != null || special2 != null) {
                    v = Double.NaN;
                } else {
                    BigInteger s2 = ExactSum.value(acc, ExactSum.LENGTH);
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
