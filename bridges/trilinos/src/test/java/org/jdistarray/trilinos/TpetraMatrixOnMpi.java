package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.protocol.DType;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRS assembly from Java (CSR rows, shared stencils on any layout), fillComplete, apply, against Java oracles. */
class TpetraMatrixOnMpi {
    private static TrilinosSession session;
    private static Communicator comm;

    @BeforeAll
    static void open() {
        comm = MpiTestContext.comm();
        session = TrilinosSession.init(comm);
    }

    @AfterAll
    static void close() {
        assertEquals(0, session.openObjects(), "objects left open");
        session.close();
    }

    /** -Δ u at grid point g (homogeneous Dirichlet outside), for the oracle. */
    private static double stencilAt(Stencil s, long[] shape, long[] g, java.util.function.ToDoubleFunction<long[]> u) {
        double sum = 0;
        int nd = shape.length;
        int[] span = new int[nd];
        java.util.Arrays.fill(span, 3);
        int total = (int) Math.pow(3, nd);
        for (int k = 0; k < total; k++) {
            long[] q = new long[nd];
            int rest = k;
            int nonzero = 0;
            boolean inside = true;
            for (int a = nd - 1; a >= 0; a--) {
                int off = rest % 3 - 1;
                rest /= 3;
                nonzero += off != 0 ? 1 : 0;
                q[a] = g[a] + off;
                inside &= q[a] >= 0 && q[a] < shape[a];
            }
            double w = switch (s) {
                case FIVE_POINT_2D -> nonzero == 0 ? 4 : nonzero == 1 ? -1 : 0;
                case SEVEN_POINT_3D -> nonzero == 0 ? 6 : nonzero == 1 ? -1 : 0;
                case NINE_POINT_2D -> nonzero == 0 ? 20 / 6.0 : nonzero == 1 ? -4 / 6.0 : -1 / 6.0;
            };
            if (inside && w != 0) {
                sum += w * u.applyAsDouble(q);
            }
        }
        return sum;
    }

    private static double f(long[] g) {
        double v = 1;
        for (int a = 0; a < g.length; a++) {
            v += (a + 1) * 0.37 * g[a] + 0.01 * g[a] * g[a];
        }
        return v;
    }

    private void checkLaplacian(Stencil s, Distribution d) {
        long[] shape = d.shape();
        try (DistArray u = DistArrays.fromFunction(d, DType.FLOAT64, TpetraMatrixOnMpi::f);
                DistArray y = DistArrays.zeros(d, DType.FLOAT64); TpetraMap map = TpetraMap.of(d);
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, s, 1.0).fillComplete();
                TpetraVector vu = TpetraVector.wrap(map, u); TpetraVector vy = TpetraVector.wrap(map, y)) {
            a.apply(vu, vy);
            double[] worst = {0};
            y.forEachOwned((g, off) -> {
                double expect = stencilAt(s, shape, g, TpetraMatrixOnMpi::f);
                worst[0] = Math.max(worst[0], Math.abs(y.local().getDouble(off) - expect));
            });
            assertTrue(worst[0] < 1e-10, s + " on " + d + ": max error " + worst[0]);
            long n = d.globalSize();
            assertTrue(a.globalEntries() > n && a.globalEntries() <= n * (s == Stencil.FIVE_POINT_2D ? 5 : s
                    == Stencil.SEVEN_POINT_3D ? 7 : 9), "entries " + a.globalEntries());
        }
    }

    @Test
    void fivePointOnRowBlocksAndColumnBlocks() {
        checkLaplacian(Stencil.FIVE_POINT_2D, Distribution.builder(comm).shape(13, 17).grid(comm.size(), 1).build());
        checkLaplacian(Stencil.FIVE_POINT_2D, Distribution.builder(comm).shape(13, 17).grid(1, comm.size()).build());
    }

    @Test
    void ninePointOnACyclicLayout() {
        checkLaplacian(Stencil.NINE_POINT_2D, Distribution.builder(comm).shape(11, 9).cyclic(1).grid(1, comm.size())
                .build());
    }

    @Test
    void sevenPoint3d() {
        checkLaplacian(Stencil.SEVEN_POINT_3D, Distribution.builder(comm).shape(6, 5, 7).grid(1, comm.size(), 1).build());
    }

    @Test
    void fromCsrRowsOfTheSharedStencils() {
        int[] shape = {10, 12};
        BlockNumbering num = BlockNumbering.rowBlocks(shape, comm.size());
        int r = comm.rank();
        CsrRows rows = Stencils.laplacian(Stencil.FIVE_POINT_2D, num, num.lo(r), num.hi(r));
        try (TpetraMap map = TpetraMap.contiguous(comm, num.rowCount(r));
                TpetraCrsMatrix a = TpetraCrsMatrix.fromCsr(map, rows).fillComplete();
                TpetraVector x = TpetraVector.create(map).putScalar(1.0); TpetraVector y = TpetraVector.create(map)) {
            a.apply(x, y);
            // A 1: 4 - (number of inside neighbours): 2 at corners, 1 on edges, 0 inside; sum = 2*10 + 2*12
            TpetraVector ones = TpetraVector.create(map).putScalar(1.0);
            try (ones) {
                assertEquals(44.0, y.dot(ones), 1e-12);
            }
            a.apply(x, y, 2.0, -1.0, true); // y = 2 A^T 1 - A 1 = A 1 (A is symmetric)
            try (TpetraVector ones2 = TpetraVector.create(map).putScalar(1.0)) {
                assertEquals(44.0, y.dot(ones2), 1e-12);
            }
        }
    }

    @Test
    void multiVectorApplyIsColumnByColumn() {
        Distribution d = Distribution.builder(comm).shape(9, 8).grid(1, comm.size()).build();
        try (TpetraMap map = TpetraMap.of(d);
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.NINE_POINT_2D, 2.0).fillComplete();
                DistArray u = DistArrays.fromFunction(d, DType.FLOAT64, TpetraMatrixOnMpi::f);
                TpetraVector vu = TpetraVector.wrap(map, u); TpetraVector au = TpetraVector.create(map);
                TpetraMultiVector x = TpetraMultiVector.create(map, 2); TpetraMultiVector y = TpetraMultiVector.create(map, 2)) {
            int n = map.localSize();
            java.nio.DoubleBuffer xv = x.localValues();
            for (int i = 0; i < n; i++) {
                xv.put(i, u.local().getDouble(i)); // column 0 = u
                xv.put(n + i, -3 * u.local().getDouble(i)); // column 1 = -3 u
            }
            a.apply(vu, au);
            a.apply(x, y, 1.0, 0.0, false);
            double[] norms = y.norms2();
            assertEquals(au.norm2(), norms[0], 1e-12);
            assertEquals(3 * au.norm2(), norms[1], 1e-11);
            for (int i = 0; i < n; i++) {
                assertEquals(au.localValues().get(i), y.localValues().get(i), 1e-12);
            }
        }
    }

    @Test
    void oneDimensionalLaplacianFromLocalRowsSolvesTheOracle() {
        int n = 7 + comm.rank();
        try (TpetraMap map = TpetraMap.contiguous(comm, n)) {
            long first = map.globalIndex(0);
            long size = map.globalSize();
            int[] rowPtr = new int[n + 1];
            long[] cols = new long[3 * n];
            double[] vals = new double[3 * n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                long g = first + i;
                for (long c = g - 1; c <= g + 1; c++) {
                    if (c >= 0 && c < size) {
                        cols[k] = c;
                        vals[k++] = c == g ? 2 : -1;
                    }
                }
                rowPtr[i + 1] = k;
            }
            try (TpetraCrsMatrix a = TpetraCrsMatrix.fromLocalRows(map, rowPtr, cols, vals);
                    TpetraVector x0 = TpetraVector.create(map); TpetraVector y0 = TpetraVector.create(map)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.apply(x0, y0));
                assertTrue(e.getMessage().contains("fill-complete"), e.getMessage());
                a.fillComplete();
                assertThrows(IllegalStateException.class, a::fillComplete);
                try (TpetraVector x = TpetraVector.create(map); TpetraVector y = TpetraVector.create(map)) {
                    for (int i = 0; i < n; i++) {
                        x.localValues().put(i, first + i); // x_g = g
                    }
                    a.apply(x, y); // (A x)_g = 0 inside, -1 at g = 0, 2(N-1) - (N-2) = N at g = N-1
                    assertEquals(Math.sqrt(1.0 + (double) size * size), y.norm2(), 1e-9);
                }
            }
        }
        assertEquals(0, session.leakedObjects());
    }

    @Test
    void invalidRowsFailOnEveryRank() {
        try (TpetraMap map = TpetraMap.contiguous(comm, 3)) {
            int[] good = {0, 1, 2, 3};
            long[] cols = {0, 1, 2};
            double[] vals = {1, 1, 1};
            // only rank 0 passes a bad row pointer / a column out of range: every rank throws
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpetraCrsMatrix
                    .fromLocalRows(map, comm.rank() == 0 ? new int[] {0, 2, 1, 3} : good, cols, vals));
            assertTrue(e.getMessage().contains("rowPtr"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TpetraCrsMatrix.fromLocalRows(map, good,
                    comm.rank() == 0 ? new long[] {0, 1, 99} : cols, vals));
            assertThrows(IllegalArgumentException.class, () -> TpetraCrsMatrix.fromLocalRows(map, new int[] {0, 1},
                    cols, vals));
            assertThrows(IllegalArgumentException.class, () -> TpetraCrsMatrix.fromCsr(map, new CsrRows(
                    map.globalIndex(0) + 1, good, cols, vals)));
        }
    }
}
