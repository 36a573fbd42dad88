package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle contract of every reduction against {@link SerialReductions}: every distribution of {@link Cases} (block,
 * irregular, cyclic, block-cyclic, unstructured, undistributed, padded, empty blocks and zero-length axes, 1-D to
 * 4-D) plus replicated, 0-d and on-one-rank arrays; every axis, every pair of axes and axis=None, with and without
 * keepdims, in float64; every dtype over axis=None and axis 0. Runs on thread ranks and under mpirun.
 */
public abstract class ReductionContract {
    private static final DType[] DTYPES = {DType.FLOAT32, DType.INT64, DType.UINT64, DType.INT32, DType.UINT32,
            DType.INT16, DType.UINT16, DType.INT8, DType.UINT8, DType.BOOL};

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("replicated2d", comm -> Distribution.builder(comm).shape(3, 4).undistributed(0)
                .undistributed(1).build()));
        c.add(new Cases.Case("zeroD", comm -> Distribution.builder(comm).shape().build()));
        c.add(new Cases.Case("zeroDOnRank", comm -> Distribution.builder(comm).shape().onRank(comm.size() - 1).build()));
        c.add(new Cases.Case("onRank2d", comm -> Distribution.builder(comm).shape(3, 4).onRank(comm.size() - 1).build()));
        c.add(new Cases.Case("grid2x", comm -> Distribution.builder(comm).shape(5, 2L * comm.size() + 1)
                .grid(comm.size() % 2 == 0 ? 2 : 1, comm.size() % 2 == 0 ? comm.size() / 2 : comm.size()).build()));
        return c;
    }

    @Test
    void everyReductionEveryAxisFloat64() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(d.shape(), g)))) {
                    for (int[] axis : axisChoices(d.ndim(), true)) {
                        for (boolean keep : new boolean[] {false, true}) {
                            checkAll(comm, c.name(), a, axis, keep);
                        }
                    }
                }
            }
        });
    }

    @Test
    void everyReductionEveryDtype() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (DType t : DTYPES) {
                    try (DistArray a = DistArrays.fromFunction(d, t, g -> Cases.value(Cases.flat(d.shape(), g)))) {
                        for (int[] axis : axisChoices(d.ndim(), false)) {
                            checkAll(comm, c.name() + " " + t.numpyName(), a, axis, false);
                        }
                    }
                }
            }
        });
    }

    @Test
    void nanRules() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(4, 3 + comm.size()).cyclic(1).build();
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                try (DistArray a = DistArrays.fromFunction(d, t, g -> (g[0] + g[1]) % 4 == 1 ? Double.NaN
                        : g[0] == 2 ? Double.NaN : Cases.value(g[0] * 10 + g[1]))) {
                    for (int[] axis : axisChoices(2, true)) {
                        checkAll(comm, "nan " + t.numpyName(), a, axis, false);
                    }
                }
            }
        });
    }

    @Test
    void chainedReductionsAndItem() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(5, 4, 3).cyclic(1).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.INT32, g -> g[0] * 12 + g[1] * 3 + g[2]);
                    DistArray s0 = a.sum(0);
                    DistArray s1 = s0.sum(-1);
                    DistArray s2 = s1.sum(0);
                    DistArray total = a.sum();
                    DistArray mean = a.mean()) {
                assertArrayEquals(new long[0], s2.shape());
                assertEquals(59L * 60 / 2, s2.itemLong());
                assertEquals(total.itemLong(), s2.itemLong());
                assertEquals(DType.INT64, total.dtype());
                assertEquals(59L * 60 / 2 / 60.0, mean.item());
                try (DistArray m = Np.max(a, ReduceOptions.axis(0, 2).keepdims(true))) {
                    assertArrayEquals(new long[] {1, 4, 1}, m.shape());
                    double[] all = m.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(new double[] {50, 53, 56, 59}, all);
                    }
                }
            }
        });
    }

    @Test
    void scalarResultsAreIndependentAndScalarForms() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(7, 3).cyclic(0).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 3 + g[1])) {
                // many small results alive at once (they share slabs): each keeps its own value
                List<DistArray> live = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    live.add(Np.sum(a, ReduceOptions.defaults().initial((double) i)));
                }
                for (int i = 0; i < 300; i += 2) {
                    live.get(i).close();
                }
                for (int i = 1; i < 300; i += 2) {
                    assertEquals(210.0 + i, live.get(i).item(), "result " + i);
                    assertEquals(1, live.get(i).local().elementCount());
                    try (DistArray again = live.get(i).sum()) { // a reduction of a small result reads one element
                        assertEquals(210.0 + i, again.item());
                    }
                    live.get(i).close();
                }
                assertEquals(210.0, Reductions.sumDouble(a));
                assertEquals(210L, Reductions.sumLong(a));
                assertEquals(10.0, Reductions.meanDouble(a));
                try (DistArray m = DistArrays.fromFunction(d, DType.BOOL, g -> g[0] < 3 ? 1 : 0)) {
                    assertEquals(41.0, Reductions.sumDouble(a, ReduceOptions.defaults().initial(5.0).where(m)));
                }
                assertEquals(210.0, Reductions.sumDouble(a, ReduceOptions.defaults().reproducible(true)));
                assertEquals(210.0f, Reductions.sumDouble(a, ReduceOptions.defaults().dtype(DType.FLOAT32)));
                assertEquals(210.0, Reductions.sumDouble(a, ReduceOptions.defaults().keepdims(true)));
                assertEquals("can only convert an array of size 1 to a Python scalar (this array has 3 elements)",
                        assertThrows(IllegalArgumentException.class, () -> Reductions.sumDouble(a, ReduceOptions.axis(0)))
                                .getMessage());
                assertEquals("axis 2 is out of bounds for array of dimension 2", assertThrows(IllegalArgumentException.class,
                        () -> Reductions.sumDouble(a, ReduceOptions.axis(2))).getMessage());
            }
        });
    }

    /**
     * A full float sum carries its combine in the call check's all-reduce: a rank calling another form (an axis: the
     * plain call check) or another array makes every rank throw the mismatch; a rank whose array is closed (a local
     * failure before that all-reduce) makes every rank throw, naming it, instead of a hang; the communicator works
     * afterwards.
     */
    /**
     * The allocation-free path of a full float64 {@code sum}/{@code mean} with the default options
     * ({@code Reducer.denseFloat64SumValue}: {@code Np.sumDouble}, {@code Np.meanDouble}, {@code Np.sum(a)},
     * {@code Np.mean(a)}) gives the general path's bits (reached with an equal but distinct options object) on every
     * case: block, cyclic, block-cyclic, irregular, unstructured and padded layouts (the last two fall back), empty
     * blocks, replicated, 0-d and on-one-rank arrays, NaN and signed zeros among the values.
     */
    @Test
    void defaultFullFloat64SumsGiveTheGeneralPathsBits() throws Exception {
        onRanks(comm -> {
            ReduceOptions general = ReduceOptions.defaults().keepdims(false); // == defaults() in value only
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                for (int values = 0; values < 3; values++) {
                    int kind = values;
                    try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> {
                        long i = Cases.flat(d.shape(), g);
                        return kind == 0 ? Cases.value(i) : kind == 1 ? (i % 3 == 0 ? -0.0 : 1e-300 * i)
                                : i == 1 ? Double.NaN : Math.scalb(1.0 + i, (int) (i % 60) - 30);
                    })) {
                        String what = c.name() + " values " + values;
                        assertEquals(Double.doubleToLongBits(Np.sumDouble(a, general)),
                                Double.doubleToLongBits(Np.sumDouble(a)), "sumDouble " + what);
                        try (DistArray fast = Np.sum(a); DistArray slow = Np.sum(a, general);
                                DistArray fastMean = Np.mean(a); DistArray slowMean = Np.mean(a, general)) {
                            assertArrayEquals(slow.shape(), fast.shape(), what);
                            assertEquals(slow.distribution(), fast.distribution(), what);
                            assertEquals(Double.doubleToLongBits(slow.item()), Double.doubleToLongBits(fast.item()),
                                    "sum " + what);
                            assertEquals(Double.doubleToLongBits(slowMean.item()),
                                    Double.doubleToLongBits(fastMean.item()), "mean " + what);
                            assertEquals(Double.doubleToLongBits(slowMean.item()),
                                    Double.doubleToLongBits(Np.meanDouble(a)), "meanDouble " + what);
                        }
                    }
                }
            }
        });
    }

    /**
     * The float64 sum and mean over the last axis of an unpadded block (native row sums straight into the reduce's
     * buffer, {@code Reducer.rowSums}) give the general path's bits: its sum is reached with {@code initial=0.0}
     * (which adds 0.0 to a state that starts at 0.0: the same value), its mean is that sum over the row length. Every
     * case of 2 or more axes (block, cyclic, irregular, padded and unstructured layouts fall back), 1 x P and P x 1
     * grids, 3-d, keepdims, empty blocks, signed zeros (a row of -0.0 sums to 0.0 on both paths) and NaN.
     */
    @Test
    void lastAxisFloat64SumsGiveTheGeneralPathsBits() throws Exception {
        onRanks(comm -> {
            List<Cases.Case> all = new ArrayList<>(cases());
            int p = comm.size();
            all.add(new Cases.Case("rows1xP", k -> Distribution.builder(k).shape(37, 5L * p + 3).grid(1, p).build()));
            all.add(new Cases.Case("rowsPx1", k -> Distribution.builder(k).shape(2L * p + 1, 66).grid(p, 1).build()));
            all.add(new Cases.Case("rowsEmpty", k -> Distribution.builder(k).shape(3, p - 1L).grid(1, p).build()));
            all.add(new Cases.Case("rows3d", k -> Distribution.builder(k).shape(3, 4, 2L * p + 35).grid(1, 1, p).build()));
            for (Cases.Case c : all) {
                Distribution d = c.make().apply(comm);
                if (d.ndim() < 2) {
                    continue;
                }
                long len = d.shape()[d.ndim() - 1];
                for (int values = 0; values < 3; values++) {
                    int kind = values;
                    try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> {
                        long i = Cases.flat(d.shape(), g);
                        return kind == 0 ? Cases.value(i) : kind == 1 ? (g[0] % 2 == 0 ? -0.0 : 1e-300 * i)
                                : i == 1 ? Double.NaN : Math.scalb(1.0 + i, (int) (i % 60) - 30);
                    })) {
                        for (boolean keep : new boolean[] {false, true}) {
                            String what = c.name() + " values " + values + " keepdims " + keep;
                            ReduceOptions fast = ReduceOptions.axis(-1).keepdims(keep);
                            try (DistArray sum = Np.sum(a, fast); DistArray general = Np.sum(a, fast.initial(0.0));
                                    DistArray mean = Np.mean(a, fast)) {
                                assertEquals(general.distribution(), sum.distribution(), what);
                                double[] want = general.toDoubleArray(0);
                                double[] got = sum.toDoubleArray(0);
                                double[] gotMean = mean.toDoubleArray(0);
                                if (comm.rank() == 0) {
                                    for (int i = 0; i < want.length; i++) {
                                        assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                                "sum cell " + i + " " + what);
                                        assertEquals(Double.doubleToLongBits(want[i] / len),
                                                Double.doubleToLongBits(gotMean[i]), "mean cell " + i + " " + what);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * A partial reduction on the last-axis fast path (and on the general path beside it) checks the call first, so a
     * rank asking for another axis, another reduction or keepdims throws {@code CollectiveMismatchException} on every
     * rank, before any rank reduces; a correct call works afterwards.
     */
    @Test
    void lastAxisSumMismatchesThrowOnEveryRank() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            int p = comm.size();
            Distribution d = Distribution.builder(comm).shape(6, 4L * p + 1).grid(1, p).build();
            boolean odd = comm.rank() == p - 1;
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 100 + g[1])) {
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.sum(a, odd ? 0 : 1).close());
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> (odd ? Np.mean(a, 1) : Np.sum(a, 1)).close());
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.sum(a, ReduceOptions.axis(1).keepdims(odd)).close());
                try (DistArray s = Np.sum(a, 1)) {
                    double[] got = s.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        long cols = d.shape()[1];
                        for (int i = 0; i < 6; i++) {
                            assertEquals(i * 100.0 * cols + cols * (cols - 1) / 2.0, got[i], "row " + i);
                        }
                    }
                }
            }
        });
    }

    @Test
    void carriedSumMismatchesAndLocalFailuresThrowOnEveryRank() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            Distribution d = Distribution.builder(comm).shape(3L * comm.size() + 1).build();
            int last = comm.size() - 1;
            boolean odd = comm.rank() == last;
            try (DistArray a = DistArrays.arange(d, 0, 1, DType.FLOAT64);
                    DistArray b = DistArrays.arange(d, 0, 1, DType.FLOAT64)) {
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> (odd ? Np.sum(a, 0) : Np.sum(a)).close());
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.sumDouble(odd ? b : a));
                assertThrows(org.jdistarray.comm.CollectiveMismatchException.class,
                        () -> Np.sumDouble(odd ? a : b, odd ? ReduceOptions.defaults().keepdims(true)
                                : ReduceOptions.defaults()));
                DistArray c = DistArrays.ones(d, DType.FLOAT64);
                if (odd) {
                    c.close(); // closing is local: this rank's sum fails before the all-reduce
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Np.mean(c).close());
                assertTrue(odd ? e.getMessage().equals("the array is closed")
                        : e.getMessage().equals("rank " + last + " failed: the array is closed"), e.getMessage());
                c.close();
                long n = d.shape()[0];
                assertEquals(n * (n - 1) / 2.0, Np.sumDouble(a), 0.0, "the communicator works afterwards");
            }
        });
    }

    @Test
    void errorsAsNumpyOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution empty = Distribution.builder(comm).shape(0, 3).build();
            Distribution one = Distribution.builder(comm).shape(3).build();
            try (DistArray e = DistArrays.zeros(empty, DType.FLOAT64); DistArray a = DistArrays.zeros(one, DType.BOOL)) {
                assertEquals("zero-size array to reduction operation minimum which has no identity",
                        assertThrows(IllegalArgumentException.class, e::min).getMessage());
                assertEquals("attempt to get argmax of an empty sequence",
                        assertThrows(IllegalArgumentException.class, () -> e.argmax(0)).getMessage());
                try (DistArray m = e.min(1)) { // reduces 3 elements per row of no rows: an empty result
                    assertArrayEquals(new long[] {0}, m.shape());
                }
                assertEquals("axis 3 is out of bounds for array of dimension 1",
                        assertThrows(IllegalArgumentException.class, () -> a.sum(3)).getMessage());
                assertEquals("duplicate value in 'axis'", assertThrows(IllegalArgumentException.class,
                        () -> a.sum(ReduceOptions.axis(0, -1))).getMessage());
                assertTrue(assertThrows(IllegalArgumentException.class, a::ptp).getMessage()
                        .startsWith("numpy boolean subtract"));
                assertThrows(IllegalArgumentException.class, () -> a.argmin(ReduceOptions.axis(0, 0)));
                assertThrows(IllegalArgumentException.class, () -> a.item());
                try (DistArray s = e.sum(); DistArray p = e.prod(); DistArray m = e.mean(); DistArray v = e.var();
                        DistArray al = e.all(); DistArray an = e.any()) {
                    assertEquals(0.0, s.item());
                    assertEquals(1.0, p.item());
                    assertTrue(Double.isNaN(m.item()));
                    assertTrue(Double.isNaN(v.item()));
                    assertEquals(1L, al.itemLong());
                    assertEquals(0L, an.itemLong());
                }
            }
        });
    }

    @Test
    void outAndDtypeKeywords() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(6, 5).cyclic(0).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.INT8, g -> 100 + g[1]);
                    DistArray s = Np.sum(a, ReduceOptions.axis(0).dtype("int8"));
                    DistArray f = Np.mean(a, ReduceOptions.defaults().dtype(DType.FLOAT32));
                    DistArray into = DistArrays.zeros(Distribution.builder(comm).shape().build(), DType.FLOAT32)) {
                assertEquals(DType.INT8, s.dtype());
                long[] sums = s.toLongArray(0);
                if (comm.rank() == 0) {
                    for (int j = 0; j < 5; j++) {
                        assertEquals((byte) (6 * (100 + j)), sums[j]);
                    }
                }
                assertEquals(DType.FLOAT32, f.dtype());
                assertEquals(102.0, f.item());
                DistArray r = Np.max(a, ReduceOptions.defaults().out(into));
                assertTrue(r == into);
                assertEquals(104.0, into.item());
            }
        });
    }

    static List<int[]> axisChoices(int ndim, boolean all) {
        List<int[]> out = new ArrayList<>();
        out.add(null);
        if (ndim > 0) {
            out.add(new int[] {0});
        }
        if (!all) {
            return out;
        }
        for (int i = 1; i < ndim; i++) {
            out.add(new int[] {i - ndim});
        }
        for (int i = 0; i < ndim; i++) {
            for (int j = i + 1; j < ndim; j++) {
                out.add(new int[] {j, i});
            }
        }
        if (ndim > 2) {
            int[] every = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                every[i] = i;
            }
            out.add(every);
        }
        return out;
    }

    private static void checkAll(Communicator comm, String name, DistArray a, int[] axis, boolean keep) {
        double[] dv = a.toDoubleArray(0);
        long[] lv = a.toLongArray(0);
        long[] shape = a.shape();
        for (ReduceKind k : ReduceKind.values()) {
            if (k.family == ReduceKind.Family.ARG && axis != null && axis.length != 1) {
                continue;
            }
            String what = name + " " + k.numpyName + " axis=" + Arrays.toString(axis) + " keepdims=" + keep;
            ReduceOptions o = (axis == null ? ReduceOptions.defaults() : ReduceOptions.axis(axis)).keepdims(keep);
            boolean[] reduced = Reducer.reducedAxes(k, shape.length, axis);
            long per = 1;
            long rest = 1;
            for (int i = 0; i < shape.length; i++) {
                if (reduced[i]) {
                    per *= shape[i];
                } else {
                    rest *= shape[i];
                }
            }
            if (k == ReduceKind.PTP && a.dtype() == DType.BOOL || per == 0 && rest > 0 && k.emptyError() != null) {
                assertThrows(IllegalArgumentException.class, () -> Reducer.run(k, a, o), what);
                continue;
            }
            try (DistArray r = Reducer.run(k, a, o)) {
                DType rt = k.resultType(a.dtype(), null);
                assertEquals(rt, r.dtype(), what);
                if (axis == null) { // the scalar forms: item() of the result on every rank, without the array
                    assertEquals(Double.doubleToLongBits(r.item()), Double.doubleToLongBits(Reducer.runDouble(k, a, o)),
                            what + " runDouble");
                    assertEquals(r.itemLong(), Reducer.runLong(k, a, o), what + " runLong");
                }
                boolean floatResult = rt == DType.FLOAT64 || rt == DType.FLOAT32;
                double[] gd = floatResult ? r.toDoubleArray(0) : null;
                long[] gl = floatResult ? null : r.toLongArray(0);
                if (comm.rank() != 0) {
                    continue;
                }
                SerialReductions.Result ref = SerialReductions.reduce(k, a.dtype(), dv, lv, shape, reduced, keep, 0);
                assertArrayEquals(ref.shape(), r.shape(), what);
                for (int i = 0; i < (floatResult ? gd.length : gl.length); i++) {
                    if (floatResult) {
                        double want = rt == DType.FLOAT32 ? (float) ref.doubles()[i] : ref.doubles()[i];
                        double tol = k.isAverage() || k == ReduceKind.PROD ? Math.abs(want) * (rt == DType.FLOAT32 ? 1e-6 : 1e-12) : 0;
                        if (Double.isNaN(want)) {
                            assertTrue(Double.isNaN(gd[i]), what + " cell " + i + ": " + gd[i]);
                        } else {
                            assertEquals(want, gd[i], tol, what + " cell " + i);
                        }
                    } else {
                        long want = k.family == ReduceKind.Family.EXTREME ? narrow(ref.longs()[i], rt) : ref.longs()[i];
                        assertEquals(want, gl[i], what + " cell " + i);
                    }
                }
            }
        }
    }

    /** {@code v} as the integer dtype {@code t} holds it, read back as a long. */
    private static long narrow(long v, DType t) {
        return switch (t) {
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xff;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xffff;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xffffffffL;
            case BOOL -> v != 0 ? 1 : 0;
            default -> v;
        };
    }
}
