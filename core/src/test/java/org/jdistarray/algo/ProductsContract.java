package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.algo.internal.Blas;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle contract of {@link Products#matmul} / {@link Products#dot} (SUMMA) against a serial triple loop: operands
 * on block x block grids, block-cyclic and cyclic grids, row blocks, undistributed, irregular blocks with empty
 * ones, unstructured, padded and one-rank layouts, pairs on different grids, empty dimensions, 1-d operands, many
 * panels (small budgets), both local kernels (BLAS when it loads, the Java loops). Integer-valued data, so every
 * summation order gives the exact result. Runs on thread ranks and under mpirun.
 */
public abstract class ProductsContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    record Layout(String name, Function<Communicator, Distribution> make) {
    }

    /** Small integers, some negative, different for A and B. */
    static double value(long flat, int salt) {
        return ((flat * 7919 + salt * 31) % 13) - 6;
    }

    static List<Layout> layouts(long r, long c) {
        List<Layout> l = new ArrayList<>();
        l.add(new Layout("blockBlock", comm -> Distribution.builder(comm).shape(r, c).build()));
        l.add(new Layout("blockCyclicGrid", comm -> Distribution.builder(comm).shape(r, c).cyclic(0, 2).cyclic(1, 3)
                .grid(Summa.squareGrid(comm.size())).build()));
        l.add(new Layout("cyclicRowGrid", comm -> Distribution.builder(comm).shape(r, c).cyclic(0).cyclic(1)
                .grid(1, comm.size()).build()));
        l.add(new Layout("rowBlocks", comm -> Distribution.builder(comm).shape(r, c).block(0).undistributed(1)
                .build()));
        l.add(new Layout("replicated", comm -> Distribution.builder(comm).shape(r, c).undistributed(0)
                .undistributed(1).build()));
        l.add(new Layout("irregularEmpty", comm -> {
            int p = comm.size();
            long[] bounds = new long[p + 1];
            for (int i = 0; i < p; i++) {
                bounds[i + 1] = i == p - 1 ? r : Math.min(r, bounds[i] + (i % 2 == 0 ? 0 : 3));
            }
            return Distribution.builder(comm).shape(r, c).blockBounds(0, bounds).undistributed(1).build();
        }));
        l.add(new Layout("unstructured", comm -> {
            int p = comm.size();
            List<List<Long>> per = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                per.add(new ArrayList<>());
            }
            for (long g = r - 1; g >= 0; g--) {
                per.get((int) ((g * 5 + 1) % p)).add(g);
            }
            long[][] idx = new long[p][];
            for (int i = 0; i < p; i++) {
                idx[i] = per.get(i).stream().mapToLong(Long::longValue).toArray();
            }
            return Distribution.builder(comm).shape(r, c).unstructured(0, idx).undistributed(1).build();
        }));
        l.add(new Layout("padded", comm -> Distribution.builder(comm).shape(r, c).padding(0, 1, 0)
                .grid(comm.size(), 1).build()));
        l.add(new Layout("onLastRank", comm -> Distribution.builder(comm).shape(r, c).onRank(comm.size() - 1)
                .build()));
        return l;
    }

    static DistArray make(Distribution d, int salt) {
        long cols = d.ndim() == 2 ? d.shape()[1] : 1;
        return DistArrays.fromFunction(d, DType.FLOAT64, g -> value(d.ndim() == 2 ? g[0] * cols + g[1]
                : d.ndim() == 1 ? g[0] : 0, salt));
    }

    static double[] full(long rows, long cols, int salt) {
        double[] v = new double[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i, salt);
        }
        return v;
    }

    static double[] product(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    private static void expect(Communicator comm, String what, DistArray got, long[] shape, double[] want) {
        AlgoContract.check(comm, what, got, shape, want, false);
    }

    private static void everyPair(Communicator comm, int n, int k, int m, AlgoOptions options) {
        double[] x = full(n, k, 1);
        double[] y = full(k, m, 2);
        double[] want = product(x, y, n, k, m);
        List<Layout> bs = layouts(k, m);
        for (Layout la : layouts(n, k)) {
            if (la.name().equals("padded") && n < comm.size()) {
                continue; // a padded block needs an interior cell on every rank
            }
            for (Layout lb : List.of(bs.get(0), bs.get(1), bs.get(4), bs.get(5))) {
                String what = la.name() + " @ " + lb.name() + " " + n + "x" + k + "x" + m + " " + options;
                try (DistArray a = make(la.make().apply(comm), 1); DistArray b = make(lb.make().apply(comm), 2);
                     DistArray c = Products.matmul(a, b, options)) {
                    expect(comm, what, c, new long[] {n, m}, want);
                }
            }
        }
    }

    @Test
    void matmulEveryLayoutPairBothKernels() throws Exception {
        onRanks(comm -> {
            for (AlgoOptions.Gemm g : AlgoOptions.Gemm.values()) {
                if (g == AlgoOptions.Gemm.BLAS && !Blas.available()) {
                    continue;
                }
                everyPair(comm, 7, 2 * comm.size() + 3, 5, AlgoOptions.defaults().gemm(g));
            }
        });
    }

    @Test
    void matmulEmptyDimensions() throws Exception {
        onRanks(comm -> {
            for (int[] s : new int[][] {{0, 4, 3}, {5, 0, 3}, {5, 4, 0}, {1, 1, 1}}) {
                everyPair(comm, s[0], s[1], s[2], AlgoOptions.defaults());
            }
        });
    }

    @Test
    void manyPanelsUnderABudgetMatchTheOnePanelRun() throws Exception {
        onRanks(comm -> {
            int n = 13;
            int k = 530;
            int m = 11;
            double[] want = product(full(n, k, 1), full(k, m, 2), n, k, m);
            Distribution da = Distribution.builder(comm).shape(n, k).cyclic(0, 2).cyclic(1, 5)
                    .grid(Summa.squareGrid(comm.size())).build();
            Distribution db = Distribution.builder(comm).shape(k, m).build();
            try (DistArray a = make(da, 1); DistArray b = make(db, 2)) {
                for (AlgoOptions o : new AlgoOptions[] {AlgoOptions.defaults(), AlgoOptions.defaults().budget(800),
                        AlgoOptions.defaults().budget(800).gemm(AlgoOptions.Gemm.JAVA)}) {
                    Sorting.Result r = Products.run(a, b, o);
                    try (DistArray c = r.array()) {
                        expect(comm, "budget " + o, c, new long[] {n, m}, want);
                        AlgoPlan e = Products.explain(da, db, o);
                        assertEquals(e.algorithm(), r.plan().algorithm());
                        assertTrue(r.plan().algorithm().startsWith("SUMMA on a " + Summa.squareGrid(comm.size())[0]
                                + " x " + Summa.squareGrid(comm.size())[1] + " grid"), r.plan().algorithm());
                        if (o.budget() > 0) {
                            assertTrue(r.plan().algorithm().contains("panels of "
                                    + Summa.width(800, c.distribution()) + ","), r.plan().algorithm());
                        }
                        assertTrue(r.plan().phaseNanos().containsKey("localProducts"));
                        // A block-cyclic on the grid stays where it is: C takes A's row map and B's column map
                        assertEquals(da.axes().get(0), c.distribution().axes().get(0));
                    }
                }
            }
        });
    }

    @Test
    void kernelChoice() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(4, 4).build();
            try (DistArray a = make(d, 1)) {
                AlgoOptions blas = AlgoOptions.defaults().gemm(AlgoOptions.Gemm.BLAS);
                if (Blas.available()) {
                    Sorting.Result r = Products.run(a, a, blas);
                    r.array().close();
                    assertTrue(r.plan().algorithm().contains("cblas_dgemm of " + Blas.name()), r.plan().algorithm());
                    assertTrue(Products.kernel().startsWith("cblas_dgemm"));
                } else {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Products.run(a, a, blas));
                    assertTrue(e.getMessage().contains("no BLAS"), e.getMessage());
                    assertTrue(Products.kernel().startsWith("Java blocked loops"));
                }
                Sorting.Result j = Products.run(a, a, AlgoOptions.defaults().gemm(AlgoOptions.Gemm.JAVA));
                j.array().close();
                assertTrue(j.plan().algorithm().endsWith("local products: Java blocked loops"), j.plan().algorithm());
            }
        });
    }

    @Test
    void vectorsAndDot() throws Exception {
        onRanks(comm -> {
            int n = 6;
            int k = comm.size() + 4;
            int m = 3;
            double[] x = full(n, k, 1);
            double[] y = full(k, m, 2);
            double[] v = full(k, 1, 3);
            double[] u = full(1, k, 4);
            try (DistArray a = make(Distribution.builder(comm).shape(n, k).build(), 1);
                 DistArray b = make(Distribution.builder(comm).shape(k, m).cyclic(0).build(), 2);
                 DistArray vv = make(Distribution.builder(comm).shape(k).cyclic(0, 2).build(), 3);
                 DistArray uu = make(Distribution.builder(comm).shape(k).build(), 4);
                 DistArray av = Products.matmul(a, vv);
                 DistArray ub = Products.matmul(uu, b);
                 DistArray uv = Products.dot(uu, vv);
                 DistArray ab = Products.dot(a, b)) {
                expect(comm, "A @ v", av, new long[] {n}, product(x, v, n, k, 1));
                expect(comm, "u @ B", ub, new long[] {m}, product(u, y, 1, k, m));
                expect(comm, "dot(u, v)", uv, new long[0], product(u, v, 1, k, 1));
                expect(comm, "dot(A, B)", ab, new long[] {n, m}, product(x, y, n, k, m));
            }
        });
    }

    @Test
    void numpyErrorsOnEveryRank() throws Exception {
        onRanks(comm -> {
            try (DistArray a = make(Distribution.builder(comm).shape(2, 3).build(), 1);
                 DistArray b = make(Distribution.builder(comm).shape(4, 5).build(), 2);
                 DistArray v3 = make(Distribution.builder(comm).shape(3).build(), 1);
                 DistArray v4 = make(Distribution.builder(comm).shape(4).build(), 1);
                 DistArray s = make(Distribution.builder(comm).shape().build(), 1);
                 DistArray c3 = make(Distribution.builder(comm).shape(2, 2, 3).build(), 1);
                 DistArray i = DistArrays.zeros(Distribution.builder(comm).shape(3, 3).build(), DType.INT32)) {
                assertEquals("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
                        + " (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)",
                        assertThrows(IllegalArgumentException.class, () -> Products.matmul(a, b)).getMessage());
                assertEquals("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
                        + " (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)",
                        assertThrows(IllegalArgumentException.class, () -> Products.matmul(v3, v4)).getMessage());
                assertEquals("matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with"
                        + " signature (n?,k),(k,m?)->(n?,m?) requires 1)",
                        assertThrows(IllegalArgumentException.class, () -> Products.matmul(s, v3)).getMessage());
                assertEquals("shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)",
                        assertThrows(IllegalArgumentException.class, () -> Products.dot(a, b)).getMessage());
                assertEquals("shapes (3,) and (4,) not aligned: 3 (dim 0) != 4 (dim 0)",
                        assertThrows(IllegalArgumentException.class, () -> Products.dot(v3, v4)).getMessage());
                assertEquals("shapes (2,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)",
                        assertThrows(IllegalArgumentException.class, () -> Products.dot(a, v4)).getMessage());
                assertEquals("matmul: only float64 is supported, got int32 and int32",
                        assertThrows(IllegalArgumentException.class, () -> Products.matmul(i, i)).getMessage());
                assertTrue(assertThrows(IllegalArgumentException.class, () -> Products.matmul(c3, v3)).getMessage()
                        .contains("stacks of matrices"));
            }
        });
    }
}
