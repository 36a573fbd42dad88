package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle contract of {@link Sorting} and {@link Scans} against {@link SerialAlgo}: every distribution of
 * {@link Cases} (block, irregular, cyclic, block-cyclic, unstructured, undistributed, padded, empty blocks,
 * zero-length axes, 1-d to 4-d), every axis, data with duplicates, NaNs and -0.0, several dtypes, both result
 * layouts and a small memory budget (many rounds). Runs on thread ranks and under mpirun.
 */
public abstract class AlgoContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    /** Duplicates (13 distinct values), NaN at every 11th flat index, -0.0 at odd zeros. */
    static double data(long flat) {
        if (flat % 11 == 5) {
            return Double.NaN;
        }
        double v = (flat * 7919 % 13) - 6;
        return v == 0 && flat % 2 == 1 ? -0.0 : v;
    }

    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("long1d", comm -> Distribution.builder(comm).shape(997).cyclic(0, 3).build()));
        c.add(new Cases.Case("onRank1d", comm -> Distribution.builder(comm).shape(40).onRank(comm.size() - 1)
                .build()));
        return c;
    }

    static DistArray make(Distribution d, DType t) {
        return DistArrays.fromFunction(d, t, g -> Cases.cast(dataFor(t, Cases.flat(d.shape(), g)), t));
    }

    static double dataFor(DType t, long flat) {
        double v = data(flat);
        if (t != DType.FLOAT64 && t != DType.FLOAT32) {
            return Double.isNaN(v) ? 3 : (t == DType.BOOL ? (v > 0 ? 1 : 0) : Math.abs(v) + (t.name().startsWith("U")
                    ? 0 : v));
        }
        return v;
    }

    static double[] full(long[] shape, DType t) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = Cases.cast(dataFor(t, i), t);
        }
        return v;
    }

    /** Root compares; every rank learns the verdict (no rank is left waiting in a collective). */
    static void check(Communicator comm, String what, DistArray got, long[] shape, double[] want, boolean exactZeros) {
        assertEquals(java.util.Arrays.toString(shape), java.util.Arrays.toString(got.shape()), what);
        double[] all = got.toDoubleArray(0);
        String bad = "";
        // a sort's equal -0.0 and 0.0 may come in either order (NumPy's default sort is not stable either)
        boolean signedZeros = exactZeros || !what.contains("sort") || what.contains("argsort");
        if (comm.rank() == 0) {
            for (int i = 0; i < want.length && bad.isEmpty(); i++) {
                boolean same = Double.isNaN(want[i]) ? Double.isNaN(all[i])
                        : signedZeros ? Double.compare(want[i], all[i]) == 0 : want[i] == all[i];
                if (!same) {
                    bad = what + ": element " + i + " is " + all[i] + ", want " + want[i];
                }
            }
        }
        long fail = Collectives.broadcast(comm, bad.isEmpty() ? 0L : 1L, 0);
        assertTrue(fail == 0, bad.isEmpty() ? what + ": mismatch on rank 0" : bad);
    }

    @Test
    void sortAndArgsortEveryLayoutEveryAxis() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (DType t : new DType[] {DType.FLOAT64, DType.INT32}) {
                    double[] in = full(d.shape(), t);
                    try (DistArray a = make(d, t)) {
                        for (int axis = -1; axis < d.ndim(); axis++) {
                            if (axis == -1 && d.ndim() == 0) {
                                continue;
                            }
                            String what = c.name() + " " + t.numpyName() + " axis " + axis;
                            long[] idx = SerialAlgo.argsort(in, d.shape(), axis);
                            try (DistArray s = Sorting.sort(a, axis); DistArray g = Sorting.argsort(a, axis)) {
                                assertEquals(t, s.dtype(), what);
                                assertEquals(DType.INT64, g.dtype(), what);
                                check(comm, what + " sort", s, d.shape(), SerialAlgo.take(in, d.shape(), axis, idx),
                                        false);
                                double[] wi = new double[idx.length];
                                for (int i = 0; i < idx.length; i++) {
                                    wi[i] = idx[i];
                                }
                                check(comm, what + " argsort", g, d.shape(), wi, true);
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void inputLayoutAndBudget() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(301).cyclic(0).build();
            double[] in = full(d.shape(), DType.FLOAT64);
            long[] idx = SerialAlgo.argsort(in, d.shape(), 0);
            AlgoOptions o = AlgoOptions.defaults().layout(AlgoOptions.Layout.INPUT).budget(64);
            try (DistArray a = make(d, DType.FLOAT64)) {
                Sorting.Result r = Sorting.run(a, 0, o, true);
                try (DistArray g = r.array()) {
                    assertTrue(g.distribution().equals(d), "INPUT layout");
                    double[] wi = new double[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        wi[i] = idx[i];
                    }
                    check(comm, "argsort budget", g, d.shape(), wi, true);
                    if (comm.size() > 1) {
                        assertTrue(r.plan().rounds() > 4, "a 64-byte budget takes many rounds: " + r.plan());
                    }
                    assertTrue(r.plan().phaseNanos().containsKey("localSort"), r.plan().toString());
                }
                try (DistArray s = Sorting.sort(a, 0, o)) {
                    check(comm, "sort budget", s, d.shape(), SerialAlgo.take(in, d.shape(), 0, idx), false);
                }
                try (DistArray s = Scans.scan(a, 0, false, true, o).array()) {
                    assertTrue(s.distribution().equals(d), "INPUT layout");
                    check(comm, "nancumsum input layout", s, d.shape(),
                            SerialAlgo.scan(in, d.shape(), 0, false, true, false), false);
                }
            }
        });
    }

    @Test
    void scansEveryLayoutEveryAxisEveryDtype() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (DType t : DType.values()) {
                    double[] in = full(d.shape(), t);
                    try (DistArray a = make(d, t)) {
                        for (int axis = 0; axis < d.ndim(); axis++) {
                            for (int kind = 0; kind < 4; kind++) {
                                boolean product = kind % 2 == 1;
                                boolean nan = kind >= 2;
                                String what = c.name() + " " + t.numpyName() + " axis " + axis + " kind " + kind;
                                try (DistArray s = Scans.scan(a, axis, product, nan, AlgoOptions.defaults())
                                        .array()) {
                                    assertEquals(Scans.accumulator(t), s.dtype(), what);
                                    check(comm, what, s, d.shape(), SerialAlgo.scan(in, d.shape(), axis, product, nan,
                                            t == DType.FLOAT32), false);
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void badAxisOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(4, 5).build();
            try (DistArray a = make(d, DType.FLOAT64)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sorting.sort(a, 2));
                assertEquals("axis 2 is out of bounds for array of dimension 2", e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> Scans.cumsum(a, -3));
                assertEquals("axis -3 is out of bounds for array of dimension 2", e.getMessage());
            }
            Distribution z = Distribution.builder(comm).shape().build();
            try (DistArray a = make(z, DType.FLOAT64)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sorting.argsort(a));
                assertEquals("axis -1 is out of bounds for array of dimension 0", e.getMessage());
            }
        });
    }
    @Test
    void diffEveryLayoutEveryAxis() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() == 0) {
                    continue;
                }
                for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT8, DType.UINT16, DType.BOOL}) {
                    double[] in = full(d.shape(), t);
                    try (DistArray a = make(d, t)) {
                        for (int axis = 0; axis < d.ndim(); axis++) {
                            String what = c.name() + " " + t.numpyName() + " diff axis " + axis;
                            long[] os = d.shape().clone();
                            os[axis] = Math.max(0, os[axis] - 1);
                            try (DistArray s = Differences.diff(a, axis, AlgoOptions.defaults())) {
                                assertEquals(t, s.dtype(), what);
                                check(comm, what, s, os, SerialAlgo.diff(in, d.shape(), axis, t), false);
                            }
                        }
                    }
                }
            }
            Distribution z = Distribution.builder(comm).shape().build();
            try (DistArray a = make(z, DType.FLOAT64)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Differences.diff(a));
                assertEquals("diff requires input that is at least one dimensional", e.getMessage());
            }
        });
    }
    @Test
    void selectionAndBincountEveryLayout() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                if (d.globalSize() == 0) {
                    continue;
                }
                for (DType t : new DType[] {DType.FLOAT64, DType.INT16, DType.UINT8}) {
                    double[] in = full(d.shape(), t);
                    double[] s = in.clone();
                    java.util.Arrays.sort(s); // NaN last, as NumPy
                    try (DistArray a = make(d, t)) {
                        for (double q : new double[] {0, 0.25, 0.5, 0.9, 1}) {
                            double h = q * (s.length - 1);
                            int lo = (int) Math.floor(h);
                            double va = s[lo];
                            double vb = s[Math.min(s.length - 1, lo + 1)];
                            double f = h - lo;
                            double want = Double.isNaN(s[s.length - 1]) ? Double.NaN
                                    : f >= 0.5 ? vb - (vb - va) * (1 - f) : va + (vb - va) * f;
                            double got = Selection.quantile(a, q);
                            assertTrue(Double.isNaN(want) ? Double.isNaN(got) : want == got,
                                    c.name() + " " + t.numpyName() + " quantile " + q + ": " + got + ", want " + want);
                        }
                        if (t == DType.UINT8 && d.ndim() == 1) {
                            int max = 0;
                            for (double v : in) {
                                max = Math.max(max, (int) v);
                            }
                            double[] want = new double[Math.max(max + 1, 4)];
                            for (double v : in) {
                                want[(int) v]++;
                            }
                            try (DistArray b = Counting.bincount(a, 4)) {
                                check(comm, c.name() + " bincount", b, new long[] {want.length}, want, true);
                            }
                        }
                    }
                }
            }
        });
    }
    @Test
    void uniqueWithCountsAndInverseEveryLayout() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (DType t : new DType[] {DType.FLOAT64, DType.INT8}) {
                    double[] in = full(d.shape(), t);
                    long[] order = SerialAlgo.argsort(in, new long[] {in.length}, 0);
                    List<Double> vals = new ArrayList<>();
                    List<Double> counts = new ArrayList<>();
                    double[] inverse = new double[in.length];
                    for (long o : order) {
                        double v = in[(int) o];
                        if (vals.isEmpty() || SerialAlgo.compare(vals.get(vals.size() - 1), v) != 0) {
                            vals.add(v == 0 ? 0.0 : v);
                            counts.add(0.0);
                        }
                        counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
                        inverse[(int) o] = vals.size() - 1;
                    }
                    String what = c.name() + " " + t.numpyName() + " unique";
                    try (DistArray a = make(d, t); Uniques.Unique u = Uniques.unique(a)) {
                        long[] us = {vals.size()};
                        check(comm, what + " values", u.values(), us,
                                vals.stream().mapToDouble(Double::doubleValue).toArray(), false);
                        check(comm, what + " counts", u.counts(), us,
                                counts.stream().mapToDouble(Double::doubleValue).toArray(), true);
                        check(comm, what + " inverse", u.inverse(), new long[] {in.length}, inverse, true);
                    }
                }
            }
        });
    }
    @Test
    void searchsortedEveryLayout() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() != 1) {
                    continue;
                }
                double[] sorted = full(d.shape(), DType.FLOAT64);
                java.util.Arrays.sort(sorted);
                Distribution qd = Distribution.builder(comm).shape(4, 6).cyclic(0).build();
                double[] q = new double[24];
                for (int i = 0; i < q.length; i++) {
                    q[i] = i == 7 ? Double.NaN : i == 3 ? -0.0 : (i % 17) / 2.0 - 4;
                }
                try (DistArray a = DistArrays.fromArray(d, DType.FLOAT64, sorted);
                     DistArray v = DistArrays.fromArray(qd, DType.FLOAT64, q)) {
                    for (boolean right : new boolean[] {false, true}) {
                        double[] want = new double[q.length];
                        for (int i = 0; i < q.length; i++) {
                            for (double x : sorted) {
                                int cmp = SerialAlgo.compare(x, q[i]);
                                want[i] += cmp < 0 || (right && cmp == 0) ? 1 : 0;
                            }
                        }
                        try (DistArray r = Searching.searchsorted(a, v, right)) {
                            check(comm, c.name() + " searchsorted right=" + right, r, qd.shape(), want, true);
                        }
                    }
                    try (DistArray vi = DistArrays.fromArray(qd, DType.INT32, q);
                         DistArray r = Searching.searchsorted(a, vi, false)) {
                        assertEquals(DType.INT64, r.dtype());
                    }
                }
            }
        });
    }
    @Test
    void outerEveryLayout() throws Exception {
        onRanks(comm -> {
            Distribution db = Distribution.builder(comm).shape(5).cyclic(0).build();
            double[] y = full(db.shape(), DType.FLOAT64);
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                double[] x = full(d.shape(), DType.FLOAT64);
                double[] want = new double[x.length * y.length];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < y.length; j++) {
                        want[i * y.length + j] = x[i] * y[j];
                    }
                }
                try (DistArray a = make(d, DType.FLOAT64); DistArray b = make(db, DType.FLOAT64);
                     DistArray r = Products.outer(a, b)) {
                    check(comm, c.name() + " outer", r, new long[] {x.length, y.length}, want, true);
                }
            }
            try (DistArray b = make(db, DType.INT32)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Products.outer(b, b));
                assertEquals("outer: only float64 is supported, got int32 and int32", e.getMessage());
            }
        });
    }
    @Test
    void matmulEveryLayout() throws Exception {
        onRanks(comm -> {
            Distribution db = Distribution.builder(comm).shape(5, 3).cyclic(0, 2).block(1).build();
            double[] y = full(db.shape(), DType.FLOAT64);
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() != 2 || d.shape()[1] != 5) {
                    continue;
                }
                double[] x = full(d.shape(), DType.FLOAT64);
                int n = (int) d.shape()[0];
                double[] want = new double[n * 3];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int p = 0; p < 5; p++) {
                            s += x[i * 5 + p] * y[p * 3 + j];
                        }
                        want[i * 3 + j] = s;
                    }
                }
                try (DistArray a = make(d, DType.FLOAT64); DistArray b = make(db, DType.FLOAT64);
                     DistArray r = Products.matmul(a, b)) {
                    check(comm, c.name() + " matmul", r, new long[] {n, 3}, want, false);
                }
            }
            try (DistArray b = make(db, DType.FLOAT64)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Products.matmul(b, b));
                assertEquals("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
                        + " (n?,k),(k,m?)->(n?,m?) (size 5 is different from 3)", e.getMessage());
            }
        });
    }
}
