package org.jdistarray.ops;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;

/** The values of a set ({@code put}, {@code setMask}): a scalar, a local Java array, or a distributed array. */
final class Values {
    private Values() {
    }

    static long count(Object values) {
        if (values instanceof Number) {
            return 1;
        } else if (values instanceof double[] d) {
            return d.length;
        } else if (values instanceof long[] l) {
            return l.length;
        } else if (values instanceof DistArray a) {
            return a.globalSize();
        }
        throw new IllegalArgumentException("values must be a Number, a double[], a long[] or a DistArray, got "
                + (values == null ? "null" : values.getClass().getSimpleName()));
    }

    static long longOf(Number v) {
        return v instanceof Double || v instanceof Float ? (long) v.doubleValue() : v.longValue();
    }

    /**
     * <b>Collective</b> (for a DistArray). The raw words of positions {@code [lo, lo + n)} of a selection of
     * {@code total} positions. {@code repeat}: a shorter value list repeats (numpy.put); otherwise it must have
     * {@code total} elements or one.
     */
    static long[] words(Object values, long lo, int n, long total, boolean asFloat, boolean repeat, Communicator comm) {
        long count = count(values);
        if (count == 0 && total > 0) {
            throw new IllegalArgumentException("cannot assign 0 values to " + total + " positions");
        }
        if (!repeat && count != total && count != 1) {
            throw new IllegalArgumentException("shape mismatch: value array of size " + count
                    + " could not be broadcast to indexing result of size " + total);
        }
        long[] w = new long[n];
        if (values instanceof Number v) {
            long word = asFloat ? Double.doubleToRawLongBits(v.doubleValue()) : longOf(v);
            java.util.Arrays.fill(w, word);
        } else if (values instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                double x = d[(int) ((lo + i) % count)];
                w[i] = asFloat ? Double.doubleToRawLongBits(x) : (long) x;
            }
        } else if (values instanceof long[] l) {
            for (int i = 0; i < n; i++) {
                long x = l[(int) ((lo + i) % count)];
                w[i] = asFloat ? Double.doubleToRawLongBits((double) x) : x;
            }
        } else {
            DistArray a = (DistArray) values;
            long[] pos = new long[n];
            for (int i = 0; i < n; i++) {
                pos[i] = (lo + i) % count;
            }
            boolean srcFloat = ElementExchange.isFloat(a.dtype());
            long[] got = ElementExchange.fetch(a, pos, n, srcFloat);
            for (int i = 0; i < n; i++) {
                w[i] = convert(got[i], srcFloat, asFloat);
            }
        }
        return w;
    }

    /** A raw word of one kind as the other kind (NumPy's unsafe cast: floats truncate toward zero). */
    static long convert(long word, boolean fromFloat, boolean toFloat) {
        if (fromFloat == toFloat) {
            return word;
        }
        return toFloat ? Double.doubleToRawLongBits((double) word) : (long) Double.longBitsToDouble(word);
    }
}
