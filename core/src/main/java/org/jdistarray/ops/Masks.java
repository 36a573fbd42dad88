package org.jdistarray.ops;

import java.nio.LongBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Communicator;

/**
 * The mask selections of {@link Indexing} beyond the general compaction: the one-pass path of layouts with one C-order
 * run per rank ({@link Selection#runs}), and masks over the leading axes of an array (NumPy's {@code a[m]} with
 * {@code m.ndim < a.ndim}).
 */
final class Masks {
    private Masks() {
    }

    /**
     * {@code a[mask]} with a mask over the first k axes: the rows {@code a[i0, ..., ik-1, ...]} where the mask is
     * true, shape {@code (count,) + a.shape[k:]}. The true cells' flat indices come compacted
     * ({@link Indexing#flatnonzero}); each rank fetches those of the rows it holds, then the elements (two
     * request/response exchanges).
     */
    static DistArray rows(DistArray a, DistArray mask) {
        long[] s = a.shape();
        int k = mask.ndim();
        long[] rest = Arrays.copyOfRange(s, k, s.length);
        long inner = Indexing.product(rest);
        try (DistArray nz = Indexing.flatnonzero(mask)) {
            long[] outShape = new long[1 + rest.length];
            outShape[0] = nz.globalSize();
            System.arraycopy(rest, 0, outShape, 1, rest.length);
            DistArray out = DistArrays.empty(Indexing.balanced(a.distribution().communicator(), outShape), a.dtype());
            try {
                int n = (int) out.distribution().ownedElementCount();
                long[] row = new long[n];
                long[] within = new long[n];
                long[] tail = new long[rest.length];
                int[] c = {0};
                out.forEachOwned((g, off) -> {
                    System.arraycopy(g, 1, tail, 0, tail.length);
                    row[c[0]] = g[0];
                    within[c[0]++] = ElementExchange.ravel(tail, rest);
                });
                long[] rows = distinctRuns(row);
                long[] pre = ElementExchange.fetch(nz, rows, rows.length, false);
                long[] flats = new long[n];
                for (int i = 0, r = -1; i < n; i++) {
                    if (r < 0 || rows[r] != row[i]) {
                        r++;
                    }
                    flats[i] = pre[r] * inner + within[i];
                }
                Indexing.fill(a, out, flats, null, n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    /** {@code values} with consecutive repeats removed ({@code [3, 3, 4, 4, 4, 6] -> [3, 4, 6]}). */
    private static long[] distinctRuns(long[] values) {
        long[] out = new long[values.length];
        int m = 0;
        for (int i = 0; i < values.length; i++) {
            if (m == 0 || out[m - 1] != values[i]) {
                out[m++] = values[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * {@code a[mask] = values} with a mask over the first k axes: {@code values} a scalar, one value per selected
     * element ({@code count * prod(a.shape[k:])}, C order) or one row ({@code prod(a.shape[k:])}, broadcast over
     * the rows as NumPy does).
     */
    static void setRows(DistArray a, DistArray mask, Object values) {
        long[] s = a.shape();
        int k = mask.ndim();
        long inner = Indexing.product(Arrays.copyOfRange(s, k, s.length));
        try (DistArray nz = Indexing.flatnonzero(mask)) {
            long count = nz.globalSize();
            long total = count * inner;
            long given = Values.count(values);
            if (given != total && given != 1 && given != inner) {
                long[] sel = s.clone();
                sel = Arrays.copyOfRange(sel, k - 1, s.length);
                sel[0] = count;
                long[] vs = values instanceof DistArray v ? v.shape() : new long[] {given};
                throw new IllegalArgumentException("shape mismatch: value array of shape " + AdvancedIndex.tuple(vs)
                        + " could not be broadcast to indexing result of shape " + AdvancedIndex.tuple(sel));
            }
            long[] range = Indexing.myRange(a, total);
            int n = (int) (range[1] - range[0]);
            long[] rows = new long[n == 0 ? 0 : (int) ((range[1] - 1) / inner - range[0] / inner + 1)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = range[0] / inner + i;
            }
            long[] pre = ElementExchange.fetch(nz, rows, rows.length, false);
            long[] flats = new long[n];
            for (int i = 0; i < n; i++) {
                long p = range[0] + i;
                flats[i] = pre[(int) (p / inner - range[0] / inner)] * inner + p % inner;
            }
            Indexing.store(a, flats, range[0], n, total, values, given == inner && given != total);
        }
    }

    /** {@link Indexing#getMask} on a {@link Selection#runs} layout: compaction, then one exchange into the result's memory. */
    static DistArray run(DistArray a, DistArray m, boolean asFloat) {
        Communicator comm = a.distribution().context().comm();
        int n = ElementExchange.contributes(a.distribution()) ? (int) a.distribution().ownedElementCount() : 0;
        try (ElementExchange.Words run = new ElementExchange.Words(n)) {
            int c = Selection.collectRun(a, m, asFloat, false, run.buf);
            Selection.RunPlan plan = new Selection.RunPlan(comm, Selection.runStart(a.distribution()), c);
            DistArray out = DistArrays.empty(Indexing.balanced(a.distribution().communicator(), new long[] {plan.total}),
                    a.dtype());
            try {
                LongBuffer w = ElementExchange.words(out);
                if (w != null) {
                    plan.exchange(run.buf, w);
                } else {
                    try (ElementExchange.Words got = new ElementExchange.Words(plan.mine)) {
                        plan.exchange(run.buf, got.buf);
                        LocalBlock b = out.local();
                        for (int i = 0; i < plan.mine; i++) {
                            ElementExchange.write(b, i, got.buf.get(i), asFloat);
                        }
                        got.done();
                    }
                }
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            run.done();
            return out;
        }
    }
}
