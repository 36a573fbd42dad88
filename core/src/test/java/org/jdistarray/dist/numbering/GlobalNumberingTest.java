package org.jdistarray.dist.numbering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.junit.jupiter.api.Test;

/** The rank-by-rank numbering of every layout, on thread ranks: local C order = consecutive rows, bijective. */
class GlobalNumberingTest {
    private static final Map<String, Function<Communicator, Distribution>> LAYOUTS = new java.util.LinkedHashMap<>();

    static {
        LAYOUTS.put("1-D block", c -> Distribution.builder(c).shape(11).build());
        LAYOUTS.put("1-D irregular", c -> Distribution.builder(c).shape(11).blockBounds(0, bounds(c.size(), 11)).build());
        LAYOUTS.put("1-D cyclic", c -> Distribution.builder(c).shape(11).cyclic(0).build());
        LAYOUTS.put("1-D block-cyclic", c -> Distribution.builder(c).shape(11).cyclic(0, 3).build());
        LAYOUTS.put("2-D block", c -> Distribution.builder(c).shape(7, 9).build());
        LAYOUTS.put("2-D cyclic x block", c -> Distribution.builder(c).shape(7, 9).cyclic(0, 2).build());
        LAYOUTS.put("2-D block-cyclic", c -> Distribution.builder(c).shape(8, 6).cyclic(0, 2).cyclic(1, 1).build());
        LAYOUTS.put("2-D undistributed x cyclic", c -> Distribution.builder(c).shape(5, 6).undistributed(0).cyclic(1).build());
        LAYOUTS.put("3-D block", c -> Distribution.builder(c).shape(4, 3, 5).build());
        LAYOUTS.put("empty blocks", c -> Distribution.builder(c).shape(2, 3).grid(c.size(), 1).build());
        LAYOUTS.put("unstructured", c -> Distribution.builder(c).shape(6).unstructured(0, unstructured(c.size(), 6)).build());
        LAYOUTS.put("padded", c -> Distribution.builder(c).shape(10, 4).padding(0, 1, 0).build());
    }

    private static long[] bounds(int ranks, long n) {
        long[] b = new long[ranks + 1];
        for (int r = 1; r <= ranks; r++) {
            b[r] = r == ranks ? n : Math.min(n, (long) r * r + 1); // uneven on purpose
        }
        return b;
    }

    private static long[][] unstructured(int ranks, int n) {
        long[][] idx = new long[ranks][];
        for (int r = 0; r < ranks; r++) {
            List<Long> mine = new java.util.ArrayList<>();
            for (int g = n - 1; g >= 0; g--) {
                if (g % ranks == r) {
                    mine.add((long) g); // decreasing order: local order is not global order
                }
            }
            idx[r] = mine.stream().mapToLong(Long::longValue).toArray();
        }
        return idx;
    }

    @Test
    void localCOrderIsTheRanksConsecutiveRowsAndTheNumberingIsABijection() {
        for (int ranks : new int[] {1, 2, 3, 4}) {
            for (var e : LAYOUTS.entrySet()) {
                LocalCluster.run(ranks, comm -> {
                    Distribution d = e.getValue().apply(comm);
                    GlobalNumbering num = GlobalNumbering.of(d);
                    String what = e.getKey() + " on " + ranks + " ranks, rank " + comm.rank();
                    assertEquals(d.globalSize(), num.size(), what);
                    assertEquals(d.ownedElementCount(), num.localRowCount(), what);
                    long[] next = {num.firstRow()};
                    d.localMap().forEachOwned((global, offset) -> {
                        long row = next[0]++;
                        assertEquals(row, num.rowOf(global), what);
                        assertArrayEquals(global, num.indexOf(row), what);
                    });
                    assertEquals(num.endRow(), next[0], what);
                    boolean[] seen = new boolean[(int) num.size()];
                    long[] shape = d.shape();
                    long[] g = new long[shape.length];
                    for (long nat = 0; nat < num.size(); nat++) {
                        long row = num.rowOfNatural(nat);
                        assertFalse(seen[(int) row], what);
                        seen[(int) row] = true;
                        assertEquals(nat, num.naturalOf(row), what);
                    }
                    long[] nat = num.naturalIndices();
                    for (int k = 0; k < nat.length; k++) {
                        assertEquals(num.firstRow() + k, num.rowOfNatural(nat[k]), what);
                    }
                    assertEquals(e.getKey().equals("padded") && ranks > 1, !num.paddedAxes().isEmpty(), what);
                });
            }
        }
    }

    @Test
    void blockLayoutsGiveBlockNumberingAndRowBlocksAreNatural() {
        LocalCluster.run(4, comm -> {
            Distribution d = Distribution.builder(comm).shape(7, 9).grid(2, 2).build();
            GlobalNumbering num = GlobalNumbering.of(d);
            int[][] b = new int[2][];
            for (int ax = 0; ax < 2; ax++) {
                long[] starts = new long[3];
                for (int c = 0; c < 2; c++) {
                    starts[c + 1] = starts[c] + d.axes().get(ax).dimFor(c).ownedCount();
                }
                b[ax] = new int[] {0, (int) starts[1], (int) starts[2]};
            }
            BlockNumbering bn = BlockNumbering.of(new int[] {7, 9}, b);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 9; j++) {
                    assertEquals(bn.row(new int[] {i, j}), num.row(new int[] {i, j}));
                }
            }
            assertFalse(num.isNatural());
            assertTrue(GlobalNumbering.of(Distribution.builder(comm).shape(7, 9).grid(4, 1).build()).isNatural());
        });
    }

    @Test
    void badInputsAreClearExceptions() {
        LocalCluster.run(2, comm -> {
            GlobalNumbering num = GlobalNumbering.of(Distribution.builder(comm).shape(4, 4).build());
            assertThrows(IndexOutOfBoundsException.class, () -> num.rowOf(4, 0));
            assertThrows(IllegalArgumentException.class, () -> num.rowOf(1));
            assertThrows(IndexOutOfBoundsException.class, () -> num.indexOf(16));
        });
    }
}
