package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native loops ({@link NativeKernels}) against the Java loops, in one JVM (the switch flipped between two
 * evaluations of the same thing): random float64 and float32 expression trees (float32: against the tile evaluator,
 * which is the Java path of float32 trees) of every op the native machine has, with scalars
 * and repeated leaves, deeper than its stack (which must fall back) and longer than one tile, on block and cyclic
 * layouts with empty and uneven blocks, into new arrays and in place; NaN, ±inf and -0.0 among the values; and the
 * stencil rows (two sweeps, rows-only and block x block grids, uneven and single-row blocks), and the batched row
 * sums of a reduction over the last axis (sum, mean; block, cyclic and split-last-axis layouts). The sum is compared in
 * {@link ReduceKernelsTest}; all of them against serial references in {@code UfuncContract} and the reduction
 * contracts, which run with the library loaded.
 */
class NativeKernelsTest {
    @Test
    void theBuildsLibraryIsLoaded() {
        // core's build compiles it wherever gcc is (CI included): a library that exists but does not load is a bug
        boolean built = NativeKernels.class.getResource("libjdist_kernels.so") != null;
        if (built && !"java".equals(System.getProperty("jdistarray.kernels"))) {
            assertTrue(NativeKernels.LOADED, NativeKernels.status());
            assertTrue(NativeKernels.status().startsWith("native"), NativeKernels.status());
        }
    }

    /** An edge value (NaN, ±inf, ±0.0, the smallest subnormal) one time in two, else a finite one of any magnitude. */
    static double value(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> 0.0;
            case 5 -> Double.MIN_VALUE;
            default -> (r.nextDouble() - 0.4) * Math.scalb(1.0, r.nextInt(40) - 20);
        };
    }

    /** Finite values of many magnitudes (a NaN or an infinity would make most row sums equal whatever the order). */
    private static double finite(SplittableRandom r) {
        return (r.nextDouble() - 0.4) * Math.scalb(1.0, r.nextInt(40) - 20);
    }

    private static Expr tree(SplittableRandom r, DistArray[] leaves, int depth) {
        if (depth == 0 || r.nextInt(5) == 0) {
            return r.nextInt(4) == 0 ? Expr.scalar(value(r)) : Expr.of(leaves[r.nextInt(leaves.length)]);
        }
        if (r.nextInt(3) == 0) {
            UnaryOp[] ops = {UnaryOp.SQRT, UnaryOp.ABSOLUTE, UnaryOp.NEGATIVE, UnaryOp.SQUARE, UnaryOp.POSITIVE};
            return tree(r, leaves, depth - 1).apply(ops[r.nextInt(ops.length)]);
        }
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE, BinaryOp.TRUE_DIVIDE};
        return tree(r, leaves, depth - 1).apply(ops[r.nextInt(ops.length)], tree(r, leaves, depth - 1));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void expressionsGiveTheJavaLoopsBits(int ranks) {
        boolean saved = NativeKernels.enabled;
        long savedTiled = FusedFloat64.tiledFrom;
        try {
            for (int n : new int[] {0, 1, 5, 127, 128, 129, 1000, 4099}) {
                LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
                    SplittableRandom r = new SplittableRandom(n * 31L + ranks);
                    for (int variant = 0; variant < 4; variant++) {
                        boolean cyclic = variant % 2 == 1;
                        DType type = variant < 2 ? DType.FLOAT64 : DType.FLOAT32;
                        var b = Distribution.builder(comm).shape(n);
                        Distribution d = cyclic ? b.cyclic(0).build() : b.build();
                        DistArray[] leaves = new DistArray[4];
                        for (int k = 0; k < leaves.length; k++) {
                            long seed = r.nextLong();
                            leaves[k] = DistArrays.fromFunction(d, type,
                                    g -> value(new SplittableRandom(seed + g[0])));
                        }
                        try {
                            for (int t = 0; t < 40; t++) {
                                // one array operand at least, at the root
                                Expr sub = tree(r, leaves, t % 9);
                                Expr leaf = Expr.of(leaves[r.nextInt(leaves.length)]);
                                BinaryOp root = t % 2 == 0 ? BinaryOp.ADD
                                        : BinaryOp.DIVIDE;
                                Expr e = t % 3 == 0 ? sub.apply(root, leaf) : leaf.apply(root, sub);
                                if (e.dtype() != type) {
                                    continue;
                                }
                                double[][] got = new double[3][];
                                for (int path = 0; path < 3; path++) {
                                    NativeKernels.enabled = path == 0 && NativeKernels.LOADED;
                                    FusedFloat64.tiledFrom = path == 2 ? 1 : Long.MAX_VALUE;
                                    try (DistArray z = e.eval()) {
                                        got[path] = z.toDoubleArray(0);
                                    }
                                }
                                // in place, the output one of the leaves
                                double[][] inPlace = new double[2][];
                                for (int path = 0; path < 2; path++) {
                                    NativeKernels.enabled = path == 0 && NativeKernels.LOADED;
                                    try (DistArray z = leaves[0].copy()) {
                                        Expr.of(z).multiply(Expr.of(leaves[1])).add(Expr.of(z).sqrt()).divide(1.5)
                                                .eval(UfuncOptions.out(z));
                                        inPlace[path] = z.toDoubleArray(0);
                                    }
                                }
                                if (comm.rank() == 0) {
                                    for (int i = 0; i < n; i++) {
                                        String what = e + " element " + i + " of " + n + (cyclic ? " cyclic" : "")
                                                + " " + type;
                                        long want = Double.doubleToLongBits(got[1][i]);
                                        assertEquals(want, Double.doubleToLongBits(got[0][i]), "native: " + what);
                                        assertEquals(want, Double.doubleToLongBits(got[2][i]), "tiled: " + what);
                                        assertEquals(Double.doubleToLongBits(inPlace[1][i]),
                                                Double.doubleToLongBits(inPlace[0][i]), "in place: " + what);
                                    }
                                }
                            }
                        } finally {
                            for (DistArray a : leaves) {
                                a.close();
                            }
                        }
                    }
                });
            }
        } finally {
            NativeKernels.enabled = saved;
            FusedFloat64.tiledFrom = savedTiled;
        }
    }

    /**
     * <b>Collective.</b> Evaluates {@code e} (over {@code n} elements) with the native loops and with the Java loops
     * ({@link NativeKernels#enabled} flipped) and asserts on rank 0 that every element has the same bits.
     */
    private static void assertNativeGivesJavasBits(org.jdistarray.comm.Communicator comm, Expr e, long n, DType type) {
        double[][] got = new double[2][];
        for (int path = 0; path < 2; path++) {
            NativeKernels.enabled = path == 0;
            try (DistArray z = e.eval()) {
                got[path] = z.toDoubleArray(0);
            }
        }
        if (comm.rank() == 0) {
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(got[1][i]), Double.doubleToLongBits(got[0][i]),
                        e + " element " + i + " " + type);
            }
        }
    }

    /**
     * Every pair of operations the native machine fuses into one loop ((x f y) g z, z g (x f y), u(x) g z, u(x f y)),
     * for every op combination, with leaves, scalars and (for z) a computed operand in each place: the same bits as the
     * Java loops, float64 and float32, over several tiles and a partial one, on one and two ranks.
     */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2})
    void everyFusedPairGivesTheJavaLoopsBits(int ranks) {
        Assumptions.assumeTrue(NativeKernels.LOADED, "the native library is not built here");
        boolean saved = NativeKernels.enabled;
        BinaryOp[] bins = {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE};
        UnaryOp[] uns = {UnaryOp.SQRT, UnaryOp.ABSOLUTE, UnaryOp.NEGATIVE, UnaryOp.SQUARE};
        try {
            LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
                int n = 1000;
                for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    Distribution d = Distribution.builder(comm).shape(n).build();
                    DistArray[] x = new DistArray[4];
                    for (int k = 0; k < x.length; k++) {
                        long seed = 31L * k + 7;
                        x[k] = DistArrays.fromFunction(d, type, g -> value(new SplittableRandom(seed + g[0])));
                    }
                    try {
                        java.util.List<Expr> cases = new java.util.ArrayList<>();
                        // operands of f: leaf-leaf, leaf-scalar, scalar-leaf; z: a leaf, a scalar, a computed value
                        Expr[][] xy = {{Expr.of(x[0]), Expr.of(x[1])}, {Expr.of(x[0]), Expr.scalar(-2.75)},
                            {Expr.scalar(0.3), Expr.of(x[1])}};
                        Expr[] zs = {Expr.of(x[2]), Expr.scalar(1.5), Expr.of(x[2]).absolute()};
                        for (BinaryOp f : bins) {
                            for (BinaryOp g : bins) {
                                for (Expr[] p : xy) {
                                    for (Expr z : zs) {
                                        Expr inner = p[0].apply(f, p[1]);
                                        cases.add(inner.apply(g, z)); // (x f y) g z
                                        cases.add(z.apply(g, inner)); // z g (x f y)
                                    }
                                }
                            }
                            for (UnaryOp u : uns) {
                                for (Expr[] p : xy) {
                                    cases.add(p[0].apply(f, p[1]).apply(u)); // u(x f y)
                                }
                                for (Expr z : zs) {
                                    cases.add(Expr.of(x[0]).apply(u).apply(f, z)); // u(x) f z
                                }
                            }
                        }
                        for (Expr pair : cases) {
                            // a program the machine takes, not a single op
                            assertNativeGivesJavasBits(comm, pair.add(Expr.of(x[3])), n, type);
                        }
                    } finally {
                        for (DistArray a : x) {
                            a.close();
                        }
                    }
                }
            });
        } finally {
            NativeKernels.enabled = saved;
        }
    }

    /**
     * Blocks large enough (and programs with compute enough: four ops or more) for the native machine's prefetching
     * branch, which the small cases above never reach: the same bits as the Java loop, float64 and float32.
     */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2})
    void largeBlocksTakeThePrefetchingBranchWithTheSameBits(int ranks) {
        Assumptions.assumeTrue(NativeKernels.LOADED, "the native library is not built here");
        boolean saved = NativeKernels.enabled;
        long savedFrom = NativeKernels.prefetchFrom(8L << 20); // 2^20 elements: 5 streams of 2-8 MiB a rank
        String savedMode = ExprCompiler.mode;
        ExprCompiler.mode = "off"; // the machine, not the shapes' compiled loops (ExprCompilerTest)
        try {
            LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
                long n = 1L << 20;
                for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    Distribution d = Distribution.builder(comm).shape(n).build();
                    DistArray[] x = new DistArray[4];
                    for (int k = 0; k < x.length; k++) {
                        long seed = 977L * k + 5;
                        x[k] = DistArrays.fromFunction(d, type, g -> value(new SplittableRandom(seed + g[0])));
                    }
                    try {
                        Expr[] exprs = {
                            Expr.of(x[0]).multiply(Expr.of(x[0])).add(Expr.of(x[1]).multiply(Expr.of(x[1]))).sqrt()
                                    .multiply(Expr.of(x[2])).subtract(Expr.of(x[3])),
                            Expr.of(x[0]).divide(Expr.of(x[1]).add(1.5)).multiply(Expr.of(x[2]).negative())
                                    .add(Expr.of(x[3]).absolute()),
                        };
                        for (Expr e : exprs) {
                            assertNativeGivesJavasBits(comm, e, n, type);
                        }
                    } finally {
                        for (DistArray a : x) {
                            a.close();
                        }
                    }
                }
            });
        } finally {
            NativeKernels.enabled = saved;
            NativeKernels.prefetchFrom(savedFrom);
            ExprCompiler.mode = savedMode;
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void stencilRowsGiveTheJavaRowsBits(int ranks) {
        onRanks(ranks, comm -> {
            for (long[] shape : new long[][] {{9 + ranks, 2L * ranks + 5}, {3 * ranks + 2, 37}, {ranks + 1, 3}}) {
                for (int grid = 0; grid < 2; grid++) {
                    var b = Distribution.builder(comm).shape(shape).padding(0, 1, 0);
                    Distribution d = grid == 0 ? b.grid(ranks, 1).build() : b.padding(1, 1, 0).build();
                    long cols = shape[1];
                    double[][] got = bothLoops(() -> {
                        try (DistArray u = DistArrays.fromFunction(d, DType.FLOAT64,
                                g -> value(new SplittableRandom(g[0] * cols + g[1])));
                                DistArray v = DistArrays.zeros(d, DType.FLOAT64)) {
                            StencilSweeps.jacobi5(u, v);
                            StencilSweeps.jacobi5(v, u);
                            return u.toDoubleArray(0);
                        }
                    });
                    assertSameBits(comm.rank(), got, java.util.Arrays.toString(shape) + " grid " + grid);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void lastAxisSumsGiveThePerRowBits(int ranks) {
        // the native batch of row sums (an unpadded block, only the last axis reduced) against the per-row Java path
        onRanks(ranks, comm -> {
            long[][] shapes = {{5, 37}, {2L * ranks + 1, 4099}, {3, 4, 33}, {ranks, 0}, {1, 1}};
            for (long[] shape : shapes) {
                for (int layout = 0; layout < 3; layout++) {
                    var b = Distribution.builder(comm).shape(shape);
                    Distribution d = layout == 0 ? b.build() : layout == 1 ? b.cyclic(0).build()
                            : b.grid(gridOf(ranks, shape.length)).build();
                    for (ReduceKind kind : new ReduceKind[] {ReduceKind.SUM, ReduceKind.MEAN}) {
                        double[][] got = bothLoops(() -> {
                            try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64,
                                    g -> finite(new SplittableRandom(java.util.Arrays.hashCode(g) * 31L + shape.length)));
                                    DistArray r = kind == ReduceKind.SUM ? Np.sum(x, shape.length - 1)
                                            : Np.mean(x, shape.length - 1)) {
                                return r.toDoubleArray(0);
                            }
                        });
                        assertSameBits(comm.rank(), got, kind + " " + java.util.Arrays.toString(shape) + " layout "
                                + layout);
                    }
                }
            }
        });
    }

    /** {@code task} on thread ranks, the native switch restored afterwards. */
    private static void onRanks(int ranks, LocalCluster.RankTask task) {
        boolean saved = NativeKernels.enabled;
        try {
            LocalCluster.run(ranks, Duration.ofSeconds(120), task);
        } finally {
            NativeKernels.enabled = saved;
        }
    }

    /** {@code run} with the native loops, then with the Java loops: {native, java}. */
    private static double[][] bothLoops(java.util.function.Supplier<double[]> run) {
        double[][] got = new double[2][];
        for (int path = 0; path < 2; path++) {
            NativeKernels.enabled = path == 0 && NativeKernels.LOADED;
            got[path] = run.get();
        }
        return got;
    }

    /** On rank 0 (where the arrays were gathered): the native result has the Java result's bits. */
    private static void assertSameBits(int rank, double[][] got, String what) {
        if (rank == 0) {
            for (int i = 0; i < got[0].length; i++) {
                assertEquals(Double.doubleToLongBits(got[1][i]), Double.doubleToLongBits(got[0][i]),
                        what + " element " + i);
            }
        }
    }

    /** A grid over the last axis only (so that the last axis's blocks are split too), for the given rank count. */
    private static int[] gridOf(int ranks, int ndim) {
        int[] g = new int[ndim];
        java.util.Arrays.fill(g, 1);
        g[ndim - 1] = ranks;
        return g;
    }
}
