package org.jdistarray.algo;

import java.util.Arrays;
import java.util.Comparator;

/** Serial reference of NumPy's stable sort/argsort and cumulative functions on C-order double data. */
final class SerialAlgo {
    private SerialAlgo() {
    }

    /** NumPy's order: NaN last, -0.0 == 0.0. */
    static int compare(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    static int[] lanes(long[] shape, int axis) {
        int len = (int) shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= (int) shape[i];
        }
        int total = 1;
        for (long s : shape) {
            total *= (int) s;
        }
        int outer = len * inner == 0 ? 0 : total / (len * inner);
        return new int[] {outer, len, inner};
    }

    static long[] argsort(double[] v, long[] shape, int axis) {
        int ax = axis < 0 ? axis + shape.length : axis;
        long[] out = new long[v.length];
        int[] l = lanes(shape, ax);
        for (int o = 0; o < l[0]; o++) {
            for (int q = 0; q < l[2]; q++) {
                int base = o * l[1] * l[2] + q;
                Integer[] idx = new Integer[l[1]];
                for (int i = 0; i < l[1]; i++) {
                    idx[i] = i;
                }
                Arrays.sort(idx, Comparator.comparing(i -> v[base + i * l[2]], SerialAlgo::compare));
                for (int i = 0; i < l[1]; i++) {
                    out[base + i * l[2]] = idx[i];
                }
            }
        }
        return out;
    }

    static double[] take(double[] v, long[] shape, int axis, long[] idx) {
        int ax = axis < 0 ? axis + shape.length : axis;
        double[] out = new double[v.length];
        int[] l = lanes(shape, ax);
        for (int o = 0; o < l[0]; o++) {
            for (int q = 0; q < l[2]; q++) {
                int base = o * l[1] * l[2] + q;
                for (int i = 0; i < l[1]; i++) {
                    out[base + i * l[2]] = v[base + (int) idx[base + i * l[2]] * l[2]];
                }
            }
        }
        return out;
    }

    /** Sequential scan in double (float32: rounded each step); integer data is exact in double here. */
    static double[] scan(double[] v, long[] shape, int axis, boolean product, boolean nan, boolean single) {
        double[] out = new double[v.length];
        int[] l = lanes(shape, axis);
        for (int o = 0; o < l[0]; o++) {
            for (int q = 0; q < l[2]; q++) {
                double acc = product ? 1 : -0.0;
                for (int i = 0; i < l[1]; i++) {
                    int at = o * l[1] * l[2] + i * l[2] + q;
                    double x = nan && Double.isNaN(v[at]) ? (product ? 1 : 0) : v[at];
                    acc = product ? acc * x : acc + x;
                    if (single) {
                        acc = (float) acc;
                    }
                    out[at] = acc;
                }
            }
        }
        return out;
    }
    /** {@code np.diff(v, axis)} in the dtype's arithmetic (wrapping integers, != for bool). */
    static double[] diff(double[] v, long[] shape, int axis, org.jdistarray.protocol.DType t) {
        int[] l = lanes(shape, axis);
        int olen = Math.max(0, l[1] - 1);
        double[] out = new double[l[0] * olen * l[2]];
        for (int o = 0; o < l[0]; o++) {
            for (int i = 0; i < olen; i++) {
                for (int q = 0; q < l[2]; q++) {
                    double lo = v[(o * l[1] + i) * l[2] + q];
                    double hi = v[(o * l[1] + i + 1) * l[2] + q];
                    double d = t == org.jdistarray.protocol.DType.BOOL ? (hi != lo ? 1 : 0) : hi - lo;
                    out[(o * olen + i) * l[2] + q] = org.jdistarray.array.Cases.cast(d, t);
                }
            }
        }
        return out;
    }
}
