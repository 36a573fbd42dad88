package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.api.Test;

/**
 * Oracle contract of fancy indexing, masks, nonzero, compress, concatenate and stack against a serial reference on
 * every distribution of {@link Cases} (block, irregular, cyclic, block-cyclic, unstructured, undistributed, padded,
 * empty blocks, zero-length axes, 1-D to 4-D) plus replicated and on-one-rank arrays. Runs on thread ranks and mpirun.
 */
public abstract class IndexingContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("replicated2d", comm -> Distribution.builder(comm).shape(3, 4).undistributed(0)
                .undistributed(1).build()));
        c.add(new Cases.Case("onRank2d", comm -> Distribution.builder(comm).shape(3, 4).onRank(comm.size() - 1).build()));
        // one C-order run per rank (the compaction's fast layout): rows over the ranks, some ranks without rows
        c.add(new Cases.Case("rows3d", comm -> Distribution.builder(comm).shape(comm.size() / 2 + 1, 3, 2).block(0)
                .undistributed(1).undistributed(2).build()));
        c.add(new Cases.Case("irregularRows2d", comm -> {
            long[] b = new long[comm.size() + 1];
            for (int r = 1; r <= comm.size(); r++) {
                b[r] = b[r - 1] + (r % 2 == 0 ? 0 : r + 1);
            }
            return Distribution.builder(comm).shape(b[comm.size()], 2).blockBounds(0, b).undistributed(1).build();
        }));
        return c;
    }

    private static DistArray reference(Distribution d) {
        return DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(d.shape(), g)));
    }

    /** Every rank's copy of the whole array (gathered through the exchange, compared against the serial model). */
    private static double[] all(DistArray a) {
        long[] bits = ElementExchange.fetch(a, range(a.globalSize()), (int) a.globalSize(),
                ElementExchange.isFloat(a.dtype()));
        double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = ElementExchange.isFloat(a.dtype()) ? Double.longBitsToDouble(bits[i]) : bits[i];
        }
        return out;
    }

    private static long[] range(long n) {
        long[] r = new long[(int) n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static long[] randomIndices(Random rnd, long size, int n) {
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) {
            idx[i] = size == 0 ? 0 : (rnd.nextLong() & Long.MAX_VALUE) % (2 * size) - size;
        }
        return idx;
    }

    private static void assertBalanced(Communicator comm, DistArray out) {
        assertEquals(Indexing.balanced(comm, out.shape()), out.distribution(), "result layout is the balanced block");
    }

    /** take along axis k of the serial model. */
    static double[] takeModel(double[] a, long[] shape, long[] idx, int ax) {
        long[] out = Indexing.replaced(shape, ax, idx.length);
        double[] r = new double[(int) Indexing.product(out)];
        long[] g = new long[shape.length];
        for (int i = 0; i < r.length; i++) {
            ElementExchange.unravel(i, out, g);
            long j = idx[(int) g[ax]];
            g[ax] = j < 0 ? j + shape[ax] : j;
            r[i] = a[(int) ElementExchange.ravel(g, shape)];
        }
        return r;
    }

    @Test
    void takeFlatAndAlongEveryAxis() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                double[] model = Cases.reference(d.shape(), DType.FLOAT64);
                Random rnd = new Random(c.name().hashCode());
                try (DistArray a = reference(d)) {
                    if (d.globalSize() > 0) {
                        long[] idx = randomIndices(rnd, d.globalSize(), 9);
                        try (DistArray t = Indexing.take(a, idx, null)) {
                            assertBalanced(comm, t);
                            assertArrayEquals(takeModel(model, new long[] {model.length}, idx, 0), all(t), c.name());
                        }
                    }
                    for (int ax = 0; ax < d.ndim(); ax++) {
                        long[] idx = randomIndices(rnd, d.shape()[ax], d.shape()[ax] == 0 ? 0 : 5);
                        try (DistArray t = Indexing.take(a, idx, ax - d.ndim())) {
                            assertBalanced(comm, t);
                            assertArrayEquals(takeModel(model, d.shape(), idx, ax), all(t), c.name() + " axis " + ax);
                        }
                    }
                }
            }
        });
    }

    @Test
    void takeWithDistributedIndices() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                if (d.globalSize() == 0) {
                    continue;
                }
                double[] model = Cases.reference(d.shape(), DType.FLOAT64);
                long[] idx = randomIndices(new Random(7), d.globalSize(), 3 * comm.size() + 2);
                Distribution id = Distribution.builder(comm).shape(idx.length).cyclic(0).build();
                try (DistArray a = reference(d); DistArray ix = DistArrays.fromArray(id, DType.INT64, idx);
                        DistArray t = Indexing.take(a, ix, null)) {
                    assertBalanced(comm, t);
                    assertArrayEquals(takeModel(model, new long[] {model.length}, idx, 0), all(t), c.name());
                    if (d.ndim() > 1) {
                        long[] ia = randomIndices(new Random(3), d.shape()[1], 4);
                        try (DistArray ixa = DistArrays.fromArray(Distribution.builder(comm).shape(4).cyclic(0).build(),
                                DType.INT64, ia); DistArray ta = Indexing.take(a, ixa, 1)) {
                            assertArrayEquals(takeModel(model, d.shape(), ia, 1), all(ta), c.name() + " axis 1");
                        }
                    }
                }
            }
        });
    }

    @Test
    void putFlatDuplicatesLastWins() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                long n = d.globalSize();
                if (n == 0) {
                    continue;
                }
                long[] idx = randomIndices(new Random(11), n, (int) n + 4);
                double[] vals = new double[idx.length];
                double[] model = Cases.reference(d.shape(), DType.FLOAT64);
                for (int i = 0; i < idx.length; i++) {
                    vals[i] = 1000 + i;
                    model[(int) (idx[i] < 0 ? idx[i] + n : idx[i])] = vals[i];
                }
                try (DistArray a = reference(d)) {
                    Indexing.put(a, idx, vals);
                    assertArrayEquals(model, all(a), c.name());
                }
                // distributed indices and values, in other layouts
                Distribution vd = Distribution.builder(comm).shape(idx.length).cyclic(0).build();
                try (DistArray a = reference(d); DistArray ix = DistArrays.fromArray(vd, DType.INT64, idx);
                        DistArray v = DistArrays.fromArray(vd, DType.FLOAT64, vals)) {
                    Indexing.put(a, ix, v);
                    assertArrayEquals(model, all(a), c.name() + " distributed");
                }
            }
        });
    }

    @Test
    void putAlongEveryAxis() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (int ax = 0; ax < d.ndim(); ax++) {
                    long len = d.shape()[ax];
                    if (len == 0 || d.globalSize() == 0) {
                        continue;
                    }
                    long[] idx = {0, -1, len / 2, 0};
                    long[] sel = Indexing.replaced(d.shape(), ax, idx.length);
                    double[] vals = new double[(int) Indexing.product(sel)];
                    double[] model = Cases.reference(d.shape(), DType.FLOAT64);
                    long[] g = new long[sel.length];
                    for (int i = 0; i < vals.length; i++) {
                        vals[i] = -1 - i;
                        ElementExchange.unravel(i, sel, g);
                        long j = idx[(int) g[ax]];
                        g[ax] = j < 0 ? j + len : j;
                        model[(int) ElementExchange.ravel(g, d.shape())] = vals[i];
                    }
                    try (DistArray a = reference(d);
                            DistArray v = DistArrays.fromArray(Distribution.fromShape(comm, sel,
                                    java.util.Collections.nCopies(sel.length, DistKind.CYCLIC)), DType.FLOAT64, vals)) {
                        Indexing.put(a, idx, ax, v);
                        assertArrayEquals(model, all(a), c.name() + " axis " + ax);
                        Indexing.put(a, idx, ax, 5.0);
                        for (int i = 0; i < vals.length; i++) {
                            ElementExchange.unravel(i, sel, g);
                            long j = idx[(int) g[ax]];
                            g[ax] = j < 0 ? j + len : j;
                            model[(int) ElementExchange.ravel(g, d.shape())] = 5.0;
                        }
                        assertArrayEquals(model, all(a), c.name() + " scalar axis " + ax);
                    }
                }
            }
        });
    }

    private static boolean maskAt(long flat) {
        return flat % 3 != 1;
    }

    @Test
    void masksNonzeroArgwhere() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                double[] model = Cases.reference(shape, DType.FLOAT64);
                Distribution md = Distribution.fromShape(comm, shape,
                        java.util.Collections.nCopies(shape.length, DistKind.CYCLIC));
                List<Double> picked = new ArrayList<>();
                List<Long> flats = new ArrayList<>();
                List<Long> nz = new ArrayList<>();
                for (int i = 0; i < model.length; i++) {
                    if (maskAt(i)) {
                        picked.add(model[i]);
                        flats.add((long) i);
                    }
                    if (model[i] != 0) {
                        nz.add((long) i);
                    }
                }
                try (DistArray a = reference(d);
                        DistArray m = DistArrays.fromFunction(md, DType.BOOL, g -> maskAt(Cases.flat(shape, g)) ? 1 : 0)) {
                    try (DistArray s = Indexing.getMask(a, m)) {
                        assertBalanced(comm, s);
                        assertArrayEquals(picked.stream().mapToDouble(Double::doubleValue).toArray(), all(s), c.name());
                    }
                    if (d.ndim() > 0) {
                        DistArray[] parts = Indexing.nonzero(a);
                        long[] g = new long[shape.length];
                        for (int ax = 0; ax < shape.length; ax++) {
                            double[] exp = new double[nz.size()];
                            for (int i = 0; i < exp.length; i++) {
                                ElementExchange.unravel(nz.get(i), shape, g);
                                exp[i] = g[ax];
                            }
                            assertArrayEquals(exp, all(parts[ax]), c.name() + " nonzero axis " + ax);
                            parts[ax].close();
                        }
                        try (DistArray w = Indexing.argwhere(a)) {
                            double[] exp = new double[nz.size() * shape.length];
                            for (int i = 0; i < nz.size(); i++) {
                                ElementExchange.unravel(nz.get(i), shape, g);
                                for (int ax = 0; ax < shape.length; ax++) {
                                    exp[i * shape.length + ax] = g[ax];
                                }
                            }
                            assertArrayEquals(exp, all(w), c.name() + " argwhere");
                        }
                    }
                    // a[mask] = values (distributed, another layout), then a[mask] = scalar
                    double[] vals = new double[flats.size()];
                    double[] m2 = model.clone();
                    for (int i = 0; i < vals.length; i++) {
                        vals[i] = 500 + i;
                        m2[(int) (long) flats.get(i)] = vals[i];
                    }
                    try (DistArray v = DistArrays.fromArray(Distribution.builder(comm).shape(vals.length).cyclic(0, 2)
                            .build(), DType.FLOAT64, vals)) {
                        Indexing.setMask(a, m, v);
                        assertArrayEquals(m2, all(a), c.name() + " setMask values");
                    }
                    Indexing.setMask(a, m, -3.0);
                    for (long f : flats) {
                        m2[(int) f] = -3.0;
                    }
                    assertArrayEquals(m2, all(a), c.name() + " setMask scalar");
                }
            }
        });
    }

    @Test
    void compressConcatenateStack() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                double[] model = Cases.reference(shape, DType.FLOAT64);
                try (DistArray a = reference(d)) {
                    for (int ax = 0; ax < d.ndim(); ax++) {
                        boolean[] cond = new boolean[(int) shape[ax]];
                        List<Long> keep = new ArrayList<>();
                        for (int i = 0; i < cond.length; i++) {
                            cond[i] = i % 2 == 0;
                            if (cond[i]) {
                                keep.add((long) i);
                            }
                        }
                        long[] k = keep.stream().mapToLong(Long::longValue).toArray();
                        try (DistArray r = Indexing.compress(cond, a, ax)) {
                            assertArrayEquals(takeModel(model, shape, k, ax), all(r), c.name() + " compress " + ax);
                        }
                        // concatenate a (this layout) with a cyclic copy of itself
                        Distribution cd = Distribution.fromShape(comm, shape,
                                java.util.Collections.nCopies(shape.length, DistKind.CYCLIC));
                        try (DistArray b = DistArrays.fromFunction(cd, DType.INT32, g -> -Cases.value(Cases.flat(shape, g)));
                                DistArray r = Indexing.concatenate(new DistArray[] {a, b}, ax);
                                DistArray s = Indexing.stack(new DistArray[] {a, b, a}, ax)) {
                            assertBalanced(comm, r);
                            assertEquals(DType.FLOAT64, r.dtype());
                            double[] neg = Arrays.stream(model).map(x -> x == 0 ? 0.0 : -x).toArray();
                            assertArrayEquals(concatModel(model, neg, shape, ax), all(r), c.name() + " concat " + ax);
                            double[] st = all(s);
                            long[] ss = s.shape();
                            long[] g = new long[ss.length];
                            long[] h = new long[shape.length];
                            for (int i = 0; i < st.length; i++) {
                                ElementExchange.unravel(i, ss, g);
                                for (int q = 0, j = 0; q < ss.length; q++) {
                                    if (q != ax) {
                                        h[j++] = g[q];
                                    }
                                }
                                double[] src = g[ax] == 1 ? neg : model;
                                assertEquals(src[(int) ElementExchange.ravel(h, shape)], st[i], c.name() + " stack");
                            }
                        }
                    }
                }
            }
        });
    }

    static double[] concatModel(double[] a, double[] b, long[] shape, int ax) {
        long[] out = shape.clone();
        out[ax] *= 2;
        double[] r = new double[(int) Indexing.product(out)];
        long[] g = new long[shape.length];
        for (int i = 0; i < r.length; i++) {
            ElementExchange.unravel(i, out, g);
            double[] src = a;
            if (g[ax] >= shape[ax]) {
                g[ax] -= shape[ax];
                src = b;
            }
            r[i] = src[(int) ElementExchange.ravel(g, shape)];
        }
        return r;
    }

    @Test
    void numpyErrorsOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(5, 3).cyclic(0).build();
            try (DistArray a = reference(d)) {
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> Indexing.take(a, new long[] {0, 5}, 0));
                assertEquals("index 5 is out of bounds for axis 0 with size 5", e.getMessage());
                e = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.take(a, new long[] {-4}, 1));
                assertEquals("index -4 is out of bounds for axis 1 with size 3", e.getMessage());
                // a distributed out-of-bounds index: only its owner sees it, every rank throws
                long[] idx = new long[2 * comm.size()];
                idx[idx.length - 1] = 15;
                try (DistArray ix = DistArrays.fromArray(Distribution.builder(comm).shape(idx.length).build(),
                        DType.INT64, idx)) {
                    RuntimeException r = assertThrows(RuntimeException.class, () -> Indexing.take(a, ix, null));
                    assertTrue(r.getMessage().contains("index 15 is out of bounds for axis 0 with size 15"), r.getMessage());
                }
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                        () -> Indexing.take(a, new long[] {0}, 2));
                assertEquals("axis 2 is out of bounds for array of dimension 2", x.getMessage());
                try (DistArray m = DistArrays.zeros(Distribution.builder(comm).shape(5, 4).build(), DType.BOOL)) {
                    e = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.getMask(a, m));
                    assertEquals("boolean index did not match indexed array along dimension 1; dimension is 3 but "
                            + "corresponding boolean dimension is 4", e.getMessage());
                }
                try (DistArray b = reference(Distribution.builder(comm).shape(5, 4).build())) {
                    x = assertThrows(IllegalArgumentException.class,
                            () -> Indexing.concatenate(new DistArray[] {a, b}, 0));
                    assertEquals("all the input array dimensions except for the concatenation axis must match exactly,"
                            + " but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4",
                            x.getMessage());
                    x = assertThrows(IllegalArgumentException.class, () -> Indexing.stack(new DistArray[] {a, b}, 0));
                    assertEquals("all input arrays must have the same shape", x.getMessage());
                }
                try (DistArray m = DistArrays.ones(d, DType.BOOL)) {
                    x = assertThrows(IllegalArgumentException.class,
                            () -> Indexing.setMask(a, m, new double[] {1, 2}));
                    assertEquals("NumPy boolean array indexing assignment cannot assign 2 input values to the 15 output"
                            + " values where the mask is true", x.getMessage());
                }
            }
        });
    }

    @Test
    void integerDtypesStayExact() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(2L * comm.size() + 3).cyclic(0, 2).build();
            long big = (1L << 60) + 1;
            try (DistArray a = DistArrays.fromLongFunction(d, DType.INT64, g -> big + g[0]);
                    DistArray u = DistArrays.fromLongFunction(d, DType.UINT8, g -> g[0] * 50);
                    DistArray m = DistArrays.fromLongFunction(d, DType.BOOL, g -> g[0] % 2)) {
                long n = d.globalSize();
                try (DistArray t = Indexing.take(a, new long[] {-1, 0, 2}, null)) {
                    long[] w = ElementExchange.fetch(t, range(3), 3, false);
                    assertArrayEquals(new long[] {big + n - 1, big, big + 2}, w);
                }
                Indexing.put(a, new long[] {1, 1}, new long[] {big - 5, big - 7});
                assertEquals(big - 7, ElementExchange.fetch(a, new long[] {1}, 1, false)[0]);
                try (DistArray s = Indexing.getMask(u, m)) {
                    long[] w = ElementExchange.fetch(s, range(s.globalSize()), (int) s.globalSize(), false);
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(((2L * i + 1) * 50) & 0xFF, w[i], "uint8 wraps as NumPy's cast does");
                    }
                }
            }
        });
    }

    @Test
    void blockInt64WordsAndViewsAsInputs() throws Exception {
        onRanks(comm -> {
            long n = 4L * comm.size() + 3;
            long big = (1L << 60) + 1;
            Distribution d = Distribution.builder(comm).shape(n).build();
            long[] idx = randomIndices(new Random(5), n, 2 * comm.size() + 5);
            Distribution id = Indexing.balanced(comm, new long[] {idx.length});
            try (DistArray a = DistArrays.fromLongFunction(d, DType.INT64, g -> big + g[0]);
                    DistArray ix = DistArrays.fromArray(id, DType.INT64, idx);
                    DistArray m = DistArrays.fromLongFunction(d, DType.BOOL, g -> maskAt(g[0]) ? 1 : 0)) {
                // indices already in the result's layout: read in place, negatives wrapped, exact int64 words
                try (DistArray t = Indexing.take(a, ix, null)) {
                    long[] w = ElementExchange.fetch(t, range(idx.length), idx.length, false);
                    for (int i = 0; i < idx.length; i++) {
                        assertEquals(big + (idx[i] < 0 ? idx[i] + n : idx[i]), w[i], "take " + i);
                    }
                }
                try (DistArray s = Indexing.getMask(a, m)) {
                    long[] w = ElementExchange.fetch(s, range(s.globalSize()), (int) s.globalSize(), false);
                    int k = 0;
                    for (long f = 0; f < n; f++) {
                        if (maskAt(f)) {
                            assertEquals(big + f, w[k++], "mask " + f);
                        }
                    }
                    assertEquals(k, w.length);
                }
                Indexing.put(a, new long[] {2, -1, 2}, new long[] {big - 5, big - 6, big - 7});
                long[] w = ElementExchange.fetch(a, new long[] {2, n - 1}, 2, false);
                assertArrayEquals(new long[] {big - 7, big - 6}, w);
            }
            // several compaction chunks per rank (the run path copies in chunks of 4096)
            long big2 = 9000L * comm.size() + 7;
            Distribution db = Distribution.builder(comm).shape(big2).build();
            try (DistArray a = DistArrays.fromFunction(db, DType.FLOAT64, g -> g[0] % 5 == 0 ? 0 : g[0]);
                    DistArray m = DistArrays.fromLongFunction(db, DType.BOOL, g -> (g[0] * 7919) % 3 == 0 ? 1 : 0);
                    DistArray s = Indexing.getMask(a, m); DistArray nz = Indexing.flatnonzero(a)) {
                long[] w = ElementExchange.fetch(s, range(s.globalSize()), (int) s.globalSize(), true);
                int k = 0;
                for (long f = 0; f < big2; f++) {
                    if ((f * 7919) % 3 == 0) {
                        assertEquals(f % 5 == 0 ? 0 : f, Double.longBitsToDouble(w[k++]), "big mask " + f);
                    }
                }
                assertEquals(k, w.length);
                long[] z = ElementExchange.fetch(nz, range(nz.globalSize()), (int) nz.globalSize(), false);
                k = 0;
                for (long f = 0; f < big2; f++) {
                    if (f % 5 != 0) {
                        assertEquals(f, z[k++], "big flatnonzero");
                    }
                }
                assertEquals(k, z.length);
            }
            // strided and reversed views as inputs of take, masks and nonzero
            double[] model = Cases.reference(new long[] {n}, DType.FLOAT64);
            try (DistArray a = reference(d)) {
                for (org.jdistarray.array.Index ix : List.of(org.jdistarray.array.Index.slice(1L, null, 2L),
                        org.jdistarray.array.Index.slice(null, null, -1L), org.jdistarray.array.Index.all())) {
                    try (DistArray v = a.get(ix)) {
                        long len = v.globalSize();
                        double[] vm = new double[(int) len];
                        long[] src = new long[(int) len];
                        for (int i = 0; i < len; i++) {
                            src[i] = ix.equals(org.jdistarray.array.Index.slice(1L, null, 2L)) ? 1 + 2L * i
                                    : ix.equals(org.jdistarray.array.Index.all()) ? i : n - 1 - i;
                            vm[i] = model[(int) src[i]];
                        }
                        // a mask that is itself a view of a mask over the source
                        try (DistArray mb = DistArrays.fromLongFunction(d, DType.BOOL, g -> maskAt(g[0]) ? 1 : 0);
                                DistArray mv = mb.get(ix); DistArray s = Indexing.getMask(v, mv)) {
                            List<Double> exp = new ArrayList<>();
                            for (int i = 0; i < len; i++) {
                                if (maskAt(src[i])) {
                                    exp.add(vm[i]);
                                }
                            }
                            assertArrayEquals(exp.stream().mapToDouble(Double::doubleValue).toArray(), all(s),
                                    "view mask of view " + ix);
                        }
                        long[] ti = randomIndices(new Random(9), len, 7);
                        try (DistArray t = Indexing.take(v, ti, null)) {
                            assertArrayEquals(takeModel(vm, new long[] {len}, ti, 0), all(t), "take of view " + ix);
                        }
                        try (DistArray vmask = DistArrays.fromLongFunction(v.distribution(), DType.BOOL,
                                g -> maskAt(g[0]) ? 1 : 0); DistArray s = Indexing.getMask(v, vmask);
                                DistArray nz = Indexing.flatnonzero(v)) {
                            List<Double> exp = new ArrayList<>();
                            List<Double> enz = new ArrayList<>();
                            for (int i = 0; i < len; i++) {
                                if (maskAt(i)) {
                                    exp.add(vm[i]);
                                }
                                if (vm[i] != 0) {
                                    enz.add((double) i);
                                }
                            }
                            assertArrayEquals(exp.stream().mapToDouble(Double::doubleValue).toArray(), all(s),
                                    "mask of view " + ix);
                            assertArrayEquals(enz.stream().mapToDouble(Double::doubleValue).toArray(), all(nz),
                                    "flatnonzero of view " + ix);
                        }
                    }
                }
            }
        });
    }

    @Test
    void advancedIndexAndLeadingAxisMasksMatchTheSerialModel() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                if (d.ndim() < 2 || d.globalSize() == 0) {
                    continue;
                }
                double[] model = Cases.reference(shape, DType.FLOAT64);
                Random rnd = new Random(c.name().hashCode() + 1);
                long[] i0 = randomIndices(rnd, shape[0], 5);
                long[] i1 = randomIndices(rnd, shape[1], 5);
                long inner = model.length / (shape[0] * shape[1]);
                long rows = inner * shape[1];
                try (DistArray a = reference(d)) {
                    // a[i0, i1]: shape (5,) + shape[2:]
                    double[] exp = new double[(int) (5 * inner)];
                    for (int k = 0; k < 5; k++) {
                        long r0 = i0[k] < 0 ? i0[k] + shape[0] : i0[k];
                        long r1 = i1[k] < 0 ? i1[k] + shape[1] : i1[k];
                        for (int q = 0; q < inner; q++) {
                            exp[(int) (k * inner + q)] = model[(int) (r0 * rows + r1 * inner + q)];
                        }
                    }
                    try (DistArray t = a.get(org.jdistarray.array.Index.ints(i0), org.jdistarray.array.Index.ints(i1))) {
                        assertBalanced(comm, t);
                        assertArrayEquals(exp, all(t), c.name() + " a[i0, i1]");
                    }
                    try (DistArray t = a.get(org.jdistarray.array.Index.all(), org.jdistarray.array.Index.ints(i1))) {
                        assertArrayEquals(takeModel(model, shape, i1, 1), all(t), c.name() + " a[:, i1]");
                    }
                    // the same with i1 distributed (cyclic)
                    try (DistArray di = DistArrays.fromArray(Distribution.builder(comm).shape(5).cyclic(0).build(),
                            DType.INT64, i1); DistArray t = a.get(org.jdistarray.array.Index.all(),
                                    org.jdistarray.array.Index.ints(di))) {
                        assertBalanced(comm, t);
                        assertArrayEquals(takeModel(model, shape, i1, 1), all(t), c.name() + " a[:, dist i1]");
                    }
                    // a[m] with m over axis 0 only (cyclic), then a[m] = -4
                    List<Double> picked = new ArrayList<>();
                    double[] m2 = model.clone();
                    for (int r = 0; r < shape[0]; r++) {
                        if (maskAt(r)) {
                            for (int q = 0; q < rows; q++) {
                                picked.add(model[(int) (r * rows + q)]);
                                m2[(int) (r * rows + q)] = -4;
                            }
                        }
                    }
                    try (DistArray m = DistArrays.fromLongFunction(Distribution.builder(comm).shape(shape[0]).cyclic(0)
                            .build(), DType.BOOL, g -> maskAt(g[0]) ? 1 : 0); DistArray s = Indexing.getMask(a, m)) {
                        assertBalanced(comm, s);
                        assertArrayEquals(picked.stream().mapToDouble(Double::doubleValue).toArray(), all(s),
                                c.name() + " leading-axis mask");
                        Indexing.setMask(a, m, -4.0);
                        assertArrayEquals(m2, all(a), c.name() + " leading-axis setMask");
                    }
                }
            }
        });
    }
}
