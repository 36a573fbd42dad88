package org.jdistarray.array;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a NumPy basic index ({@code a[1:, ::-2, ..., None, 3]}): an {@linkplain #at integer}, a
 * {@linkplain #slice slice}, the {@linkplain #ellipsis() ellipsis} or a {@linkplain #newAxis() new axis}. Immutable.
 * Used by {@link DistArray#get(Index...)} and {@link DistArray#set(Index[], double)}; {@link #parse} reads NumPy's
 * spelling. Array ("advanced") entries, {@linkplain #ints integer arrays} and {@linkplain #mask boolean arrays} given
 * the same on every rank, make the index NumPy's advanced indexing: the integer arrays (and integers beside them)
 * broadcast together, and the result axes go where NumPy puts them (see {@code org.jdistarray.ops.Indexing#get}).
 *
 * <p>Rules are NumPy's: negative integers count from the end, out-of-range integers throw
 * {@link IndexOutOfBoundsException} ("index 10 is out of bounds for axis 0 with size 10"); slice bounds clip as
 * {@code slice.indices(n)} does; fewer indices than axes take the remaining axes whole; one ellipsis at most.
 */
public sealed interface Index permits Index.At, Index.Slice, Index.Ellipsis, Index.NewAxis, Index.Ints, Index.Bools,
        Index.DistInts {

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

    /**
     * An integer array index (NumPy's {@code a[[0, 2], ...]}): C-order {@code values} of {@code shape} (negatives count
     * from the end), the same on every rank. Copies the arrays.
     */
    record Ints(long[] values, long[] shape) implements Index {
        public Ints {
            values = values.clone();
            shape = shape.clone();
            checkSize(values.length, shape);
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints i && java.util.Arrays.equals(i.values, values) && java.util.Arrays.equals(i.shape, shape);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(values) + java.util.Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "ints" + java.util.Arrays.toString(shape);
        }
    }

    /**
     * A boolean array index (NumPy's {@code a[mask]} with a local mask): C-order {@code values} of {@code shape}, the
     * same on every rank; a k-d mask indexes k axes and stands for the integer arrays of its {@code nonzero()}.
     */
    record Bools(boolean[] values, long[] shape) implements Index {
        public Bools {
            values = values.clone();
            shape = shape.clone();
            checkSize(values.length, shape);
        }

        @Override
        public boolean[] values() {
            return values.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bools b && java.util.Arrays.equals(b.values, values) && java.util.Arrays.equals(b.shape, shape);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(values) + java.util.Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "mask" + java.util.Arrays.toString(shape);
        }
    }

    /**
     * A distributed integer array index (any layout, any shape; borrowed, not closed): NumPy's {@code a[idx, ...]}
     * with an index array too large to give on every rank. Each rank fetches only the index values its result cells
     * need. An index out of bounds is reported on every rank.
     */
    record DistInts(DistArray array) implements Index {
        public DistInts {
            if (array == null) {
                throw new IllegalArgumentException("the index array is null");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DistInts d && d.array == array;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(array.number()); // the same on every rank (checking mode compares it)
        }

        @Override
        public String toString() {
            return "ints" + java.util.Arrays.toString(array.shape());
        }
    }

    /** A distributed integer array index (see {@link DistInts}). */
    static Index ints(DistArray array) {
        return new DistInts(array);
    }

    private static void checkSize(int length, long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed");
            }
            n *= s;
        }
        if (n != length) {
            throw new IllegalArgumentException("cannot reshape array of size " + length + " into shape "
                    + java.util.Arrays.toString(shape).replace('[', '(').replace(']', ')'));
        }
    }

    /** A 1-D integer array index ({@code a[[3, -1, 0]]}). */
    static Index ints(long... values) {
        return new Ints(values, new long[] {values.length});
    }

    /** An integer array index of {@code shape} (C-order {@code values}). */
    static Index ints(long[] values, long[] shape) {
        return new Ints(values, shape);
    }

    /** A 1-D boolean array index. */
    static Index mask(boolean... values) {
        return new Bools(values, new long[] {values.length});
    }

    /** A boolean array index of {@code shape} (C-order {@code values}). */
    static Index mask(boolean[] values, long[] shape) {
        return new Bools(values, shape);
    }

    /** Whether the entry is an array ("advanced") index. */
    default boolean isArray() {
        return this instanceof Ints || this instanceof Bools || this instanceof DistInts;
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
     * Parses NumPy's spelling, e.g. {@code "1:, ::-2, ..., None, -1"} ({@code np.newaxis} is accepted for None), with
     * (nested) lists as array entries: {@code "[0, 2], :, [[1], [3]]"}, {@code "[True, False, True]"}. Brackets around
     * the whole index are dropped ({@code "[1, 2]"} is {@code a[1, 2]}; {@code "[[1, 2]]"} is {@code a[[1, 2]]}).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static Index[] parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("index text is null");
        }
        String t = text.trim();
        if (t.startsWith("[") && closing(t, 0, text) == t.length() - 1) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.isEmpty() || t.equals("()")) {
            return new Index[0];
        }
        List<Index> out = new ArrayList<>();
        List<String> parts = splitTop(t, text);
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i).trim();
            if (p.isEmpty()) {
                if (i == parts.size() - 1 && i > 0) {
                    break; // a trailing comma, as in "1,"
                }
                throw new IllegalArgumentException("empty index entry in \"" + text + "\"");
            }
            if (p.startsWith("[")) {
                out.add(list(p, text));
            } else if (p.equals("...") || p.equals("Ellipsis")) {
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

    /** The position of the bracket closing the one at {@code open}. */
    private static int closing(String t, int open, String text) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            char c = t.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '[' in \"" + text + "\"");
    }

    /** {@code t} split at the commas outside brackets. */
    private static List<String> splitTop(String t, String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced ']' in \"" + text + "\"");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(t.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '[' in \"" + text + "\"");
        }
        parts.add(t.substring(from));
        return parts;
    }

    /** A (nested, rectangular) list of integers or of True/False: an integer or boolean array index. */
    private static Index list(String p, String text) {
        List<String> leaves = new ArrayList<>();
        long[] shape = listShape(p.trim(), leaves, text);
        boolean bools = !leaves.isEmpty() && (leaves.get(0).equals("True") || leaves.get(0).equals("False"));
        if (bools) {
            boolean[] v = new boolean[leaves.size()];
            for (int i = 0; i < v.length; i++) {
                String x = leaves.get(i);
                if (!x.equals("True") && !x.equals("False")) {
                    throw new IllegalArgumentException("mixed booleans and integers in \"" + p + "\" of \"" + text
                            + "\"");
                }
                v[i] = x.equals("True");
            }
            return new Bools(v, shape);
        }
        long[] v = new long[leaves.size()];
        for (int i = 0; i < v.length; i++) {
            Long x = num(leaves.get(i), p, text);
            if (x == null) {
                throw new IllegalArgumentException("bad index entry \"" + p + "\" in \"" + text
                        + "\" (a list holds integers or True/False)");
            }
            v[i] = x;
        }
        return new Ints(v, shape);
    }

    private static long[] listShape(String p, List<String> leaves, String text) {
        if (!p.startsWith("[") || closing(p, 0, text) != p.length() - 1) {
            leaves.add(p);
            return new long[0];
        }
        String inner = p.substring(1, p.length() - 1).trim();
        if (inner.isEmpty()) {
            return new long[] {0};
        }
        List<String> items = splitTop(inner, text);
        long[] sub = null;
        for (String item : items) {
            long[] s = listShape(item.trim(), leaves, text);
            if (sub != null && !java.util.Arrays.equals(sub, s)) {
                throw new IllegalArgumentException("ragged list \"" + p + "\" in \"" + text + "\"");
            }
            sub = s;
        }
        long[] shape = new long[sub.length + 1];
        shape[0] = items.size();
        System.arraycopy(sub, 0, shape, 1, sub.length);
        return shape;
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
