package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.api.Test;

/**
 * Redistribution against the serial oracle: every pair of layouts of one shape (block, irregular and empty blocks,
 * cyclic, block-cyclic, unstructured, undistributed and replicated, padded and periodic, several grids), 1-D to 4-D;
 * the source's non-owned cells are wiped first (a source reads only what it owns), and every cell of the target,
 * ghosts included, must hold the reference value. The bytes the exchange passed to the all-to-all and the buffer bytes
 * it allocated must equal the plan's figures. Also rounds under a budget, multi-chunk blocks, dtypes of every width,
 * reshape, transpose and swapaxes, and bad input failing on every rank before data moves.
 */
public abstract class RedistributionContract {
    private static final double WIPED = -999;

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    record Layout(String name, Function<Communicator, Distribution> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static long[][] scrambled(int p, long n, int salt) {
        List<List<Long>> per = new ArrayList<>();
        for (int r = 0; r < p; r++) {
            per.add(new ArrayList<>());
        }
        for (long g = n - 1; g >= 0; g--) {
            per.get((int) ((g * 7 + salt) % p)).add(g);
        }
        long[][] idx = new long[p][];
        for (int r = 0; r < p; r++) {
            idx[r] = per.get(r).stream().mapToLong(Long::longValue).toArray();
        }
        return idx;
    }

    /** Layouts of a 1-D axis of {@code n = 4P + 6} elements. */
    static List<Layout> oneD() {
        List<Layout> l = new ArrayList<>();
        l.add(new Layout("block", c -> Distribution.builder(c).shape(n(c)).block(0).build()));
        l.add(new Layout("cyclic", c -> Distribution.builder(c).shape(n(c)).cyclic(0).build()));
        l.add(new Layout("blockCyclic2", c -> Distribution.builder(c).shape(n(c)).cyclic(0, 2).build()));
        l.add(new Layout("blockCyclic5", c -> Distribution.builder(c).shape(n(c)).cyclic(0, 5).build()));
        l.add(new Layout("irregular", c -> {
            int p = c.size();
            long[] b = new long[p + 1];
            long n = n(c);
            for (int r = 0; r < p; r++) {
                b[r + 1] = r == p - 1 ? n : Math.min(n, b[r] + (r % 3 == 1 ? 0 : r % 3 + 3));
            }
            return Distribution.builder(c).shape(n).blockBounds(0, b).build();
        }));
        l.add(new Layout("allOnLast", c -> {
            long[] b = new long[c.size() + 1];
            b[c.size()] = n(c);
            return Distribution.builder(c).shape(n(c)).blockBounds(0, b).build();
        }));
        l.add(new Layout("unstructured", c -> Distribution.builder(c).shape(n(c))
                .unstructured(0, scrambled(c.size(), n(c), 3)).build()));
        l.add(new Layout("undistributed", c -> Distribution.builder(c).shape(n(c)).undistributed(0).build()));
        l.add(new Layout("padded", c -> Distribution.builder(c).shape(n(c)).padding(0, 2, 1).build()));
        l.add(new Layout("periodic", c -> Distribution.builder(c).shape(n(c)).padding(0, 1, 1).periodic(0).build()));
        return l;
    }

    static long n(Communicator c) {
        return 4L * c.size() + 6;
    }

    static List<Layout> twoD() {
        List<Layout> l = new ArrayList<>();
        l.add(new Layout("rows", c -> Distribution.builder(c).shape(n(c), 5).block(0).undistributed(1).build()));
        l.add(new Layout("cols", c -> Distribution.builder(c).shape(n(c), 5).undistributed(0).block(1).build()));
        l.add(new Layout("blockBlock", c -> Distribution.fromShape(c, new long[] {n(c), 5},
                List.of(DistKind.BLOCK, DistKind.BLOCK))));
        l.add(new Layout("cyclicBlockCyclic", c -> Distribution.builder(c).shape(n(c), 5).cyclic(0).cyclic(1, 2)
                .build()));
        l.add(new Layout("unstructuredRows", c -> Distribution.builder(c).shape(n(c), 5)
                .unstructured(0, scrambled(c.size(), n(c), 1)).undistributed(1).build()));
        l.add(new Layout("paddedGrid", c -> Distribution.builder(c).shape(n(c), 5).padding(0, 1, 0).grid(c.size(), 1)
                .build()));
        l.add(new Layout("replicated", c -> Distribution.builder(c).shape(n(c), 5).undistributed(0).undistributed(1)
                .build()));
        return l;
    }

    static List<Layout> threeD() {
        List<Layout> l = new ArrayList<>();
        l.add(new Layout("3d-a", c -> Distribution.builder(c).shape(4, 5, 3).block(0).cyclic(1).undistributed(2)
                .build()));
        l.add(new Layout("3d-b", c -> Distribution.builder(c).shape(4, 5, 3).undistributed(0).undistributed(1)
                .cyclic(2, 2).build()));
        l.add(new Layout("3d-c", c -> Distribution.fromShape(c, new long[] {4, 5, 3},
                List.of(DistKind.BLOCK, DistKind.BLOCK, DistKind.BLOCK))));
        return l;
    }

    static List<Layout> fourD() {
        List<Layout> l = new ArrayList<>();
        l.add(new Layout("4d-a", c -> Distribution.builder(c).shape(3, 4, 2, 5).block(0).cyclic(1, 2).undistributed(2)
                .cyclic(3).build()));
        l.add(new Layout("4d-b", c -> Distribution.fromShape(c, new long[] {3, 4, 2, 5},
                List.of(DistKind.CYCLIC, DistKind.BLOCK, DistKind.BLOCK, DistKind.CYCLIC))));
        return l;
    }

    /** A source array: the reference values in owned cells, {@link #WIPED} in every other cell. */
    static DistArray source(Distribution d, DType dtype, boolean smallChunks) {
        DistArray a = DistArrays.allocate(d, dtype, false, smallChunks ? 6 : NativeMemory.DEFAULT_CHUNK_SHIFT);
        LocalBlock b = a.local();
        long[] shape = d.shape();
        if (d.localMap().holdsNothing()) {
            return a;
        }
        LocalBox.all(d.localShape()).forEachCell(d.dimData(), shape, (g, flat, off) ->
                b.setDouble(off, d.owns(g) ? Cases.value(flat) : WIPED));
        return a;
    }

    /** Every cell of {@code b} (ghosts included) holds the reference value of its element. */
    static void checkAll(DistArray b, DType dtype, String what) {
        Distribution d = b.distribution();
        if (d.localMap().holdsNothing()) {
            return;
        }
        LocalBlock l = b.local();
        LocalBox.all(d.localShape()).forEachCell(d.dimData(), d.shape(), (g, flat, off) -> {
            double want = Cases.valueAs(flat, dtype);
            if (l.getDouble(off) != want) {
                throw new AssertionError(what + ": rank " + d.rank() + " cell " + Arrays.toString(g) + " holds "
                        + l.getDouble(off) + ", want " + want);
            }
        });
    }

    static void checkCounts(Redistribution plan, int item, String what, boolean inPlacePossible) {
        long[] last = Redistributor.LAST.get();
        int r = plan.from().rank();
        assertEquals(plan.bytesSent(r, item), last[0], what + ": bytes sent");
        assertEquals(plan.bytesReceived(r, item), last[1], what + ": bytes received");
        if (inPlacePossible) {
            assertEquals(plan.peakExtraBytes(r, item), last[2], what + ": buffer bytes");
        }
    }

    private void allPairs(List<Layout> layouts, DType dtype) throws Exception {
        onRanks(comm -> {
            for (Layout f : layouts) {
                Distribution from = f.make().apply(comm);
                for (Layout t : layouts) {
                    Distribution to = t.make().apply(comm);
                    String what = f + " -> " + t + " on " + comm.size() + " ranks";
                    Redistribution plan = Redistribution.plan(from, to);
                    try (DistArray a = source(from, dtype, false); DistArray b = a.redistribute(plan)) {
                        checkCounts(plan, dtype.itemSize(), what, true);
                        checkAll(b, dtype, what);
                    }
                }
            }
        });
    }

    @Test
    void everyPairOneD() throws Exception {
        allPairs(oneD(), DType.INT64);
    }

    @Test
    void everyPairTwoD() throws Exception {
        allPairs(twoD(), DType.FLOAT64);
    }

    @Test
    void everyPairThreeAndFourD() throws Exception {
        allPairs(threeD(), DType.INT32);
        allPairs(fourD(), DType.UINT16);
    }

    @Test
    void narrowDtypesAndMultiChunkBlocksAndRounds() throws Exception {
        onRanks(comm -> {
            List<Layout> l = oneD();
            for (DType dtype : new DType[] {DType.INT16, DType.UINT8, DType.FLOAT32}) {
                for (int i = 0; i < l.size(); i += 3) {
                    Distribution from = l.get(i).make().apply(comm);
                    Distribution to = l.get((i + 1) % l.size()).make().apply(comm);
                    String what = l.get(i) + " -> " + l.get((i + 1) % l.size()) + " " + dtype.numpyName();
                    Redistribution plan = Redistribution.plan(from, to).withBudget(8);
                    for (int r = 0; r < comm.size(); r++) {
                        // at most the budget plus the rounding: one element per peer and direction
                        assertTrue(plan.peakExtraBytes(r, dtype.itemSize())
                                <= 8 + 2L * comm.size() * dtype.itemSize(), what + "\n" + plan.explain(dtype));
                    }
                    try (DistArray a = source(from, dtype, true);
                         DistArray b = DistArrays.allocate(to, dtype, false, 6)) {
                        a.redistribute(plan, b);
                        checkCounts(plan, dtype.itemSize(), what, false);
                        checkAll(b, dtype, what);
                        // a plan is reusable: again into the same output
                        a.redistribute(plan, b);
                        checkAll(b, dtype, what + " (reused)");
                    }
                }
            }
        });
    }

    @Test
    void everyCaseToBlockAndBack() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution from = c.make().apply(comm);
                List<DistKind> kinds = new ArrayList<>();
                for (int i = 0; i < from.ndim(); i++) {
                    kinds.add(i == 0 ? DistKind.CYCLIC : DistKind.BLOCK);
                }
                Distribution to = Distribution.fromShape(comm, from.shape(), kinds);
                try (DistArray a = source(from, DType.FLOAT64, false); DistArray b = a.redistribute(to);
                     DistArray back = b.redistribute(from)) {
                    checkAll(b, DType.FLOAT64, c + " -> cyclic/block");
                    checkAll(back, DType.FLOAT64, c + " -> cyclic/block -> back");
                }
            }
        });
    }

    @Test
    void budgetBoundsTheBuffers() throws Exception {
        onRanks(comm -> {
            Distribution rows = Distribution.builder(comm).shape(64, 48).block(0).undistributed(1).build();
            Distribution cols = Distribution.builder(comm).shape(64, 48).undistributed(0).block(1).build();
            Redistribution plan = Redistribution.plan(rows, cols);
            long block = rows.localElementCount() * 8;
            assertEquals(1, plan.isLocal() ? 1 : plan.rounds(8), plan.explain(8));
            assertTrue(plan.peakExtraBytes(comm.rank(), 8) <= Math.max(block, cols.localElementCount() * 8),
                    plan.explain(8));
            Redistribution tight = plan.withBudget(1024);
            int rounds = tight.rounds(8);
            if (!plan.isLocal()) {
                assertTrue(rounds > 1, tight.explain(8));
            }
            assertTrue(tight.explain(8).contains("rounds") || rounds <= 1, tight.explain(8));
            try (DistArray a = source(rows, DType.FLOAT64, false); DistArray b = a.redistribute(tight)) {
                checkCounts(tight, 8, "budget", true);
                assertTrue(Redistributor.LAST.get()[2] <= 1024 + 16L * comm.size(), tight.explain(8));
                checkAll(b, DType.FLOAT64, "rows -> cols in rounds");
            }
        });
    }

    @Test
    void reshapeInCOrder() throws Exception {
        onRanks(comm -> {
            long n = 6L * comm.size() * 2;
            List<Distribution> froms = List.of(
                    Distribution.builder(comm).shape(n).cyclic(0).build(),
                    Distribution.builder(comm).shape(2 * comm.size(), 6).block(0).cyclic(1).build(),
                    Distribution.builder(comm).shape(n).unstructured(0, scrambled(comm.size(), n, 2)).build());
            List<Distribution> tos = List.of(
                    Distribution.fromShape(comm, new long[] {3, n / 3}, List.of(DistKind.BLOCK, DistKind.BLOCK)),
                    Distribution.builder(comm).shape(2, 3, n / 6).cyclic(0).undistributed(1).block(2).build(),
                    Distribution.builder(comm).shape(n / 2, 2).padding(0, 1, 0).grid(comm.size(), 1).build(),
                    Distribution.builder(comm).shape(n).undistributed(0).build());
            for (Distribution f : froms) {
                for (Distribution t : tos) {
                    String what = "reshape " + Arrays.toString(f.shape()) + " -> " + Arrays.toString(t.shape());
                    Redistribution plan = Redistribution.reshape(f, t);
                    try (DistArray a = source(f, DType.INT64, false); DistArray b = a.redistribute(plan)) {
                        checkCounts(plan, 8, what, true);
                        checkAll(b, DType.INT64, what);
                    }
                }
                try (DistArray a = source(f, DType.INT64, false); DistArray b = a.reshape(-1, 2)) {
                    assertEquals(List.of(n / 2, 2L), List.of(b.shape()[0], b.shape()[1]));
                    checkAll(b, DType.INT64, "reshape(-1, 2)");
                }
            }
            try (DistArray a = source(froms.get(0), DType.INT64, false)) {
                DistArrayException e = assertThrows(DistArrayException.class, () -> a.reshape(5, 7));
                assertEquals("cannot reshape array of size " + n + " into shape (5, 7)", e.getMessage());
            }
        });
    }

    /** The element of {@code a} (shape {@code shape}) at transposed index {@code g} of the result. */
    private static long sourceFlat(long[] shape, int[] axes, long[] g) {
        long[] src = new long[g.length];
        for (int k = 0; k < g.length; k++) {
            src[axes[k]] = g[k];
        }
        return Cases.flat(shape, src);
    }

    @Test
    void transposeAndSwapaxes() throws Exception {
        onRanks(comm -> {
            List<Layout> layouts = new ArrayList<>(twoD());
            layouts.addAll(threeD());
            layouts.addAll(fourD());
            for (Layout l : layouts) {
                Distribution d = l.make().apply(comm);
                int n = d.ndim();
                List<int[]> perms = new ArrayList<>();
                perms.add(new int[0]);
                if (n >= 3) {
                    perms.add(n == 3 ? new int[] {2, 0, 1} : new int[] {1, 3, 0, 2});
                }
                for (int[] axes : perms) {
                    int[] effective = axes.length == 0 ? reversed(n) : axes;
                    try (DistArray a = source(d, DType.FLOAT64, false); DistArray b = a.transpose(axes)) {
                        checkTransposed(b, d.shape(), effective, l + " transpose " + Arrays.toString(axes));
                    }
                }
                try (DistArray a = source(d, DType.FLOAT64, false); DistArray b = a.swapaxes(0, -1)) {
                    int[] sw = new int[n];
                    for (int k = 0; k < n; k++) {
                        sw[k] = k;
                    }
                    sw[0] = n - 1;
                    sw[n - 1] = 0;
                    checkTransposed(b, d.shape(), sw, l + " swapaxes");
                }
            }
            // rows over a 1-D grid: the transposed layout keeps every element on its rank, a local copy
            Distribution rows = Distribution.builder(comm).shape(n(comm), 5).block(0).undistributed(1).build();
            Distribution t = RedistributeOps.permuted(rows, new int[] {1, 0});
            assertTrue(Redistribution.transpose(rows, t, 1, 0).isLocal());
            // ... so the transpose is a view of the same memory (NumPy's is too): writes show through both ways
            try (DistArray a = source(rows, DType.FLOAT64, false); DistArray b = a.transpose()) {
                assertTrue(b.isView(), "a transpose that moves nothing is a view");
                checkTransposed(b, rows.shape(), new int[] {1, 0}, "transpose view");
                b.setDouble(-7.0, 4, n(comm) - 1);
                assertEquals(-7.0, a.getDouble(n(comm) - 1, 4));
                a.setDouble(-8.0, 0, 2);
                assertEquals(-8.0, b.getDouble(2, 0));
                try (DistArray twice = org.jdistarray.ops.Np.multiply(b, 2.0)) { // operations read the view
                    assertEquals(-14.0, twice.getDouble(4, n(comm) - 1));
                }
            }
            // one that moves data (a 2-D grid of distributed axes swapped) is a new array
            if (comm.size() >= 2) {
                Distribution grid = Distribution.builder(comm).shape(6, 8).grid(comm.size(), 1).block(0).block(1)
                        .build();
                List<Distribution> grids = new ArrayList<>(List.of(grid));
                if (comm.size() % 2 == 0) {
                    grids.add(Distribution.builder(comm).shape(6, 8).grid(2, comm.size() / 2).block(0).block(1)
                            .build());
                }
                for (Distribution g : grids) {
                    try (DistArray a = source(g, DType.FLOAT64, false); DistArray b = a.transpose()) {
                        boolean local = Redistribution.transpose(g, RedistributeOps.permuted(g, new int[] {1, 0}), 1, 0)
                                .isLocal();
                        assertEquals(local, b.isView(), "a transpose is a view exactly when nothing moves");
                        checkTransposed(b, g.shape(), new int[] {1, 0}, "transpose of " + g.axes());
                    }
                }
            }
            // into a chosen target
            Distribution cyc = Distribution.builder(comm).shape(5, n(comm)).cyclic(0).block(1).build();
            try (DistArray a = source(rows, DType.FLOAT64, false); DistArray b = DistArrays.transpose(a, cyc, 1, 0)) {
                checkTransposed(b, rows.shape(), new int[] {1, 0}, "transpose into cyclic");
            }
        });
    }

    private static int[] reversed(int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = n - 1 - k;
        }
        return p;
    }

    private static void checkTransposed(DistArray b, long[] srcShape, int[] axes, String what) {
        Distribution d = b.distribution();
        LocalBlock l = b.local();
        if (b.isView()) { // a transposed view: its owned cells at their offsets in the source's memory
            b.forEachOwned((g, off) -> {
                double want = Cases.value(sourceFlat(srcShape, axes, g));
                if (l.getDouble(off) != want) {
                    throw new AssertionError(what + ": rank " + d.rank() + " cell " + Arrays.toString(g) + " holds "
                            + l.getDouble(off) + ", want " + want + " (view)");
                }
            });
            return;
        }
        LocalBox.all(d.localShape()).forEachCell(d.dimData(), d.shape(), (g, flat, off) -> {
            double want = Cases.value(sourceFlat(srcShape, axes, g));
            if (l.getDouble(off) != want) {
                throw new AssertionError(what + ": rank " + d.rank() + " cell " + Arrays.toString(g) + " holds "
                        + l.getDouble(off) + ", want " + want);
            }
        });
    }

    /** The sub-groups of ranks of a communicator of {@code p} ranks the sub-group tests gather onto. */
    static List<int[]> subGroups(int p) {
        List<int[]> g = new ArrayList<>();
        g.add(new int[] {0});
        g.add(new int[] {p - 1});
        int[] firstHalf = new int[Math.max(1, p / 2)];
        for (int i = 0; i < firstHalf.length; i++) {
            firstHalf[i] = i;
        }
        g.add(firstHalf);
        int[] odd = new int[Math.max(1, p / 2)];
        for (int i = 0; i < odd.length; i++) {
            odd[i] = Math.min(p - 1, 2 * i + 1);
        }
        g.add(odd);
        if (p > 2) {
            g.add(new int[] {p - 1, 0});   // any order: the blocks follow rank order
        }
        return g;
    }

    @Test
    void ontoAndFromASubGroupOfRanks() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            List<Layout> sources = new ArrayList<>(oneD());
            List<Layout> sources2 = twoD();
            for (int[] group : subGroups(p)) {
                String g = Arrays.toString(group);
                Distribution sub1 = Distribution.builder(comm).shape(n(comm)).onRanks(group).build();
                Distribution sub2 = Distribution.builder(comm).shape(n(comm), 5).onRanks(group).build();
                Distribution sub3 = Distribution.builder(comm).shape(4, 5, 3).onRanks(group).build();
                // the group's ranks split axis 0 evenly in rank order, the others hold nothing
                long held = sub1.localMap().holdsNothing() ? 0 : sub1.localMap().localElementCount();
                boolean inGroup = Arrays.stream(group).anyMatch(r -> r == comm.rank());
                long[] even = org.jdistarray.protocol.Partitions.balanced(n(comm), group.length);
                int k = (int) Arrays.stream(group).filter(r -> r < comm.rank()).count();
                assertEquals(inGroup ? even[k + 1] - even[k] : 0, held, "rows held on " + g);
                for (List<Layout> ls : List.of(sources, sources2)) {
                    for (Layout f : ls) {
                        Distribution from = f.make().apply(comm);
                        Distribution sub = from.ndim() == 1 ? sub1 : sub2;
                        for (boolean back : new boolean[] {false, true}) {
                            Distribution a = back ? sub : from;
                            Distribution b = back ? from : sub;
                            String what = (back ? "onRanks" + g + " -> " + f : f + " -> onRanks" + g) + " on " + p
                                    + " ranks";
                            Redistribution plan = Redistribution.plan(a, b);
                            try (DistArray x = source(a, DType.FLOAT64, false); DistArray y = x.redistribute(plan)) {
                                checkCounts(plan, 8, what, true);
                                checkAll(y, DType.FLOAT64, what);
                            }
                            if (!back) {
                                for (int r = 0; r < p; r++) {
                                    int rr = r;
                                    if (Arrays.stream(group).noneMatch(q -> q == rr)) {
                                        assertEquals(0, plan.elementsReceived(r) + plan.elementsLocal(r), what);
                                    }
                                }
                            }
                        }
                    }
                }
                for (Layout f : threeD()) {
                    Distribution from = f.make().apply(comm);
                    String what = f + " -> onRanks" + g + " on " + p + " ranks";
                    try (DistArray x = source(from, DType.INT16, false);
                         DistArray y = x.redistribute(Redistribution.plan(from, sub3))) {
                        checkAll(y, DType.INT16, what);
                    }
                }
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Distribution.builder(comm).shape(4).onRanks(0, 0));
            assertTrue(e.getMessage().contains("onRanks(0, 0): rank 0 is given twice"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Distribution.builder(comm).shape(4).onRanks());
            assertTrue(e.getMessage().contains("at least one rank"), e.getMessage());
            if (p > 1) {
                DistArrayException de = assertThrows(DistArrayException.class,
                        () -> Distribution.builder(comm).shape().onRanks(0, 1).build());
                assertTrue(de.getMessage().contains("a 0-d array is held by one rank or by every rank"),
                        de.getMessage());
            }
        });
    }

    @Test
    void badInputFailsOnEveryRankBeforeDataMoves() throws Exception {
        onRanks(comm -> {
            Distribution a1 = Distribution.builder(comm).shape(n(comm), 4).block(0).undistributed(1).build();
            Distribution other = Distribution.builder(comm).shape(4, n(comm)).block(0).undistributed(1).build();
            DistArrayException e = assertThrows(DistArrayException.class, () -> Redistribution.plan(a1, other));
            assertTrue(e.getMessage().contains("cannot redistribute an array of shape (" + n(comm) + ", 4)"),
                    e.getMessage());
            try (Communicator dup = comm.dup()) {
                Distribution onDup = Distribution.builder(dup).shape(n(comm), 4).cyclic(0).undistributed(1).build();
                e = assertThrows(DistArrayException.class, () -> Redistribution.plan(a1, onDup));
                assertTrue(e.getMessage().contains("another communicator"), e.getMessage());
            }
            Distribution cyc = Distribution.builder(comm).shape(n(comm), 4).cyclic(0).undistributed(1).build();
            Redistribution plan = Redistribution.plan(a1, cyc);
            try (DistArray src = source(a1, DType.FLOAT64, false);
                 DistArray wrongType = DistArrays.zeros(cyc, DType.INT32);
                 DistArray wrongSource = source(cyc, DType.FLOAT64, false)) {
                e = assertThrows(DistArrayException.class, () -> src.redistribute(plan, wrongType));
                assertTrue(e.getMessage().contains("dtype int32 differs"), e.getMessage());
                long[] after = wrongType.toLongArray(0);
                assertFalse(after != null && Arrays.stream(after).anyMatch(v -> v != 0), "no data moved");
                e = assertThrows(DistArrayException.class, () -> wrongSource.redistribute(plan));
                assertTrue(e.getMessage().contains("source distribution"), e.getMessage());
                e = assertThrows(DistArrayException.class, () -> src.redistribute(plan, src));
                // a bad output on rank 0 only: every rank throws, naming rank 0's problem
                try (DistArray right = DistArrays.zeros(cyc, DType.FLOAT64)) {
                    DistArray mine = comm.rank() == 0 ? wrongType : right;
                    RuntimeException any = assertThrows(RuntimeException.class, () -> src.redistribute(plan, mine));
                    assertTrue(any.getMessage().contains("dtype int32 differs"), any.getMessage());
                }
                e = assertThrows(DistArrayException.class, () -> src.transpose(0, 0));
                assertTrue(e.getMessage().contains("axes don't match array"), e.getMessage());
            }
        });
    }

    @Test
    void onePlanServesManyArraysAndDtypesInTurn() throws Exception {
        // a plan keeps its worked-out form per pair of storages: arrays of other contents and dtypes in turn, and
        // arrays sent from or received into in place, must each move their own data
        onRanks(comm -> {
            long n = n(comm) + 3;
            long[] bounds = new long[comm.size() + 1];
            for (int r = 1; r <= comm.size(); r++) {
                bounds[r] = r == comm.size() ? n : r; // one element each, the rest on the last: contiguous streams
            }
            List<Distribution[]> pairs = List.of(
                    new Distribution[] {Distribution.builder(comm).shape(n).build(),
                        Distribution.builder(comm).shape(n).blockBounds(0, bounds).build()},
                    new Distribution[] {Distribution.builder(comm).shape(n).build(),
                        Distribution.builder(comm).shape(n).cyclic(0).build()},
                    new Distribution[] {Distribution.builder(comm).shape(n, 4).build(),
                        Distribution.builder(comm).shape(n, 4).grid(1, comm.size()).build()},
                    new Distribution[] {Distribution.builder(comm).shape(n, 3).padding(0, 1, 0).build(), null});
            for (Distribution[] pair : pairs) {
                Distribution from = pair[0];
                Distribution to = pair[1] == null ? from : pair[1];
                Redistribution plan = pair[1] == null ? Redistribution.ghosts(from) : Redistribution.plan(from, to);
                // all alive at once (a freed block's memory could come back at the same address for the next one)
                List<DistArray> arrays = new ArrayList<>();
                List<DistArray> outs = new ArrayList<>();
                try {
                    for (int k = 0; k < 4; k++) {
                        DType dtype = k < 2 ? DType.FLOAT64 : DType.INT32; // turns 0 -> 1 and 2 -> 3 keep the dtype
                        int kk = k;
                        arrays.add(DistArrays.fromFunction(from, dtype, g -> 1000 * kk + Cases.flat(from.shape(), g)));
                        outs.add(pair[1] == null ? arrays.get(k) : DistArrays.allocate(to, dtype, false, 6));
                    }
                    for (int turn = 0; turn < 8; turn++) {
                        int k = turn % 4;
                        DistArray a = arrays.get(k);
                        DistArray b = outs.get(k);
                        if (pair[1] == null) {
                            DistArrays.exchangeGhosts(a, plan);
                        } else {
                            a.redistribute(plan, b);
                        }
                        LocalBlock lb = b.local();
                        LocalBox.all(to.localShape()).forEachCell(to.dimData(), to.shape(), (g, flat, off) ->
                                assertEquals(1000.0 * k + Cases.flat(to.shape(), g), lb.getDouble(off),
                                        () -> "array " + k + " " + b.dtype() + ", cell " + Arrays.toString(g)
                                                + " of " + to));
                    }
                } finally {
                    for (int k = 0; k < arrays.size(); k++) {
                        arrays.get(k).close();
                        if (outs.get(k) != arrays.get(k)) {
                            outs.get(k).close();
                        }
                    }
                }
            }
        });
    }

    @Test
    void ghostPlanFillsCommunicationPadding() throws Exception {
        onRanks(comm -> {
            long n = n(comm);
            List<Distribution> padded = List.of(
                    Distribution.builder(comm).shape(n).padding(0, 2, 1).build(),
                    Distribution.builder(comm).shape(n, 5).padding(0, 1, 0).grid(comm.size(), 1).build(),
                    Distribution.fromShape(comm, new long[] {n, n}, List.of(DistKind.BLOCK, DistKind.BLOCK)),
                    Distribution.builder(comm).shape(n, n, 4).padding(0, 1, 0).padding(1, 1, 1).undistributed(2)
                            .build());
            for (Distribution d : padded) {
                Redistribution plan = Redistribution.ghosts(d);
                assertEquals(0, plan.elementsLocal(comm.rank()), plan.explain(8));
                try (DistArray a = source(d, DType.FLOAT64, false)) {
                    DistArrays.exchangeGhosts(a, plan);
                    checkCounts(plan, 8, "ghosts " + d, true);
                    checkAll(a, DType.FLOAT64, "ghost plan of " + d);
                }
            }
            // periodic axes: the boundary padding receives the periodic images, in the same exchange
            List<Distribution> periodic = List.of(
                    Distribution.builder(comm).shape(n).padding(0, 1, 1).periodic(0).build(),
                    Distribution.builder(comm).shape(n, n).padding(0, 2, 2).periodic(0).padding(1, 1, 1).build(),
                    Distribution.builder(comm).shape(n, 3, n).padding(0, 1, 1).periodic(0).undistributed(1)
                            .padding(2, 1, 2).periodic(2).build());
            for (Distribution d : periodic) {
                Redistribution plan = Redistribution.ghosts(d);
                assertTrue(plan.exchangesWithNeighbours(), plan.explain(8));
                assertTrue(plan.explain(8).contains("point-to-point"), plan.explain(8));
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64,
                        g -> Cases.value(Cases.flat(d.shape(), GhostExchangeContract.image(d, g))))) {
                    LocalBlock b = a.local();
                    long[] wiped = {0};
                    LocalBox.all(d.localShape()).forEachCell(d.dimData(), d.shape(), (g, flat, off) -> {
                        if (GhostExchangeContract.isGhost(d, g)) {
                            b.setDouble(off, WIPED);
                            wiped[0]++;
                        }
                    });
                    DistArrays.exchangeGhosts(a, plan);
                    checkCounts(plan, 8, "periodic ghosts " + d, true);
                    // every cell sent is a wiped one: what arrives (messages and local moves) is what was wiped
                    assertEquals(wiped[0], plan.elementsReceived(comm.rank()) + plan.elementsLocal(comm.rank()),
                            plan.explain(8));
                    LocalBox.all(d.localShape()).forEachCell(d.dimData(), d.shape(), (g, flat, off) -> assertEquals(
                            Cases.value(Cases.flat(d.shape(), GhostExchangeContract.image(d, g))), b.getDouble(off),
                            () -> "periodic ghost plan, cell " + Arrays.toString(g) + " of " + d));
                }
            }
            // a block too small for its neighbours' padding: refused on every rank (PETSc DMDA's rule): the last rank
            // owns 3 cells, 2 of them boundary padding, one interior cell cannot fill rank 0's 2 periodic images
            int p = comm.size();
            long[] bounds = new long[p + 1];
            for (int r = 0; r < p; r++) {
                bounds[r + 1] = bounds[r] + (p == 1 ? 5 : r == p - 1 ? 3 : 6);
            }
            Distribution tiny = Distribution.builder(comm).shape(bounds[p]).blockBounds(0, bounds).padding(0, 1, 2)
                    .periodic(0).build();
            DistArrayException e = assertThrows(DistArrayException.class, () -> Redistribution.ghosts(tiny));
            assertTrue(e.getMessage().contains("ghost exchange on axis 0"), e.getMessage());
        });
    }

    @Test
    void thePlansFiguresAreWhatTheCommunicatorCarried() throws Exception {
        onRanks(user -> {
            try (CountingCommunicator comm = new CountingCommunicator(user)) {
                long n = n(comm);
                List<Distribution[]> pairs = new ArrayList<>();
                Distribution rows = Distribution.builder(comm).shape(n, 5).block(0).undistributed(1).build();
                Distribution cols = Distribution.builder(comm).shape(n, 5).undistributed(0).block(1).build();
                Distribution cyc = Distribution.builder(comm).shape(n, 5).cyclic(0, 2).undistributed(1).build();
                Distribution unstr = Distribution.builder(comm).shape(n, 5)
                        .unstructured(0, scrambled(comm.size(), n, 2)).undistributed(1).build();
                Distribution padded = Distribution.builder(comm).shape(n, 5).padding(0, 1, 1).periodic(0)
                        .grid(comm.size(), 1).build();
                Distribution group = Distribution.builder(comm).shape(n, 5).onRanks(comm.size() - 1).build();
                pairs.add(new Distribution[] {rows, cols});
                pairs.add(new Distribution[] {cols, cyc});
                pairs.add(new Distribution[] {cyc, unstr});
                pairs.add(new Distribution[] {unstr, padded});
                pairs.add(new Distribution[] {padded, group});
                pairs.add(new Distribution[] {group, rows});
                int me = comm.rank();
                for (Distribution[] pr : pairs) {
                    for (DType t : new DType[] {DType.FLOAT64, DType.INT16}) {
                        for (long budget : new long[] {0, 24}) {
                            Redistribution plan = Redistribution.plan(pr[0], pr[1]).withBudget(budget);
                            try (DistArray a = source(pr[0], t, false)) {
                                comm.reset();
                                try (DistArray b = a.redistribute(plan)) {
                                    String what = pr[0] + " -> " + pr[1] + " " + t + " budget " + budget;
                                    assertEquals(plan.bytesSent(me, t.itemSize()), comm.sent(), what + ": sent");
                                    assertEquals(plan.bytesReceived(me, t.itemSize()), comm.received(),
                                            what + ": received");
                                    checkAll(b, t, what);
                                }
                            }
                        }
                    }
                }
                // the ghost exchange: what exchangeGhosts() carries is the ghost plan's figures
                Redistribution ghosts = Redistribution.ghosts(padded);
                try (DistArray a = source(padded, DType.FLOAT64, false)) {
                    a.exchangeGhosts(); // the first call makes the array's plan (its all-gather is not counted)
                    comm.reset();
                    a.exchangeGhosts();
                    assertEquals(ghosts.bytesSent(me, 8), comm.sent(), "ghosts: sent");
                    assertEquals(ghosts.bytesReceived(me, 8), comm.received(), "ghosts: received");
                    assertTrue(comm.size() == 1 || ghosts.bytesSent(me, 8) > 0, ghosts.explain(8));
                }
            }
        });
    }

    @Test
    void explainNamesEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution rows = Distribution.builder(comm).shape(n(comm), 6).block(0).undistributed(1).build();
            Distribution cols = Distribution.builder(comm).shape(n(comm), 6).cyclic(0).block(1).build();
            Redistribution plan = Redistribution.plan(rows, cols);
            String text = plan.explain(DType.FLOAT64);
            long total = 0;
            for (int r = 0; r < comm.size(); r++) {
                assertTrue(text.contains("rank " + r + ": sends " + plan.bytesSent(r, 8) + " B"), text);
                total += plan.elementsSent(r) + plan.elementsLocal(r);
            }
            assertEquals(rows.globalSize(), total, text);
            long sent = 0;
            long received = 0;
            for (int r = 0; r < comm.size(); r++) {
                sent += plan.elementsSent(r);
                received += plan.elementsReceived(r);
            }
            assertEquals(sent, received, text);
        });
    }
}
