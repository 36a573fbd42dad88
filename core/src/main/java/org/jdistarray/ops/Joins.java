package org.jdistarray.ops;

import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * {@code concatenate} and {@code stack}: every rank sends each element it owns of every input to the owner of its
 * place in the balanced block result, in one exchange ({@link ElementExchange#store}). Inputs of any layouts and
 * dtypes (the result's dtype is NumPy's promotion).
 */
final class Joins {
    private Joins() {
    }

    static DistArray concatenate(DistArray[] arrays, Integer axis) {
        if (arrays == null || arrays.length == 0) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        long[] first = arrays[0].shape();
        if (axis == null) {
            long total = 0;
            for (DistArray a : arrays) {
                total += a.globalSize();
            }
            long[] offsets = new long[arrays.length];
            long at = 0;
            for (int i = 0; i < arrays.length; i++) {
                offsets[i] = at;
                at += arrays[i].globalSize();
            }
            return join(arrays, new long[] {total}, (i, g, shape) -> offsets[i] + ElementExchange.ravel(g, shape));
        }
        if (first.length == 0) {
            throw new IllegalArgumentException("zero-dimensional arrays cannot be concatenated");
        }
        int ax = Indexing.normalizeAxis(axis, first.length);
        long[] out = first.clone();
        out[ax] = 0;
        long[] offsets = new long[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            long[] s = arrays[i].shape();
            if (s.length != first.length) {
                throw new IllegalArgumentException("all the input arrays must have same number of dimensions, but the"
                        + " array at index 0 has " + first.length + " dimension(s) and the array at index " + i
                        + " has " + s.length + " dimension(s)");
            }
            for (int k = 0; k < s.length; k++) {
                if (k != ax && s[k] != first[k]) {
                    throw new IllegalArgumentException("all the input array dimensions except for the concatenation"
                            + " axis must match exactly, but along dimension " + k + ", the array at index 0 has size "
                            + first[k] + " and the array at index " + i + " has size " + s[k]);
                }
            }
            offsets[i] = out[ax];
            out[ax] += s[ax];
        }
        long[] t = new long[first.length];
        return join(arrays, out, (i, g, shape) -> {
            System.arraycopy(g, 0, t, 0, g.length);
            t[ax] += offsets[i];
            return ElementExchange.ravel(t, out);
        });
    }

    static DistArray stack(DistArray[] arrays, int axis) {
        if (arrays == null || arrays.length == 0) {
            throw new IllegalArgumentException("need at least one array to stack");
        }
        long[] first = arrays[0].shape();
        for (DistArray a : arrays) {
            if (!Arrays.equals(a.shape(), first)) {
                throw new IllegalArgumentException("all input arrays must have the same shape");
            }
        }
        int ax = Indexing.normalizeAxis(axis, first.length + 1);
        long[] out = new long[first.length + 1];
        for (int k = 0, j = 0; k < out.length; k++) {
            out[k] = k == ax ? arrays.length : first[j++];
        }
        long[] t = new long[out.length];
        return join(arrays, out, (i, g, shape) -> {
            for (int k = 0, j = 0; k < t.length; k++) {
                t[k] = k == ax ? i : g[j++];
            }
            return ElementExchange.ravel(t, out);
        });
    }

    private interface Place {
        long flat(int input, long[] global, long[] shape);
    }

    private static DistArray join(DistArray[] arrays, long[] outShape, Place place) {
        DType t = arrays[0].dtype();
        long local = 0;
        for (DistArray a : arrays) {
            t = Promotion.promoteTypes(t, a.dtype());
            if (ElementExchange.contributes(a.distribution())) {
                local += a.distribution().ownedElementCount();
            }
        }
        if (local > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("a join of " + local + " local elements exceeds one buffer");
        }
        boolean asFloat = ElementExchange.isFloat(t);
        Distribution d = Indexing.balanced(arrays[0].distribution().communicator(), outShape);
        DistArray out = DistArrays.empty(d, t);
        long[] flats = new long[(int) local];
        long[] words = new long[(int) local];
        int[] k = {0};
        for (int i = 0; i < arrays.length; i++) {
            DistArray a = arrays[i];
            if (!ElementExchange.contributes(a.distribution())) {
                continue;
            }
            int input = i;
            long[] shape = a.shape();
            LocalBlock b = a.local();
            a.forEachOwned((g, off) -> {
                flats[k[0]] = place.flat(input, g, shape);
                words[k[0]++] = ElementExchange.read(b, b.offsetOfGlobal(g), asFloat);
            });
        }
        ElementExchange.store(out, flats, words, k[0], asFloat);
        return out;
    }
}
