package org.jdistarray.algo;

import java.util.Arrays;

/**
 * LSD radix sort of signed 64-bit keys (the order-preserving keys of {@link Keys}), 11-bit digits (6 passes; a pass
 * whose digit is the same for every key is skipped), stable, optionally moving tags along. One histogram pass over
 * the data counts all six digits; each pass scatters into a scratch array of the same size. About three times
 * faster than {@code Arrays.sort(long[])} on large uniform data; below {@link #MIN} keys the comparison sorts win.
 */
final class RadixSort {
    /** Below this many keys: {@code Arrays.sort} / the merge sort. */
    static final int MIN = 1 << 12;
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private RadixSort() {
    }

    /** Sorts {@code keys} (all of it) ascending as signed longs, stably, moving {@code tags} (may be null). */
    static void sort(long[] keys, long[] tags) {
        int n = keys.length;
        if (n < MIN) {
            if (tags == null) {
                Arrays.sort(keys);
            } else {
                LocalSort.stableSort(keys, tags, 0, n);
            }
            return;
        }
        int[][] count = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long u = keys[i] ^ Long.MIN_VALUE;
            for (int p = 0; p < PASSES; p++) {
                count[p][(int) ((u >>> (p * BITS)) & (RADIX - 1))]++;
            }
        }
        long[] k = keys;
        long[] t = tags;
        long[] k2 = new long[n];
        long[] t2 = tags == null ? null : new long[n];
        for (int p = 0; p < PASSES; p++) {
            int[] c = count[p];
            int shift = p * BITS;
            int first = (int) (((k[0] ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1));
            if (c[first] == n) {
                continue; // every key has this digit
            }
            int sum = 0;
            for (int b = 0; b < RADIX; b++) {
                int v = c[b];
                c[b] = sum;
                sum += v;
            }
            if (t == null) {
                for (int i = 0; i < n; i++) {
                    long key = k[i];
                    k2[c[(int) (((key ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1))]++] = key;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long key = k[i];
                    int at = c[(int) (((key ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1))]++;
                    k2[at] = key;
                    t2[at] = t[i];
                }
                long[] sw = t;
                t = t2;
                t2 = sw;
            }
            long[] sw = k;
            k = k2;
            k2 = sw;
        }
        if (k != keys) {
            System.arraycopy(k, 0, keys, 0, n);
            if (tags != null) {
                System.arraycopy(t, 0, tags, 0, n);
            }
        }
    }
}
