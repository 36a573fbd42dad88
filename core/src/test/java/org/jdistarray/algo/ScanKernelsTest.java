package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * The local scan passes ({@link ScanKernels}) against a sequential reference written out here: every accumulator
 * path (float64 and int64/uint64 straight from memory, the other dtypes through tiles), cumsum/cumprod and the NaN
 * forms, contiguous lanes ({@code inner == 1}) and strided ones, empty lanes, and blocks cut into 64-byte chunks so
 * that runs split at chunk boundaries (in the input and the result at different places when their item sizes
 * differ) and at tile boundaries.
 */
class ScanKernelsTest {
    private static final DType[] TYPES = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.UINT64, DType.INT32,
        DType.UINT16, DType.INT8, DType.UINT8, DType.BOOL};
    private static final int[][] SHAPES = {{1, 37, 1}, {3, 11, 1}, {2, 9, 5}, {1, 1, 13}, {4, 0, 3}, {2, 3, 0},
        {1, 1300, 1}, {2, 5, 700}};

    @Test
    void everyPathMatchesTheSequentialScan() {
        for (int shift : new int[] {6, 7, NativeMemory.DEFAULT_CHUNK_SHIFT}) {
            for (DType t : TYPES) {
                DType acc = Scans.accumulator(t);
                for (int[] sh : SHAPES) {
                    for (int kind = 0; kind < 4; kind++) {
                        check(t, acc, sh[0], sh[1], sh[2], kind % 2 == 1, kind >= 2, shift);
                    }
                }
            }
        }
    }

    private static double value(DType t, int i, boolean product) {
        if (t == DType.BOOL) {
            return i % 3 == 0 ? 0 : 1;
        }
        if (Values.isFloat(t) && i % 11 == 4) {
            return Double.NaN;
        }
        if (product) {
            int[] p = {1, 2, 1, 3, 1, 1, 2};
            double v = p[i % p.length];
            return Values.isFloat(t) && i % 13 == 5 ? 0.5 : t == DType.INT8 && i % 5 == 0 ? -v : v;
        }
        int v = (i * 7) % 9;
        boolean signed = t == DType.FLOAT64 || t == DType.FLOAT32 || t == DType.INT64 || t == DType.INT32 || t == DType.INT8;
        return signed ? v - 4 : v;
    }

    private static void check(DType t, DType acc, int outer, int len, int inner, boolean product, boolean nan,
            int shift) {
        int n = outer * len * inner;
        int lanes = outer * inner;
        String what = t.numpyName() + " " + outer + "x" + len + "x" + inner + (product ? " prod" : " sum")
                + (nan ? " nan" : "") + " chunks 2^" + shift;
        Storage s = Storage.allocate(t, n, false, shift);
        Storage d = Storage.allocate(acc, n, false, shift);
        try {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = value(t, i, product);
                s.setDouble(i, x[i]);
            }
            boolean floating = Values.isFloat(acc);
            boolean single = acc == DType.FLOAT32;
            // the reference: lane totals from the identity, then each lane from its prefix (lane number + 2)
            double[] wantTot = new double[lanes];
            double[] pre = new double[lanes];
            double[] want = new double[n];
            long[] wantTotL = new long[lanes];
            long[] wantL = new long[n];
            for (int o = 0; o < outer; o++) {
                for (int q = 0; q < inner; q++) {
                    int lane = o * inner + q;
                    double tot = product ? 1 : -0.0;
                    double run = lane + 2;
                    long totL = product ? 1 : 0;
                    long runL = lane + 2;
                    pre[lane] = run;
                    for (int i = 0; i < len; i++) {
                        int at = (o * len + i) * inner + q;
                        double v = nan && Double.isNaN(x[at]) ? (product ? 1 : 0) : x[at];
                        if (floating) {
                            tot = round(product ? tot * v : tot + v, single);
                            run = round(product ? run * v : run + v, single);
                        } else {
                            totL = product ? totL * (long) v : totL + (long) v;
                            runL = product ? runL * (long) v : runL + (long) v;
                        }
                        want[at] = run;
                        wantL[at] = runL;
                    }
                    wantTot[lane] = tot;
                    wantTotL[lane] = totL;
                }
            }
            ScanKernels k = new ScanKernels(t, acc, product, nan);
            double[] dTot = floating ? new double[lanes] : null;
            long[] lTot = floating ? null : new long[lanes];
            for (int c = 0; c < lanes; c++) {
                if (floating) {
                    dTot[c] = product ? 1 : -0.0;
                } else {
                    lTot[c] = product ? 1 : 0;
                }
            }
            k.fold(s, outer, len, inner, dTot, lTot);
            double[] dPre = floating ? pre.clone() : null;
            long[] lPre = null;
            if (!floating) {
                lPre = new long[lanes];
                for (int c = 0; c < lanes; c++) {
                    lPre[c] = (long) pre[c];
                }
            }
            k.scan(s, d, outer, len, inner, dPre, lPre);
            for (int c = 0; c < lanes; c++) {
                if (floating) {
                    assertEquals(Double.doubleToLongBits(wantTot[c]), Double.doubleToLongBits(dTot[c]),
                            what + ": total of lane " + c + " is " + dTot[c] + ", want " + wantTot[c]);
                } else {
                    assertEquals(wantTotL[c], lTot[c], what + ": total of lane " + c);
                }
            }
            for (int i = 0; i < n; i++) {
                if (floating) {
                    double got = d.getDouble(i);
                    assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got),
                            what + ": element " + i + " is " + got + ", want " + want[i]);
                } else {
                    assertEquals(wantL[i], d.getLong(i), what + ": element " + i);
                }
            }
        } finally {
            s.free();
            d.free();
        }
    }

    private static double round(double v, boolean single) {
        return single ? (float) v : v;
    }
}
