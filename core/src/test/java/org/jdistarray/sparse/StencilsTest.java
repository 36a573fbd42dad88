package org.jdistarray.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.dist.numbering.GridNumbering;
import org.junit.jupiter.api.Test;

class StencilsTest {

    @Test
    void stencilRowsOnAnyLayoutAreThePermutedNaturalMatrix() {
        for (Stencil st : Stencil.values()) {
            long[] shape = st.dims() == 2 ? new long[] {6, 5} : new long[] {4, 3, 5};
            int[] ishape = st.dims() == 2 ? new int[] {6, 5} : new int[] {4, 3, 5};
            int[] zero = new int[st.dims()];
            CsrRows natural = Stencils.laplacian(st, GridNumbering.rowMajor(ishape), zero, ishape, 2.0);
            LocalCluster.run(3, comm -> {
                Distribution d = Distribution.builder(comm).shape(shape).cyclic(0, 2).build();
                GlobalNumbering num = GlobalNumbering.of(d);
                int half = num.localRowCount() / 2;
                CsrRows a = Stencils.laplacian(st, num, 0, half, 2.0);
                CsrRows b = Stencils.laplacian(st, num, half, num.localRowCount(), 2.0);
                assertEquals(num.firstRow(), a.firstRow());
                assertEquals(num.firstRow() + half, b.firstRow());
                for (CsrRows part : new CsrRows[] {a, b}) {
                    for (int k = 0; k < part.rowPtr().length - 1; k++) {
                        long nat = num.naturalOf(part.firstRow() + k);
                        Map<Long, Double> want = new HashMap<>();
                        for (int e = natural.rowPtr()[(int) nat]; e < natural.rowPtr()[(int) nat + 1]; e++) {
                            want.put(natural.columns()[e], natural.values()[e]);
                        }
                        Map<Long, Double> got = new HashMap<>();
                        long prev = -1;
                        for (int e = part.rowPtr()[k]; e < part.rowPtr()[k + 1]; e++) {
                            assertTrue(part.columns()[e] > prev, "sorted columns");
                            prev = part.columns()[e];
                            got.put(num.naturalOf(part.columns()[e]), part.values()[e]);
                        }
                        assertEquals(want, got, st + " row " + nat);
                    }
                }
            });
        }
    }

    @Test
    void badStencilInputsOnAGlobalNumberingAreClearExceptions() {
        LocalCluster.run(2, comm -> {
            GlobalNumbering num = GlobalNumbering.of(Distribution.builder(comm).shape(4, 4).build());
            assertThrows(IllegalArgumentException.class, () -> Stencils.laplacian(Stencil.SEVEN_POINT_3D, num, 1.0));
            assertThrows(IllegalArgumentException.class,
                    () -> Stencils.laplacian(Stencil.FIVE_POINT_2D, num, 0, 99, 1.0));
        });
    }

    @Test
    void fivePointOnThreeByThreeIsTheTextbookMatrix() {
        CsrRows a = Stencils.laplacian(Stencil.FIVE_POINT_2D, GridNumbering.rowMajor(3, 3), new int[] {0, 0},
                new int[] {3, 3});
        assertEquals(0, a.firstRow());
        assertEquals(9, a.rowCount());
        assertEquals(9 + 2 * 12, a.nonZeros()); // 12 interior edges, each twice
        // the centre point (row 4) couples to 1, 3, 5, 7
        int k = a.rowPtr()[4];
        assertArrayEquals(new long[] {1, 3, 4, 5, 7}, java.util.Arrays.copyOfRange(a.columns(), k, k + 5));
        assertArrayEquals(new double[] {-1, -1, 4, -1, -1}, java.util.Arrays.copyOfRange(a.values(), k, k + 5));
        // the corner (row 0) couples to 1 and 3 only (Dirichlet: outside neighbours dropped)
        assertEquals(3, a.rowLength(0));
    }

    @Test
    void scaleMultipliesEveryEntry() {
        CsrRows a = Stencils.laplacian(Stencil.FIVE_POINT_2D, GridNumbering.rowMajor(4, 5), new int[] {0, 0},
                new int[] {4, 5}, 25.0);
        assertEquals(100.0, a.values()[a.rowPtr()[0]], 0.0);
    }

    @Test
    void stencilsAreSymmetricWithPositiveDiagonalAndZeroInteriorRowSums() {
        for (Stencil s : Stencil.values()) {
            int[] shape = s.dims() == 2 ? new int[] {6, 7} : new int[] {4, 5, 3};
            GridNumbering num = GridNumbering.rowMajor(shape);
            CsrRows a = Stencils.laplacian(s, num, new int[shape.length], shape);
            Map<Long, Double> m = entries(a);
            for (var e : m.entrySet()) {
                long r = e.getKey() / 1_000_000L;
                long c = e.getKey() % 1_000_000L;
                assertEquals(e.getValue(), m.get(c * 1_000_000L + r), 1e-15, s + " symmetric at " + r + "," + c);
            }
            int expected = switch (s) {
                case FIVE_POINT_2D -> 5;
                case NINE_POINT_2D -> 9;
                case SEVEN_POINT_3D -> 7;
            };
            int full = 0;
            for (int i = 0; i < a.rowCount(); i++) {
                double sum = 0;
                for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
                    sum += a.values()[k];
                    if (a.columns()[k] == i) {
                        assertTrue(a.values()[k] > 0);
                    }
                }
                if (a.rowLength(i) == expected) {
                    full++;
                    assertEquals(0.0, sum, 1e-13, s + " interior row sum");
                }
            }
            assertTrue(full > 0, s + " has interior rows");
        }
    }

    @Test
    void blockNumberingIsABijectionNumberedRankByRank() {
        BlockNumbering num = BlockNumbering.of(new int[] {5, 7}, new int[][] {{0, 2, 5}, {0, 3, 3, 7}});
        assertEquals(6, num.blockCount());
        boolean[] seen = new boolean[35];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                long r = num.row(new int[] {i, j});
                assertTrue(!seen[(int) r], "row " + r + " twice");
                seen[(int) r] = true;
            }
        }
        assertEquals(0, num.firstRow(0));
        assertEquals(6, num.firstRow(1)); // block (0,0) is 2x3
        assertEquals(0, num.rowCount(1)); // block (0,1) is empty
        assertArrayEquals(new int[] {0, 3}, num.lo(2));
        assertArrayEquals(new int[] {2, 7}, num.hi(2));
        assertEquals(6, num.row(new int[] {0, 3}));
        assertEquals(14, num.row(new int[] {2, 0}));
    }

    @Test
    void rowBlocksEqualRowMajorAndSplitLikePetscDecide() {
        BlockNumbering rb = BlockNumbering.rowBlocks(new int[] {7, 4}, 3);
        GridNumbering rm = GridNumbering.rowMajor(7, 4);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(rm.row(new int[] {i, j}), rb.row(new int[] {i, j}));
            }
        }
        assertArrayEquals(new int[] {0, 0}, rb.lo(0));
        assertArrayEquals(new int[] {3, 4}, rb.hi(0)); // 7 over 3: 3, 2, 2 (PETSC_DECIDE)
        assertArrayEquals(new int[] {5, 0}, rb.lo(2));
        assertArrayEquals(new int[] {7, 4}, rb.hi(2));
    }

    @Test
    void blockLayoutGivesThePermutedMatrixOnEveryRank() {
        int[] shape = {6, 5};
        BlockNumbering blocks = BlockNumbering.of(shape, new int[][] {{0, 4, 6}, {0, 2, 5}});
        GridNumbering natural = GridNumbering.rowMajor(shape);
        Map<Long, Double> ref = entries(Stencils.laplacian(Stencil.NINE_POINT_2D, natural, new int[2], shape));
        long[] toNatural = new long[30];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                toNatural[(int) blocks.row(new int[] {i, j})] = natural.row(new int[] {i, j});
            }
        }
        long rows = 0;
        for (int r = 0; r < blocks.blockCount(); r++) {
            CsrRows a = Stencils.laplacian(Stencil.NINE_POINT_2D, blocks, blocks.lo(r), blocks.hi(r));
            assertEquals(blocks.firstRow(r), a.firstRow());
            assertEquals(blocks.rowCount(r), a.rowCount());
            rows += a.rowCount();
            for (var e : entries(a).entrySet()) {
                long pr = toNatural[(int) (e.getKey() / 1_000_000L)];
                long pc = toNatural[(int) (e.getKey() % 1_000_000L)];
                assertEquals(ref.get(pr * 1_000_000L + pc), e.getValue(), 0.0);
            }
        }
        assertEquals(30, rows);
    }

    @Test
    void anyNumberingWhoseBoxIsOneRangeWorksEvenOutOfVisitingOrder() {
        int[] shape = {4, 3};
        GridNumbering columnMajor = new GridNumbering() {
            @Override
            public int[] shape() {
                return shape.clone();
            }

            @Override
            public long row(int[] index) {
                return index[1] * 4L + index[0];
            }
        };
        GridNumbering natural = GridNumbering.rowMajor(shape);
        Map<Long, Double> ref = entries(Stencils.laplacian(Stencil.FIVE_POINT_2D, natural, new int[2], shape));
        CsrRows a = Stencils.laplacian(Stencil.FIVE_POINT_2D, columnMajor, new int[2], shape);
        assertEquals(12, a.rowCount());
        for (var e : entries(a).entrySet()) {
            long r = e.getKey() / 1_000_000L;
            long c = e.getKey() % 1_000_000L;
            long nr = (r % 4) * 3 + r / 4;
            long nc = (c % 4) * 3 + c / 4;
            assertEquals(ref.get(nr * 1_000_000L + nc), e.getValue(), 0.0);
        }
        for (int i = 0; i < a.rowCount(); i++) {
            for (int k = a.rowPtr()[i] + 1; k < a.rowPtr()[i + 1]; k++) {
                assertTrue(a.columns()[k - 1] < a.columns()[k], "sorted columns");
            }
        }
    }

    @Test
    void badBoxesAndDimensionsAreRejected() {
        GridNumbering g = GridNumbering.rowMajor(4, 4);
        assertThrows(IllegalArgumentException.class,
                () -> Stencils.laplacian(Stencil.SEVEN_POINT_3D, g, new int[] {0, 0}, new int[] {4, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> Stencils.laplacian(Stencil.FIVE_POINT_2D, g, new int[] {0, 0}, new int[] {5, 4}));
        // a column block of a row-major numbering is not one consecutive row range
        assertThrows(IllegalArgumentException.class,
                () -> Stencils.laplacian(Stencil.FIVE_POINT_2D, g, new int[] {0, 0}, new int[] {4, 2}));
        assertThrows(IllegalArgumentException.class, () -> new CsrRows(0, new int[] {0, 2}, new long[1], new double[1]));
    }

    private static Map<Long, Double> entries(CsrRows a) {
        Map<Long, Double> m = new HashMap<>();
        for (int i = 0; i < a.rowCount(); i++) {
            for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
                m.put((a.firstRow() + i) * 1_000_000L + a.columns()[k], a.values()[k]);
            }
        }
        return m;
    }
}
