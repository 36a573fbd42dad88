package org.jdistarray.algo;

/** Serial kernels: a stable merge sort of keys carrying tags, and the stable merge of sorted runs. */
final class LocalSort {
    private static final int INSERTION = 32;

    private LocalSort() {
    }

    /** Sorts {@code keys[from, to)} stably, moving {@code tags} (may be null) along. */
    static void stableSort(long[] keys, long[] tags, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        for (int lo = from; lo < to; lo += INSERTION) {
            insertion(keys, tags, lo, Math.min(to, lo + INSERTION));
        }
        if (n <= INSERTION) {
            return;
        }
        int[] bounds = new int[(n + INSERTION - 1) / INSERTION + 1];
        int r = 0;
        for (int lo = from; lo < to; lo += INSERTION) {
            bounds[r++] = lo;
        }
        bounds[r] = to;
        mergeRuns(keys, tags, bounds);
    }

    private static void insertion(long[] k, long[] t, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long key = k[i];
            long tag = t == null ? 0 : t[i];
            int j = i - 1;
            while (j >= lo && k[j] > key) {
                k[j + 1] = k[j];
                if (t != null) {
                    t[j + 1] = t[j];
                }
                j--;
            }
            k[j + 1] = key;
            if (t != null) {
                t[j + 1] = tag;
            }
        }
    }

    /**
     * Merges the sorted runs {@code [bounds[i], bounds[i+1])} of {@code keys} (and {@code tags}, may be null) in
     * place, stably (on equal keys the earlier run first), by rounds of pairwise merges.
     */
    static void mergeRuns(long[] keys, long[] tags, int[] bounds) {
        int runs = bounds.length - 1;
        if (runs < 2) {
            return;
        }
        int lo = bounds[0];
        int hi = bounds[runs];
        long[] ka = keys;
        long[] ta = tags;
        long[] kb = new long[keys.length];
        long[] tb = tags == null ? null : new long[tags.length];
        int[] b = bounds.clone();
        while (runs > 1) {
            int next = 0;
            for (int r = 0; r < runs; r += 2) {
                if (r + 1 < runs) {
                    merge(ka, ta, b[r], b[r + 1], b[r + 2], kb, tb);
                } else {
                    System.arraycopy(ka, b[r], kb, b[r], b[r + 1] - b[r]);
                    if (ta != null) {
                        System.arraycopy(ta, b[r], tb, b[r], b[r + 1] - b[r]);
                    }
                }
                b[next++] = b[r];
            }
            b[next] = b[runs];
            runs = next;
            long[] swap = ka;
            ka = kb;
            kb = swap;
            swap = ta;
            ta = tb;
            tb = swap;
        }
        if (ka != keys) {
            System.arraycopy(ka, lo, keys, lo, hi - lo);
            if (tags != null) {
                System.arraycopy(ta, lo, tags, lo, hi - lo);
            }
        }
    }

    private static void merge(long[] k, long[] t, int lo, int mid, int hi, long[] ko, long[] to) {
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
            if (k[j] < k[i]) {
                ko[o] = k[j];
                if (t != null) {
                    to[o] = t[j];
                }
                j++;
            } else {
                ko[o] = k[i];
                if (t != null) {
                    to[o] = t[i];
                }
                i++;
            }
            o++;
        }
        System.arraycopy(k, i, ko, o, mid - i);
        if (t != null) {
            System.arraycopy(t, i, to, o, mid - i);
        }
        o += mid - i;
        System.arraycopy(k, j, ko, o, hi - j);
        if (t != null) {
            System.arraycopy(t, j, to, o, hi - j);
        }
    }
}
