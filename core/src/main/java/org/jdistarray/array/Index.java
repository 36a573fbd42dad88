package org.jdistarray.array;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a NumPy basic index ({@code a[1:, ::-2, ..., None, 3]}): an {@linkplain #at integer}, a
 * {@linkplain #slice slice}, the {@linkplain #ellipsis() ellipsis} or a {@linkplain #newAxis() new axis}. Immutable.
 * Used by {@link DistArray#get(Index...)} and {@link DistArray#set(Index[], double)}; {@link #parse} reads NumPy's
 * spelling. The interface is sealed so that array ("fancy") indices can join it later without breaking callers.
 *
 * <p>Rules are NumPy's: negative integers count from the end, out-of-range integers throw
 * {@link IndexOutOfBoundsException} ("index 10 is out of bounds for axis 0 with size 10"); slice bounds clip as
 * {@code slice.indices(n)} does; fewer indices than axes take the remaining axes whole; one ellipsis at most.
 */
public sealed interface Index permits Index.At, Index.Slice, Index.Ellipsis, Index.NewAxis {

    /** An integer index (negative counts from the end); drops the axis. */
    record At(long index) implements Index {
        @Override
        public String toString() {
            return Long.toString(index);
        }
    }

    /** A slice {@code start:stop:step}; null bounds are NumPy's omitted ones; the step is never 0. */
    record Slice(Long start, Long stop, Long step) implements Index {
        public Slice {
            if (step != null && step == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
        }

        /**
         * NumPy's {@code slice.indices(n)} reduced to {@code {start, step, count}}: the selected positions are
         * {@code start + k*step} for {@code 0 <= k < count}.
         */
        public long[] resolve(long n) {
            long st = step == null ? 1 : step;
            long lo;
            long hi;
            if (st > 0) {
                lo = clip(start, 0, n, 0, n);
                hi = clip(stop, n, n, 0, n);
                long count = hi > lo ? (hi - lo + st - 1) / st : 0;
                return new long[] {lo, st, count};
            }
            lo = clip(start, n - 1, n, -1, n - 1);
            hi = clip(stop, -1, n, -1, n - 1);
            long count = lo > hi ? (lo - hi + (-st) - 1) / (-st) : 0;
            return new long[] {lo, st, count};
        }

        private static long clip(Long v, long dflt, long n, long min, long max) {
            if (v == null) {
                return dflt;
            }
            long x = v < 0 ? v + n : v;
            return Math.max(min, Math.min(max, x));
        }

        @Override
        public String toString() {
            String s = (start == null ? "" : start) + ":" + (stop == null ? "" : stop);
            return step == null ? s : s + ":" + step;
        }
    }

    /** {@code ...}: as many whole axes as needed. */
    record Ellipsis() implements Index {
        @Override
        public String toString() {
            return "...";
        }
    }

    /** {@code None} / {@code np.newaxis}: inserts an axis of length 1. */
    record NewAxis() implements Index {
        @Override
        public String toString() {
            return "None";
        }
    }

    /** An integer index. */
    static Index at(long i) {
        return new At(i);
    }

    /** {@code start:stop} (nullable bounds). */
    static Index slice(Long start, Long stop) {
        return new Slice(start, stop, null);
    }

    /** {@code start:stop:step} (nullable bounds and step). */
    static Index slice(Long start, Long stop, Long step) {
        return new Slice(start, stop, step);
    }

    /** {@code :}. */
    static Index all() {
        return new Slice(null, null, null);
    }

    /** {@code ...}. */
    static Index ellipsis() {
        return new Ellipsis();
    }

    /** {@code None}. */
    static Index newAxis() {
        return new NewAxis();
    }

    /**
     * Parses NumPy's spelling, e.g. {@code "1:, ::-2, ..., None, -1"} ({@code np.newaxis} is accepted for None).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static Index[] parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("index text is null");
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.isEmpty() || t.equals("()")) {
            return new Index[0];
        }
        List<Index> out = new ArrayList<>();
        String[] parts = t.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                if (i == parts.length - 1 && i > 0) {
                    break; // a trailing comma, as in "1,"
                }
                throw new IllegalArgumentException("empty index entry in \"" + text + "\"");
            }
            if (p.equals("...") || p.equals("Ellipsis")) {
                out.add(ellipsis());
            } else if (p.equals("None") || p.equals("np.newaxis") || p.equals("newaxis")) {
                out.add(newAxis());
            } else if (p.contains(":")) {
                String[] f = p.split(":", -1);
                if (f.length > 3) {
                    throw new IllegalArgumentException("bad slice \"" + p + "\" in \"" + text + "\"");
                }
                Long step = f.length == 3 ? num(f[2], p, text) : null;
                if (step != null && step == 0) {
                    throw new IllegalArgumentException("slice step cannot be zero");
                }
                out.add(new Slice(num(f[0], p, text), num(f[1], p, text), step));
            } else {
                Long v = num(p, p, text);
                out.add(at(v));
            }
        }
        return out.toArray(new Index[0]);
    }

    private static Long num(String s, String entry, String text) {
        String x = s.trim();
        if (x.isEmpty() || x.equals("None")) {
            return null;
        }
        try {
            return Long.parseLong(x);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad index entry \"" + entry + "\" in \"" + text
                    + "\" (only integers, slices, ... and None are basic indices)");
        }
    }
}
