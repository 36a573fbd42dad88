package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.api.Test;

/**
 * Basic indexing against the serial oracle {@link SerialSlicer}, on every layout of {@link Cases} (plus a few
 * more): values and shapes of {@code get}, views and their write-through, slice assignment of scalars, arrays and
 * Java arrays with broadcasting, NumPy's errors, squeeze/expandDims/ravel.
 */
public abstract class IndexingContract {
    /** Layouts whose every slice must be a view. */
    private static final Set<String> ALWAYS_VIEW = Set.of("block1d", "irregular1d", "emptyBlocks1d", "block2d",
            "padded2d", "irregularBlock3d", "undistributed2d", "block4d");

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static List<Cases.Case> cases() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("irregularBlock3d", comm -> {
            int p = comm.size();
            long[] b = new long[p + 1];
            for (int r = 0; r < p; r++) {
                b[r + 1] = b[r] + (r % 2 == 0 ? 3 : 0);
            }
            return Distribution.builder(comm).shape(b[p], 4, 3).blockBounds(0, b).build();
        }));
        c.add(new Cases.Case("undistributed2d", comm -> Distribution.builder(comm).shape(5, 4).undistributed(0)
                .undistributed(1).build()));
        c.add(new Cases.Case("block4d", comm -> Distribution.fromShape(comm, new long[] {3, 4, 2, 5},
                List.of(DistKind.BLOCK, DistKind.BLOCK, DistKind.UNDISTRIBUTED, DistKind.BLOCK))));
        c.add(new Cases.Case("cyclicStep1d", comm -> Distribution.builder(comm).shape(5L * comm.size() + 2)
                .cyclic(0).build()));
        return c;
    }

    static List<String> indices(int ndim, long[] shape, int p) {
        List<String> l = new ArrayList<>(List.of("", ":", "...", "::-1", "1:", "::2", "::-2", "None", "1::3",
                "-2:0:-1", "5:1", "-100:100", "1:-1:2", "0", "-1", "3", "10", "-11"));
        l.add(p + "::" + (p + 1)); // keeps a cyclic pattern
        l.add("::" + (p + 1));
        if (ndim >= 2) {
            l.addAll(List.of("1:, ::-2", ":, 0", "..., -1", "0, ...", "::-1, 1:3", "None, 1, ::2", "-1, -1",
                    ":, None, ::-1", "..., None", "0, 0", ":, 1"));
        }
        if (ndim >= 3) {
            l.addAll(List.of("..., 0", "1, ..., ::-1", ":, 1:3, None, ...", "0, 0, 0", "::2, :, -1", "None, ..., None",
                    "-1, ::-1, 1"));
        }
        if (ndim >= 4) {
            l.addAll(List.of("1, 2, 1, 3", "..., 1:4:2", "::-1, 1, ..., 2", "0, :, 1", ":, :, :, :, None"));
        }
        if (ndim == 0) {
            l = new ArrayList<>(List.of("", "...", "None"));
        }
        return l;
    }

    static double[] reference(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] d = new double[(int) n];
        for (int i = 0; i < n; i++) {
            d[i] = Cases.value(i);
        }
        return d;
    }

    static DistArray filled(Distribution d) {
        long[] cs = org.jdistarray.array.internal.StridedLayout.cStrides(d.shape());
        return DistArrays.fromFunction(d, DType.FLOAT64, g -> {
            long f = 0;
            for (int i = 0; i < g.length; i++) {
                f += g[i] * cs[i];
            }
            return Cases.value(f);
        });
    }

    private void eachCase(Body body) throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : cases()) {
                Distribution d = c.make().apply(comm);
                try {
                    body.run(comm, d, c.name());
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(c.name() + " on " + comm.size() + " ranks, rank " + comm.rank() + ": " + e, e);
                }
            }
        });
    }

    @FunctionalInterface
    interface Body {
        void run(Communicator comm, Distribution d, String name) throws Exception;
    }

    @Test
    void getMatchesTheSerialSlicerOnEveryLayout() throws Exception {
        eachCase((comm, d, name) -> {
            double[] ref = reference(d.shape());
            int p = comm.size();
            try (DistArray a = filled(d)) {
                for (String ix : indices(d.ndim(), d.shape(), comm.size())) {
                    SerialSlicer.Result want;
                    try {
                        want = SerialSlicer.slice(ref, d.shape(), ix);
                    } catch (IndexOutOfBoundsException e) {
                        IndexOutOfBoundsException got = assertThrows(IndexOutOfBoundsException.class, () -> a.get(ix),
                                ix);
                        assertEquals(e.getMessage(), got.getMessage(), ix);
                        continue;
                    }
                    try (DistArray v = a.get(ix)) {
                        assertArrayEquals(want.shape(), v.shape(), ix);
                        double[] got = v.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            assertArrayEquals(want.values(), got, "[" + ix + "]");
                        }
                        if (ALWAYS_VIEW.contains(name) || comm.size() == 1 && !name.startsWith("unstructured")
                                || name.startsWith("cyclic") && d.ndim() == 1 && ix.equals(p + "::" + (p + 1))) {
                            assertTrue(v.isView(), "[" + ix + "] should be a view");
                        }
                        // forEachOwned hands out offsets into the shared memory, which local() reads
                        LocalBlock lb = v.local();
                        long[] cs = org.jdistarray.array.internal.StridedLayout.cStrides(want.shape());
                        v.forEachOwned((g, off) -> {
                            long f = 0;
                            for (int k = 0; k < g.length; k++) {
                                f += g[k] * cs[k];
                            }
                            assertEquals(want.values()[(int) f], lb.getDouble(off), ix);
                        });
                        // the view's own index math: every owned element read back collectively
                        if (want.values().length > 0 && v.ndim() > 0) {
                            long[] last = new long[v.ndim()];
                            Arrays.fill(last, -1);
                            assertEquals(want.values()[want.values().length - 1], v.getDouble(last), ix);
                        }
                    }
                }
            }
        });
    }

    @Test
    void viewsWriteThroughAndScalarAssignmentReachesTheSelection() throws Exception {
        eachCase((comm, d, name) -> {
            double[] flat = new double[reference(d.shape()).length];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = i;
            }
            for (String ix : List.of("::-2", "1:", d.ndim() >= 2 ? "1:, ::-2" : "::3", "-1", "...")) {
                SerialSlicer.Result sel;
                try {
                    sel = SerialSlicer.slice(flat, d.shape(), ix);
                } catch (IndexOutOfBoundsException e) {
                    continue;
                }
                double[] want = reference(d.shape());
                for (double f : sel.values()) {
                    want[(int) f] = 1000;
                }
                try (DistArray a = filled(d)) {
                    a.set(ix, 1000.0);
                    double[] got = a.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(want, got, "set [" + ix + "]");
                    }
                }
                try (DistArray a = filled(d); DistArray v = a.get(ix)) {
                    if (v.isView()) {
                        v.fill(1000.0);
                        double[] got = a.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            assertArrayEquals(want, got, "view fill [" + ix + "]");
                        }
                    }
                }
            }
        });
    }

    @Test
    void arrayAndJavaArrayAssignmentBroadcast() throws Exception {
        eachCase((comm, d, name) -> {
            if (d.ndim() < 1) {
                return;
            }
            double[] flat = new double[reference(d.shape()).length];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = i;
            }
            String ix = d.ndim() >= 2 ? "::-1, 1:" : "1::2";
            SerialSlicer.Result sel = SerialSlicer.slice(flat, d.shape(), ix);
            long[] ts = sel.shape();
            // same shape, another layout
            Distribution vd = Distribution.fromShape(comm, ts, blocks(ts.length));
            try (DistArray a = filled(d); DistArray val = DistArrays.fromFunction(vd, DType.INT32,
                    g -> -1 - Cases.flat(ts, g))) {
                a.set(Index.parse(ix), val);
                double[] want = reference(d.shape());
                for (int k = 0; k < sel.values().length; k++) {
                    want[(int) sel.values()[k]] = -1 - k;
                }
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(want, got, "array set [" + ix + "]");
                }
            }
            // broadcast a row (the last axis), as a DistArray and as Java arrays
            long lastLen = ts[ts.length - 1];
            double[] row = new double[(int) lastLen];
            for (int k = 0; k < row.length; k++) {
                row[k] = 500 + k;
            }
            double[] want = reference(d.shape());
            for (int k = 0; k < sel.values().length; k++) {
                want[(int) sel.values()[k]] = 500 + (k % Math.max(1, lastLen));
            }
            try (DistArray a = filled(d)) {
                a.set(Index.parse(ix), row, 1, lastLen);
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(want, got, "java set [" + ix + "]");
                }
            }
            try (DistArray a = filled(d)) {
                a.setFrom(comm.size() - 1, Index.parse(ix), comm.rank() == comm.size() - 1 ? row : null, lastLen);
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(want, got, "setFrom [" + ix + "]");
                }
            }
            Distribution rd = Distribution.fromShape(comm, new long[] {lastLen}, List.of(DistKind.CYCLIC));
            try (DistArray a = filled(d); DistArray r = DistArrays.fromFunction(rd, DType.FLOAT64, g -> 500 + g[0])) {
                a.set(Index.parse(ix), r);
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(want, got, "broadcast array set [" + ix + "]");
                }
            }
            // NumPy's mismatch message, on every rank
            try (DistArray a = filled(d)) {
                double[] bad = new double[(int) lastLen + 2];
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> a.set(Index.parse(ix), bad, lastLen + 2));
                assertEquals("could not broadcast input array from shape (" + (lastLen + 2) + ",) into shape "
                        + Assign.tuple(ts), e.getMessage());
            }
        });
    }

    @Test
    void overlappingAssignmentReadsTheRightHandSideFirst() throws Exception {
        eachCase((comm, d, name) -> {
            if (d.ndim() < 1 || d.shape()[0] < 2) {
                return;
            }
            double[] ref = reference(d.shape());
            int row = (int) (ref.length / d.shape()[0]);
            double[] want = ref.clone();
            System.arraycopy(ref, 0, want, row, ref.length - row);
            try (DistArray a = filled(d); DistArray src = a.get(":-1")) {
                a.set(Index.parse("1:"), src);
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(want, got);
                }
            }
        });
    }

    @Test
    void squeezeExpandDimsRavelAndFlatten() throws Exception {
        eachCase((comm, d, name) -> {
            double[] ref = reference(d.shape());
            try (DistArray a = filled(d); DistArray e = a.expandDims(0); DistArray e2 = e.expandDims(-1);
                 DistArray s = e2.squeeze(); DistArray r = a.ravel(); DistArray f = a.flatten()) {
                long[] es = new long[d.ndim() + 2];
                es[0] = 1;
                es[es.length - 1] = 1;
                System.arraycopy(d.shape(), 0, es, 1, d.ndim());
                assertArrayEquals(es, e2.shape());
                long[] squeezed = Arrays.stream(d.shape()).filter(x -> x != 1).toArray();
                assertArrayEquals(squeezed, s.shape());
                assertArrayEquals(new long[] {ref.length}, r.shape());
                assertArrayEquals(new long[] {ref.length}, f.shape());
                assertTrue(!f.isView());
                if (ALWAYS_VIEW.contains(name)) {
                    assertTrue(e2.isView() && s.isView(), "expandDims/squeeze should be views");
                }
                for (DistArray x : List.of(e2, s, r, f)) {
                    double[] got = x.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertArrayEquals(ref, got);
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> a.expandDims(d.ndim() + 2));
            }
        });
    }

    @Test
    void aZeroDArrayHeldByOneRankSlicesAsAView() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape().onRank(comm.size() - 1).build();
            try (DistArray a = DistArrays.full(d, DType.FLOAT64, 4.5); DistArray v = a.get("...");
                 DistArray w = a.get("None, None")) {
                assertTrue(v.isView() && w.isView());
                assertArrayEquals(new long[] {1, 1}, w.shape());
                assertEquals(4.5, w.getDouble(0, 0));
                w.set("0, 0", 7.0);
                assertEquals(7.0, a.getDouble());
            }
        });
    }

    @Test
    void errorsAreNumpysOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.fromShape(comm, new long[] {10}, List.of(DistKind.BLOCK));
            try (DistArray a = filled(d)) {
                assertEquals("index 10 is out of bounds for axis 0 with size 10",
                        assertThrows(IndexOutOfBoundsException.class, () -> a.get(Index.at(10))).getMessage());
                assertEquals("index -11 is out of bounds for axis 0 with size 10",
                        assertThrows(IndexOutOfBoundsException.class, () -> a.get("-11")).getMessage());
                assertEquals("too many indices for array: array is 1-dimensional, but 2 were indexed",
                        assertThrows(IndexOutOfBoundsException.class, () -> a.get("1, 2")).getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> a.get("..., ..."));
                assertThrows(IllegalArgumentException.class, () -> a.get("::0"));
                assertThrows(IllegalArgumentException.class, () -> a.get("a"));
                assertThrows(IllegalArgumentException.class, () -> a.get(Index.slice(1L, 2L, 0L)));
            }
        });
    }

    @Test
    void ufuncsAndReductionsReadViewsAndWriteThroughOutViews() throws Exception {
        eachCase((comm, d, name) -> {
            double[] ref = reference(d.shape());
            for (String ix : List.of("::-2", "1:", d.ndim() >= 2 ? "1:, ::-2" : "::3", "...")) {
                SerialSlicer.Result want;
                try {
                    want = SerialSlicer.slice(ref, d.shape(), ix);
                } catch (IndexOutOfBoundsException e) {
                    continue;
                }
                double[] w = want.values();
                try (DistArray a = filled(d); DistArray v = a.get(ix)) {
                    // v * 2 + v, a new dense array of the view's shape
                    try (DistArray twice = org.jdistarray.ops.Np.multiply(v, 2.0);
                            DistArray r = org.jdistarray.ops.Np.add(twice, v)) {
                        assertTrue(!r.isView());
                        double[] got = r.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            double[] exp = new double[w.length];
                            for (int i = 0; i < w.length; i++) {
                                exp[i] = w[i] * 2.0 + w[i];
                            }
                            assertArrayEquals(exp, got, "v*2 + v [" + ix + "]");
                        }
                    }
                    double sum = 0;
                    for (double x : w) {
                        sum += x;
                    }
                    try (DistArray s = v.sum()) {
                        assertEquals(sum, s.item(), 1e-9 * Math.max(1, Math.abs(sum)), "sum [" + ix + "]");
                    }
                    // redistribution of a view (and reshape, which is one), here to the default block layout
                    if (v.ndim() > 0) {
                        Distribution blocks = Distribution.fromShape(comm, v.shape(), blocks(v.ndim()));
                        try (DistArray moved = DistArrays.redistribute(v, blocks)) {
                            double[] got = moved.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                assertArrayEquals(w, got, "redistribute [" + ix + "]");
                            }
                        }
                    }
                    if (v.isView()) { // out= a view: the result is written through into the source
                        try (DistArray minusOne = DistArrays.full(v.distribution(), DType.FLOAT64, -1.0)) {
                            org.jdistarray.ops.Np.multiply(v, minusOne, org.jdistarray.ops.UfuncOptions.out(v));
                        }
                        double[] all = a.toDoubleArray(0);
                        if (comm.rank() == 0) {
                            double[] flat = new double[ref.length];
                            for (int i = 0; i < flat.length; i++) {
                                flat[i] = i;
                            }
                            double[] expect = ref.clone();
                            for (double f : SerialSlicer.slice(flat, d.shape(), ix).values()) {
                                expect[(int) f] = -ref[(int) f];
                            }
                            assertArrayEquals(expect, all, "out=view [" + ix + "]");
                        }
                    }
                }
            }
        });
    }

    @Test
    void viewsExportWhenContiguousAndRefuseClearlyWhenStrided() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.fromShape(comm, new long[] {4L * comm.size() + 1, 3},
                    List.of(DistKind.BLOCK, DistKind.UNDISTRIBUTED));
            try (DistArray a = filled(d); DistArray rows = a.get("1:"); DistArray cols = a.get(":, ::2")) {
                assertTrue(rows.isView() && cols.isView());
                var ex = rows.export();
                assertArrayEquals(rows.distribution().localShape(), ex.descriptor().buffer().shape());
                IllegalStateException e = assertThrows(IllegalStateException.class, cols::export);
                assertTrue(e.getMessage().contains("strided"), e.getMessage());
                // operations take a dense copy of a strided view; the copy is not a view
                try (DistArray c = cols.copy()) {
                    assertTrue(!c.isView());
                    double[] all = c.toDoubleArray(0);
                    assertEquals(comm.rank() == 0 ? c.globalSize() : 0, all == null ? 0 : all.length);
                }
                // ufuncs and reductions read a strided view (through its dense copy)
                try (DistArray s = cols.sum()) {
                    double want = 0;
                    double[] ref = reference(d.shape());
                    for (int i = 0; i < ref.length; i++) {
                        want += i % 3 != 1 ? ref[i] : 0; // columns 0 and 2 of rows of 3
                    }
                    assertEquals(want, s.item());
                }
                try (Borrow pin = rows.borrow()) { // a view's borrow pins the source's memory
                    assertThrows(IllegalStateException.class, a::close);
                }
                a.close();
                assertThrows(IllegalStateException.class, () -> rows.local());
            }
        });
    }

    private static List<DistKind> blocks(int n) {
        List<DistKind> k = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            k.add(DistKind.BLOCK);
        }
        return k;
    }

}
