package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * {@link Partitioning} (NumPy's partition property against the serial sort: the kth elements in sorted place, the
 * rest on the right side, each lane a permutation of the input's) and {@link AxisForms} (the local path along
 * undistributed axes: values against the serial reference, the input's layout, no communication) on every
 * {@link Cases} layout, every axis, duplicates, NaNs, -0.0, empty blocks. Runs on thread ranks and under mpirun.
 */
public abstract class PartitionContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    /** Root checks the partition property lane by lane; every rank learns the verdict. */
    static void checkPartition(Communicator comm, String what, DistArray got, double[] in, long[] shape, int axis,
            long[] kth, boolean indices) {
        assertEquals(Arrays.toString(shape), Arrays.toString(got.shape()), what);
        double[] all = got.toDoubleArray(0);
        String bad = "";
        if (comm.rank() == 0) {
            int k = axis < 0 ? axis + shape.length : axis;
            long[] idx = SerialAlgo.argsort(in, shape, k);
            double[] sorted = SerialAlgo.take(in, shape, k, idx);
            double[] vals = all;
            int[] l = SerialAlgo.lanes(shape, k);
            if (indices) {
                long[] gi = new long[all.length];
                for (int i = 0; i < gi.length; i++) {
                    gi[i] = (long) all[i];
                }
                for (int o = 0; o < l[0] && bad.isEmpty(); o++) {
                    for (int q = 0; q < l[2] && bad.isEmpty(); q++) {
                        boolean[] seen = new boolean[l[1]];
                        for (int i = 0; i < l[1]; i++) {
                            long v = gi[(o * l[1] + i) * l[2] + q];
                            if (v < 0 || v >= l[1] || seen[(int) v]) {
                                bad = what + ": lane " + o + "," + q + " is not a permutation of 0.." + (l[1] - 1);
                                break;
                            }
                            seen[(int) v] = true;
                        }
                    }
                }
                if (bad.isEmpty()) {
                    vals = SerialAlgo.take(in, shape, k, gi);
                }
            }
            for (int o = 0; o < l[0] && bad.isEmpty(); o++) {
                for (int q = 0; q < l[2] && bad.isEmpty(); q++) {
                    double[] lane = new double[l[1]];
                    double[] want = new double[l[1]];
                    for (int i = 0; i < l[1]; i++) {
                        lane[i] = vals[(o * l[1] + i) * l[2] + q];
                        want[i] = sorted[(o * l[1] + i) * l[2] + q];
                    }
                    for (long kk : kth) {
                        int kp = (int) (kk < 0 ? kk + l[1] : kk);
                        if (SerialAlgo.compare(lane[kp], want[kp]) != 0) {
                            bad = what + ": lane " + o + "," + q + " kth " + kp + " is " + lane[kp] + ", want " + want[kp];
                        }
                        for (int i = 0; i < l[1] && bad.isEmpty(); i++) {
                            int c = SerialAlgo.compare(lane[i], lane[kp]);
                            if (i < kp && c > 0 || i > kp && c < 0) {
                                bad = what + ": lane " + o + "," + q + " element " + i + " = " + lane[i]
                                        + " is on the wrong side of kth " + kp + " = " + lane[kp];
                            }
                        }
                    }
                    double[] s = lane.clone();
                    Double[] boxed = Arrays.stream(s).boxed().toArray(Double[]::new);
                    Arrays.sort(boxed, SerialAlgo::compare);
                    for (int i = 0; i < l[1] && bad.isEmpty(); i++) {
                        if (SerialAlgo.compare(boxed[i], want[i]) != 0) {
                            bad = what + ": lane " + o + "," + q + " is not a permutation of the input's";
                        }
                    }
                }
            }
        }
        long fail = Collectives.broadcast(comm, bad.isEmpty() ? 0L : 1L, 0);
        assertTrue(fail == 0, bad.isEmpty() ? what + ": mismatch on rank 0" : bad);
    }

    @Test
    void partitionAndArgpartitionEveryLayoutEveryAxis() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : AlgoContract.cases()) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() == 0) {
                    continue;
                }
                for (DType t : new DType[] {DType.FLOAT64, DType.INT32}) {
                    double[] in = AlgoContract.full(d.shape(), t);
                    try (DistArray a = AlgoContract.make(d, t)) {
                        for (int axis = -1; axis < d.ndim(); axis++) {
                            long len = d.shape()[axis < 0 ? axis + d.ndim() : axis];
                            long[][] kths = len == 0 ? new long[][] {{0}}
                                    : new long[][] {{0}, {len - 1}, {len / 2}, {-1, 1 % len, len / 3, len / 3}};
                            for (long[] kth : kths) {
                                for (AlgoOptions o : new AlgoOptions[] {AlgoOptions.defaults(),
                                        AlgoOptions.defaults().budget(64).layout(AlgoOptions.Layout.INPUT)}) {
                                    String what = c.name() + " " + t.numpyName() + " axis " + axis + " kth "
                                            + Arrays.toString(kth) + " " + o;
                                    try (DistArray p = Partitioning.partition(a, kth, axis, o);
                                         DistArray g = Partitioning.argpartition(a, kth, axis, o)) {
                                        assertEquals(t, p.dtype(), what);
                                        assertEquals(DType.INT64, g.dtype(), what);
                                        if (o.layout() == AlgoOptions.Layout.INPUT) {
                                            assertEquals(d, p.distribution(), what);
                                        }
                                        checkPartition(comm, what + " partition", p, in, d.shape(), axis, kth, false);
                                        checkPartition(comm, what + " argpartition", g, in, d.shape(), axis, kth, true);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void oneDimensionalIsADistributedSelectionAndMatchesItsEstimate() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(997).cyclic(0, 3).build();
            double[] in = AlgoContract.full(d.shape(), DType.FLOAT64);
            try (DistArray a = AlgoContract.make(d, DType.FLOAT64)) {
                long[] kth = {3, 500, 996, 500};
                Sorting.Result r = Partitioning.run(a, kth, 0, AlgoOptions.defaults(), false);
                try (DistArray p = r.array()) {
                    checkPartition(comm, "1-d", p, in, d.shape(), 0, kth, false);
                    assertTrue(r.plan().algorithm().startsWith("distributed selection of 3 kth value(s) of 997"),
                            r.plan().algorithm());
                    assertTrue(r.plan().phaseNanos().keySet().containsAll(java.util.List.of("select", "exchange")));
                    AlgoPlan e = Partitioning.explain(a, kth, 0, AlgoOptions.defaults(), false);
                    assertEquals(r.plan().rounds(), e.rounds(), e + " vs " + r.plan());
                }
            }
        });
    }

    @Test
    void numpyErrorsOnEveryRank() throws Exception {
        onRanks(comm -> {
            try (DistArray a = AlgoContract.make(Distribution.builder(comm).shape(5).build(), DType.FLOAT64);
                 DistArray z = AlgoContract.make(Distribution.builder(comm).shape().build(), DType.FLOAT64);
                 DistArray m = AlgoContract.make(Distribution.builder(comm).shape(2, 3).build(), DType.FLOAT64);
                 DistArray e = AlgoContract.make(Distribution.builder(comm).shape(0).build(), DType.FLOAT64)) {
                assertEquals("kth(=5) out of bounds (5)", assertThrows(IllegalArgumentException.class,
                        () -> Partitioning.partition(a, 5)).getMessage());
                assertEquals("kth(=-1) out of bounds (5)", assertThrows(IllegalArgumentException.class,
                        () -> Partitioning.argpartition(a, -6)).getMessage());
                assertEquals("kth(=7) out of bounds (5)", assertThrows(IllegalArgumentException.class,
                        () -> Partitioning.partition(a, 1, 7)).getMessage());
                assertEquals("Partition index must be integer", assertThrows(IllegalArgumentException.class,
                        () -> Partitioning.partition(a)).getMessage());
                assertEquals("axis -1 is out of bounds for array of dimension 0", assertThrows(
                        IllegalArgumentException.class, () -> Partitioning.partition(z, 0)).getMessage());
                assertEquals("axis 2 is out of bounds for array of dimension 2", assertThrows(
                        IllegalArgumentException.class, () -> Partitioning.partition(m, new long[] {1}, 2,
                                AlgoOptions.defaults())).getMessage());
                assertEquals("kth(=2) out of bounds (2)", assertThrows(IllegalArgumentException.class,
                        () -> Partitioning.partition(m, new long[] {2}, 0, AlgoOptions.defaults())).getMessage());
                try (DistArray r = Partitioning.partition(e, 0)) { // NumPy: an empty array skips the kth check
                    assertEquals(0, r.globalSize());
                }
            }
        });
    }

    @Test
    void undistributedAxesStayLocal() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : AlgoContract.cases()) {
                Distribution d = c.make().apply(comm);
                double[] in = AlgoContract.full(d.shape(), DType.FLOAT64);
                try (DistArray a = AlgoContract.make(d, DType.FLOAT64)) {
                    for (int axis = 0; axis < d.ndim(); axis++) {
                        boolean local = AxisForms.local(a, axis);
                        String what = c.name() + " axis " + axis + (local ? " (local)" : "");
                        Sorting.Result s = Sorting.run(a, axis, AlgoOptions.defaults(), false);
                        Sorting.Result g = Sorting.run(a, axis, AlgoOptions.defaults(), true);
                        Sorting.Result cs = AxisForms.scan(a, axis, false, false, AlgoOptions.defaults());
                        Sorting.Result cp = AxisForms.scan(a, axis, true, true, AlgoOptions.defaults());
                        try (DistArray sa = s.array(); DistArray ga = g.array(); DistArray ca = cs.array();
                             DistArray pa = cp.array(); DistArray df = Differences.diff(a, axis, AlgoOptions.defaults())) {
                            long[] idx = SerialAlgo.argsort(in, d.shape(), axis);
                            AlgoContract.check(comm, what + " sort", sa, d.shape(), SerialAlgo.take(in, d.shape(), axis,
                                    idx), false);
                            double[] gi = Arrays.stream(idx).asDoubleStream().toArray();
                            AlgoContract.check(comm, what + " argsort", ga, d.shape(), gi, true);
                            AlgoContract.check(comm, what + " cumsum", ca, d.shape(),
                                    SerialAlgo.scan(in, d.shape(), axis, false, false, false), false);
                            AlgoContract.check(comm, what + " nancumprod", pa, d.shape(),
                                    SerialAlgo.scan(in, d.shape(), axis, true, true, false), false);
                            long[] os = d.shape().clone();
                            os[axis] = Math.max(0, os[axis] - 1);
                            AlgoContract.check(comm, what + " diff", df, os, SerialAlgo.diff(in, d.shape(), axis,
                                    DType.FLOAT64), false);
                            if (local) {
                                for (Sorting.Result r : new Sorting.Result[] {s, g, cs, cp}) {
                                    assertEquals(d, r.array().distribution(), what + " " + r.plan());
                                    assertEquals(0, r.plan().rounds(), what + " " + r.plan());
                                    assertTrue(r.plan().algorithm().contains("no communication"), r.plan().algorithm());
                                }
                                assertEquals(d.gridShape()[0], df.distribution().gridShape()[0], what);
                                assertEquals(d.axes().get(axis == 0 ? d.ndim() - 1 : 0),
                                        df.distribution().axes().get(axis == 0 ? d.ndim() - 1 : 0), what);
                                assertEquals(0, Sorting.explain(a, axis, AlgoOptions.defaults(), false).rounds());
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void everyAlgorithmTakesABudgetAndExplainsItself() throws Exception {
        onRanks(comm -> {
            AlgoOptions tight = AlgoOptions.defaults().budget(64);
            Distribution d = Distribution.builder(comm).shape(7L * comm.size() + 5).cyclic(0, 2).build();
            Distribution ds = Distribution.builder(comm).shape(40).build();
            try (DistArray a = AlgoContract.make(d, DType.INT32); DistArray f = AlgoContract.make(d, DType.FLOAT64);
                 DistArray sorted = Sorting.sort(a);
                 DistArray q = AlgoContract.make(ds, DType.INT32)) {
                try (Uniques.Unique u1 = Uniques.unique(a); Uniques.Unique u2 = Uniques.unique(a, tight)) {
                    double[] want = u1.values().toDoubleArray(0);
                    AlgoContract.check(comm, "unique budget", u2.values(), u1.values().shape(),
                            comm.rank() == 0 ? want : new double[0], true);
                    double[] inv = u1.inverse().toDoubleArray(0);
                    AlgoContract.check(comm, "unique inverse budget", u2.inverse(), u1.inverse().shape(),
                            comm.rank() == 0 ? inv : new double[0], true);
                }
                try (DistArray s1 = Searching.searchsorted(sorted, q, false);
                     DistArray s2 = Searching.searchsorted(sorted, q, false, tight)) {
                    double[] want = s1.toDoubleArray(0);
                    AlgoContract.check(comm, "searchsorted budget", s2, s1.shape(),
                            comm.rank() == 0 ? want : new double[0], true);
                }
                try (DistArray b1 = Counting.bincount(sorted, 3);
                     DistArray b0 = Counting.bincount(a, 3, tight)) {
                    double[] want = b1.toDoubleArray(0);
                    AlgoContract.check(comm, "bincount budget", b0, b1.shape(), comm.rank() == 0 ? want
                            : new double[0], true);
                }
                Counting.Histogram h1 = Counting.histogram(f, 5, new double[] {-6, 6});
                Counting.Histogram h2 = Counting.histogram(f, 5, new double[] {-6, 6}, tight);
                try (DistArray x = h1.hist(); DistArray y = h2.hist()) {
                    double[] want = x.toDoubleArray(0);
                    AlgoContract.check(comm, "histogram budget", y, x.shape(), comm.rank() == 0 ? want
                            : new double[0], true);
                }
                assertEquals(Selection.median(a), Selection.quantile(a, 0.5, tight));
                for (AlgoPlan e : new AlgoPlan[] {Uniques.explain(a, tight), Searching.explain(sorted, q, tight),
                        Counting.explain(a, 3, false), Counting.explain(f, 5, true), Selection.explain(a, 0.5),
                        Differences.explain(a, 0, tight), Products.explainOuter(f, q),
                        AxisForms.explainScan(a, 0, tight), Sorting.explain(a, 0, tight, true),
                        Partitioning.explain(a, new long[] {2}, 0, tight, true)}) {
                    assertTrue(e.algorithm().contains("estimate") || e.algorithm().contains("no communication"),
                            e.toString());
                    assertTrue(e.rounds() >= 0 && e.bytesPerRank() >= 0 && e.peakExtraBytes() > 0, e.toString());
                    if (comm.size() > 1 && !e.algorithm().contains("no communication")) {
                        assertTrue(e.rounds() > 0, e.toString());
                    }
                }
            }
        });
    }
}
