package org.jdistarray.ops;

import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistributionException;

/**
 * The {@code where=} and {@code initial=} keywords of the reductions: NumPy's checks and messages (from arguments
 * every rank has, so every rank throws alike), the mask brought to the reduced array's layout, and the initial value
 * cast to the result's dtype (as NumPy casts it).
 */
final class ReduceMask {
    private ReduceMask() {
    }

    /** NumPy's keyword checks of {@code where} and {@code initial} for {@code kind}. */
    static void check(ReduceKind kind, DistArray a, ReduceOptions o) {
        DistArray m = o.whereOrNull();
        boolean takesWhere = kind.family != ReduceKind.Family.ARG && kind != ReduceKind.PTP
                && kind != ReduceKind.COUNT_NONZERO;
        if (m != null && !takesWhere) {
            throw new IllegalArgumentException(kind.numpyName + "() got an unexpected keyword argument 'where'");
        }
        boolean takesInitial = kind == ReduceKind.SUM || kind == ReduceKind.PROD || kind == ReduceKind.NANSUM
                || kind.family == ReduceKind.Family.EXTREME && kind != ReduceKind.PTP;
        if (o.initialOrNull() != null && !takesInitial) {
            throw new IllegalArgumentException(kind.numpyName + "() got an unexpected keyword argument 'initial'");
        }
        if (m == null) {
            return;
        }
        if (kind.family == ReduceKind.Family.EXTREME && o.initialOrNull() == null) {
            throw new IllegalArgumentException("reduction operation '" + ufuncName(kind) + "' does not have an identity,"
                    + " so to use a where mask one has to specify 'initial'");
        }
        if (m.dtype() != DType.BOOL) {
            throw new UfuncTypeException("Cannot cast array data from dtype('" + m.dtype().numpyName()
                    + "') to dtype('bool') according to the rule 'safe'");
        }
        if (m.distribution().context() != a.distribution().context()) {
            throw new DistributionException(kind.numpyName + ": the where mask lives on another communicator");
        }
        long[] as = a.shape();
        long[] ms = m.shape();
        if (ms.length > as.length) {
            throw new IllegalArgumentException("input operand has more dimensions than allowed by the axis remapping");
        }
        for (int j = 0; j < ms.length; j++) {
            long want = as[j + as.length - ms.length];
            if (ms[j] != want && ms[j] != 1) {
                throw new IllegalArgumentException("operands could not be broadcast together with remapped shapes"
                        + " [original->remapped]: " + Broadcast.format(as) + " " + Broadcast.format(ms) + " ");
            }
        }
    }

    /** NumPy's ufunc name of an extreme reduction, as its identity error names it. */
    static String ufuncName(ReduceKind kind) {
        return switch (kind) {
            case MIN -> "minimum";
            case MAX -> "maximum";
            case NANMIN -> "fmin";
            default -> "fmax";
        };
    }

    /**
     * <b>Logically collective.</b> The mask laid out exactly as {@code a} (the mask itself when it is; else a new
     * bool array the caller must close, filled by a broadcasting copy).
     */
    static DistArray onLayoutOf(DistArray a, DistArray mask) {
        if (Arrays.equals(mask.shape(), a.shape()) && mask.distribution().equals(a.distribution())) {
            return mask;
        }
        DistArray m = DistArrays.empty(a.distribution(), DType.BOOL);
        try {
            return Expr.of(mask).eval(UfuncOptions.out(m));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The initial value cast to the integer dtype {@code t} (NumPy's unsafe cast: truncation, wrap-around). */
    static long castLong(DType t, Number v) {
        if (t == DType.BOOL) {
            return (v instanceof Double d ? d != 0 : v.longValue() != 0) ? 1 : 0;
        }
        long x = v instanceof Double d ? (long) d.doubleValue() : v.longValue();
        return switch (t) {
            case INT8 -> (byte) x;
            case INT16 -> (short) x;
            case INT32 -> (int) x;
            case UINT8 -> x & 0xff;
            case UINT16 -> x & 0xffff;
            case UINT32 -> x & 0xffffffffL;
            default -> x;
        };
    }

    /** The initial value cast to the float dtype {@code t}. */
    static double castDouble(DType t, Number v) {
        double x = v.doubleValue();
        return t == DType.FLOAT32 ? (float) x : x;
    }

    /** Element {@code i} of the tile becomes {@code v} where the mask is false. */
    static void fill(double[] t, int n, boolean[] mask, double v) {
        for (int i = 0; i < n; i++) {
            t[i] = mask[i] ? t[i] : v;
        }
    }

    static void fill(long[] t, int n, boolean[] mask, long v) {
        for (int i = 0; i < n; i++) {
            t[i] = mask[i] ? t[i] : v;
        }
    }

    /** The number of true entries. */
    static int count(boolean[] mask, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += mask[i] ? 1 : 0;
        }
        return c;
    }

    static void countEach(boolean[] mask, int n, double[] count, int start) {
        for (int i = 0; i < n; i++) {
            count[start + i] += mask[i] ? 1 : 0;
        }
    }

    /** Moves the selected elements to the front, in order; returns how many there are. */
    static int compact(double[] t, int n, boolean[] mask) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                t[k++] = t[i];
            }
        }
        return k;
    }

    /** Welford's update of cell {@code start + i} with element {@code i} where the mask is true. */
    static void momentsEach(double[] t, int n, boolean[] mask, double[] cnt, double[] mean, double[] m2, int start) {
        for (int i = 0; i < n; i++) {
            if (!mask[i]) {
                continue;
            }
            int c = start + i;
            double k = cnt[c] + 1;
            double d = t[i] - mean[c];
            mean[c] += d / k;
            m2[c] += d * (t[i] - mean[c]);
            cnt[c] = k;
        }
    }

    /** Loads {@code n} mask entries at element {@code off} of the bool storage {@code s}. */
    static void load(org.jdistarray.array.internal.Storage s, long off, int n, boolean[] out) {
        java.nio.ByteBuffer b = s.chunkOf(off);
        int pos = s.posOf(off);
        for (int i = 0; i < n; i++) {
            out[i] = b.get(pos + i) != 0;
        }
    }
}
