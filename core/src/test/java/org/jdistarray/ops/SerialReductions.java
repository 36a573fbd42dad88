package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.protocol.DType;

/**
 * The serial reference of every reduction: walks the global array in C order, cell by cell of the result, with the
 * plain definitions (two-pass variance, first index of the extreme, NaN rules of NumPy). Integers are 64-bit
 * two's-complement longs (uint64: unsigned order), floats doubles.
 */
final class SerialReductions {
    /** A reference result: flat C-order values and the shape. */
    record Result(long[] shape, double[] doubles, long[] longs) {
    }

    private SerialReductions() {
    }

    static Result reduce(ReduceKind kind, DType t, double[] dv, long[] lv, long[] shape, boolean[] reduced,
            boolean keepdims, int ddof) {
        int n = shape.length;
        List<Long> outShape = new ArrayList<>();
        long cells = 1;
        for (int i = 0; i < n; i++) {
            if (!reduced[i]) {
                outShape.add(shape[i]);
                cells *= shape[i];
            } else if (keepdims) {
                outShape.add(1L);
            }
        }
        long[] strides = new long[n];
        long s = 1;
        for (int i = n - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        double[] od = new double[(int) cells];
        long[] ol = new long[(int) cells];
        int[] keptAxes = java.util.stream.IntStream.range(0, n).filter(i -> !reduced[i]).toArray();
        int[] redAxes = java.util.stream.IntStream.range(0, n).filter(i -> reduced[i]).toArray();
        long perCell = 1;
        for (int a : redAxes) {
            perCell *= shape[a];
        }
        boolean isFloat = t == DType.FLOAT64 || t == DType.FLOAT32;
        for (int c = 0; c < cells; c++) {
            long base = 0;
            long rem = c;
            for (int k = keptAxes.length - 1; k >= 0; k--) {
                int a = keptAxes[k];
                base += (rem % shape[a]) * strides[a];
                rem /= shape[a];
            }
            double[] xd = new double[(int) perCell];
            long[] xl = new long[(int) perCell];
            for (int j = 0; j < perCell; j++) {
                long off = base;
                long r = j;
                for (int k = redAxes.length - 1; k >= 0; k--) {
                    int a = redAxes[k];
                    off += (r % shape[a]) * strides[a];
                    r /= shape[a];
                }
                xd[j] = dv[(int) off];
                xl[j] = lv[(int) off];
            }
            double[] dres = {0};
            long[] lres = {0};
            cell(kind, t, isFloat, xd, xl, ddof, dres, lres);
            od[c] = dres[0];
            ol[c] = lres[0];
        }
        return new Result(outShape.stream().mapToLong(Long::longValue).toArray(), od, ol);
    }

    private static void cell(ReduceKind k, DType t, boolean isFloat, double[] xd, long[] xl, int ddof, double[] d,
            long[] l) {
        int m = xd.length;
        boolean unsigned = t == DType.UINT64;
        switch (k) {
            case SUM, NANSUM, PROD -> {
                boolean prod = k == ReduceKind.PROD;
                double sd = prod ? 1 : 0;
                long sl = prod ? 1 : 0;
                for (int i = 0; i < m; i++) {
                    double v = xd[i];
                    if (k == ReduceKind.NANSUM && Double.isNaN(v)) {
                        continue;
                    }
                    sd = prod ? sd * v : sd + v;
                    sl = prod ? sl * xl[i] : sl + xl[i];
                }
                d[0] = sd;
                l[0] = sl;
            }
            case MEAN, NANMEAN -> {
                double sum = 0;
                int cnt = 0;
                for (int i = 0; i < m; i++) {
                    double v = asDouble(xd[i], xl[i], isFloat, unsigned);
                    if (k == ReduceKind.NANMEAN && Double.isNaN(v)) {
                        continue;
                    }
                    sum += v;
                    cnt++;
                }
                d[0] = sum / cnt;
            }
            case VAR, STD -> {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += asDouble(xd[i], xl[i], isFloat, unsigned);
                }
                double mean = sum / m;
                double q = 0;
                for (int i = 0; i < m; i++) {
                    double e = asDouble(xd[i], xl[i], isFloat, unsigned) - mean;
                    q += e * e;
                }
                double v = (m == 0 ? Double.NaN : q) / Math.max(m - ddof, 0);
                d[0] = k == ReduceKind.STD ? Math.sqrt(v) : v;
            }
            case MIN, MAX, NANMIN, NANMAX, PTP, ARGMIN, ARGMAX -> {
                boolean wantMin = k == ReduceKind.MIN || k == ReduceKind.NANMIN || k == ReduceKind.ARGMIN;
                boolean skip = k == ReduceKind.NANMIN || k == ReduceKind.NANMAX;
                int best = -1;
                int lo = -1;
                int hi = -1;
                for (int i = 0; i < m; i++) {
                    if (isFloat && Double.isNaN(xd[i])) {
                        if (skip) {
                            continue;
                        }
                        best = i;
                        lo = i;
                        hi = i;
                        break;
                    }
                    if (best < 0 || (wantMin ? less(xd, xl, i, best, isFloat, unsigned) : less(xd, xl, best, i, isFloat, unsigned))) {
                        best = i;
                    }
                    if (lo < 0 || less(xd, xl, i, lo, isFloat, unsigned)) {
                        lo = i;
                    }
                    if (hi < 0 || less(xd, xl, hi, i, isFloat, unsigned)) {
                        hi = i;
                    }
                }
                if (k == ReduceKind.ARGMIN || k == ReduceKind.ARGMAX) {
                    l[0] = best;
                } else if (k == ReduceKind.PTP) {
                    d[0] = xd[hi] - xd[lo];
                    l[0] = xl[hi] - xl[lo];
                } else if (best < 0) {
                    d[0] = Double.NaN;
                } else {
                    d[0] = xd[best];
                    l[0] = xl[best];
                }
            }
            case ANY, ALL, COUNT_NONZERO -> {
                long c = 0;
                for (int i = 0; i < m; i++) {
                    c += xd[i] != 0 || xl[i] != 0 ? 1 : 0;
                }
                l[0] = k == ReduceKind.ANY ? (c > 0 ? 1 : 0) : k == ReduceKind.ALL ? (c == m ? 1 : 0) : c;
                d[0] = l[0];
            }
        }
    }

    private static boolean less(double[] xd, long[] xl, int i, int j, boolean isFloat, boolean unsigned) {
        if (isFloat) {
            return xd[i] < xd[j];
        }
        return unsigned ? Long.compareUnsigned(xl[i], xl[j]) < 0 : xl[i] < xl[j];
    }

    private static double asDouble(double d, long l, boolean isFloat, boolean unsigned) {
        if (isFloat) {
            return d;
        }
        return unsigned ? (l >= 0 ? (double) l : ((double) (l >>> 1)) * 2 + (l & 1)) : (double) l;
    }
}
