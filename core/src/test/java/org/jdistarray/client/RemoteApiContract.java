package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.DoubleIndexFunction;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.protocol.DType;
import org.jdistarray.random.RandomArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client API (RemoteNp, RemoteArrayOps, RemoteLayout, RemoteArrays) against the same computation in SPMD mode:
 * every case runs once through the context's engines and once on {@code LocalCluster} thread ranks as many as the
 * engines, on the same layouts (uneven and, with more engines than elements, empty blocks), and the results must be
 * identical (the engines run the SPMD code, so not even the last bit may differ). Run embedded (1-4 engines,
 * {@link RemoteApiEmbeddedTest}) and under mpirun ({@link RemoteApiMpiIT}). After each test the engines hold nothing.
 */
public abstract class RemoteApiContract {
    protected abstract Context ctx();

    protected void release() {
    }

    @AfterEach
    void nothingLeftOnTheEngines() {
        try {
            for (int c : ctx().sync()) {
                assertEquals(0, c, "objects left on the engines: " + Arrays.toString(ctx().sync()));
            }
            assertEquals(0, ctx().leaks(), "proxies freed by the leak net instead of close()");
        } finally {
            release();
        }
    }

    private RemoteNp np() {
        return ctx().np();
    }

    private RemoteArrays arrays() {
        return ctx().arrays();
    }

    /** The layouts every case runs on: n elements in blocks, and cyclic with blocks of 2. */
    private static List<RemoteLayout> layouts(long n) {
        return List.of(RemoteLayout.of(n), RemoteLayout.of(n).cyclic(0, 2));
    }

    /** The SPMD twin of a 1-D layout of {@link #layouts}. */
    private static Distribution spmdLayout(Communicator comm, RemoteLayout l, long n) {
        DistributionBuilder b = Distribution.builder(comm).shape(n);
        return l.toString().contains("cyclic") ? b.cyclic(0, 2).build() : b.build();
    }

    /** The values of {@code f}'s array computed SPMD on as many thread ranks as the context has engines. */
    private double[] spmd(Function<Communicator, DistArray> f) {
        List<double[]> r = LocalCluster.call(ctx().engines(), Duration.ofSeconds(60), comm -> {
            try (DistArray a = f.apply(comm)) {
                return a.toDoubleArray(0);
            }
        });
        return r.get(0);
    }

    static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7 % 11) - 4.5;
        }
        return v;
    }

    @Test
    void elementwiseAndReductionsEqualSpmd() {
        for (int n : new int[] {11, 3}) { // 3 elements on 4 engines: an empty block
            double[] x = values(n);
            double[] y = values(n + 2);
            double[] yn = Arrays.copyOf(y, n);
            for (RemoteLayout l : layouts(n)) {
                try (RemoteArray a = arrays().fromArray(l, DType.FLOAT64, x);
                        RemoteArray b = arrays().fromArray(l, DType.FLOAT64, yn);
                        RemoteArray ax = a.multiply(2.0);
                        RemoteArray z = ax.add(b);
                        RemoteArray za = np().absolute(z);
                        RemoteArray r = np().sqrt(za);
                        RemoteArray s = np().sum(z);
                        RemoteArray m = z.max()) {
                    double[] expected = spmd(comm -> {
                        Distribution d = spmdLayout(comm, l, n);
                        try (DistArray sa = DistArrays.fromArray(d, DType.FLOAT64, x);
                                DistArray sb = DistArrays.fromArray(d, DType.FLOAT64, yn);
                                DistArray sax = sa.multiply(2.0); DistArray sz = sax.add(sb);
                                DistArray abs = Np.absolute(sz)) {
                            return Np.sqrt(abs);
                        }
                    });
                    double[] sum = spmd(comm -> {
                        Distribution d = spmdLayout(comm, l, n);
                        try (DistArray sa = DistArrays.fromArray(d, DType.FLOAT64, x);
                                DistArray sb = DistArrays.fromArray(d, DType.FLOAT64, yn);
                                DistArray sax = sa.multiply(2.0); DistArray sz = sax.add(sb)) {
                            return Np.sum(sz);
                        }
                    });
                    assertArrayEquals(expected, r.toDoubleArray(), 0.0, l.toString());
                    assertArrayEquals(sum, s.toDoubleArray(), 0.0, l.toString());
                    assertEquals(sum[0], s.item(), 0.0);
                    assertEquals(Arrays.stream(z.toDoubleArray()).max().orElseThrow(), m.item(), 0.0);
                    assertArrayEquals(new long[] {n}, r.shape());
                    assertEquals(DType.FLOAT64, r.dtype());
                }
            }
        }
    }

    @Test
    void nonzeroGivesOneProxyPerAxis() {
        double[] x = {0, 3, 0, 0, 5, 6};
        try (RemoteArray a = arrays().fromArray(RemoteLayout.of(2, 3), DType.FLOAT64, x)) {
            RemoteArray[] nz = np().nonzero(a);
            try (RemoteArray rows = nz[0]; RemoteArray cols = nz[1]) {
                assertEquals(2, nz.length);
                assertArrayEquals(new long[] {0, 1, 1}, rows.toLongArray());
                assertArrayEquals(new long[] {1, 1, 2}, cols.toLongArray());
            }
            RemoteArray[] same = a.nonzero();
            for (RemoteArray r : same) {
                r.close();
            }
            assertEquals(2, same.length);
        }
    }

    @Test
    void reduceOptionsTravelAsRecipes() {
        double[] x = values(12);
        RemoteLayout l = RemoteLayout.of(3, 4);
        try (RemoteArray a = arrays().fromArray(l, DType.FLOAT64, x);
                RemoteArray rows = np().sum(a, ReduceOptions.axis(1).keepdims(true));
                RemoteArray var = np().var(a, ReduceOptions.axis(0).ddof(1));
                RemoteArray cols = a.mean(0)) {
            assertArrayEquals(new long[] {3, 1}, rows.shape());
            double[] expRows = spmd(comm -> {
                try (DistArray s = DistArrays.fromArray(Distribution.builder(comm).shape(3, 4).build(), DType.FLOAT64, x)) {
                    return Np.sum(s, ReduceOptions.axis(1).keepdims(true));
                }
            });
            double[] expVar = spmd(comm -> {
                try (DistArray s = DistArrays.fromArray(Distribution.builder(comm).shape(3, 4).build(), DType.FLOAT64, x)) {
                    return Np.var(s, ReduceOptions.axis(0).ddof(1));
                }
            });
            assertArrayEquals(expRows, rows.toDoubleArray(), 0.0);
            assertArrayEquals(expVar, var.toDoubleArray(), 0.0);
            assertEquals(4, cols.toDoubleArray().length);
        }
    }

    @Test
    void optionObjectsWithProcessArraysAreRefusedOnTheClient() {
        try (RemoteArray a = ctx().fromArray(values(4), 4)) {
            LocalCluster.run(1, comm -> { // an array of this process, which no engine can see
                try (DistArray mine = DistArrays.zeros(Distribution.builder(comm).shape(4).build(), DType.FLOAT64)) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> np().add(a, a, UfuncOptions.out(mine)));
                    assertTrue(e.getMessage().contains("UfuncOptions.out"), e.getMessage());
                    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                            () -> np().sum(a, ReduceOptions.defaults().where(mine)));
                    assertTrue(w.getMessage().contains("where"), w.getMessage());
                }
            });
            try (RemoteArray f = np().add(a, a, UfuncOptions.none().dtype(DType.FLOAT32).casting("unsafe"))) {
                assertEquals(DType.FLOAT32, f.dtype());
                double[] v = values(4);
                assertEquals((float) (v[3] + v[3]), f.getDouble(3), 0.0);
            }
        }
    }

    @Test
    void slicingAssignmentAndElementsEqualSpmd() {
        int n = 13;
        double[] x = values(n);
        for (RemoteLayout l : layouts(n)) {
            try (RemoteArray a = arrays().fromArray(l, DType.FLOAT64, x)) {
                try (RemoteArray v = a.get("2:11:3")) {
                    double[] exp = spmd(comm -> {
                        try (DistArray s = DistArrays.fromArray(spmdLayout(comm, l, n), DType.FLOAT64, x)) {
                            return s.get("2:11:3").copy();
                        }
                    });
                    assertArrayEquals(exp, v.toDoubleArray(), 0.0);
                }
                a.set("1:4", 7.5);
                a.setDouble(-1.25, 12);
                assertEquals(-1.25, a.getDouble(12), 0.0);
                double[] now = a.toDoubleArray();
                assertEquals(7.5, now[1], 0.0);
                assertEquals(7.5, now[3], 0.0);
                assertEquals(x[4], now[4], 0.0);
                assertSame(a, a.addInPlace(1.0));
                assertEquals(8.5, a.getDouble(2), 0.0);
            }
        }
    }

    @Test
    void conversionReshapeTransposeRedistribute() {
        double[] x = values(12);
        try (RemoteArray a = arrays().fromArray(RemoteLayout.of(3, 4), DType.FLOAT64, x);
                RemoteArray i = a.astype(DType.INT64);
                RemoteArray t = a.transpose();
                RemoteArray flat = a.reshape(12);
                RemoteArray c = a.redistribute(RemoteLayout.of(3, 4).cyclic(0, 1).undistributed(1).recipe())) {
            assertEquals(DType.INT64, i.dtype());
            long[] il = i.toLongArray();
            for (int k = 0; k < 12; k++) {
                assertEquals((long) x[k], il[k]);
            }
            assertArrayEquals(new long[] {4, 3}, t.shape());
            double[] tv = t.toDoubleArray();
            assertEquals(x[1 * 4 + 2], tv[2 * 3 + 1], 0.0);
            assertArrayEquals(x, flat.toDoubleArray(), 0.0);
            assertArrayEquals(x, c.toDoubleArray(), 0.0);
            assertTrue(a.isCompatible(a));
        }
    }

    @Test
    void ghostExchangeOnAPaddedLayout() {
        int n = 10;
        double[] x = values(n);
        try (RemoteArray a = arrays().fromArray(RemoteLayout.of(n).padding(0, 1, 0), DType.FLOAT64, x)) {
            a.exchangeGhosts(); // collective on the engines; the owned values stay
            assertArrayEquals(x, a.toDoubleArray(), 0.0);
        }
    }

    /** A generator on every engine's class path: f(i) = 3i + 1 (i, j) -> 10 i + j. */
    public static final class Affine implements DoubleIndexFunction {
        @Override
        public double at(long[] global) {
            double v = 0;
            for (long g : global) {
                v = 10 * v + g;
            }
            return 3 * v + 1;
        }
    }

    @Test
    void creationEqualsSpmd() {
        RemoteLayout l = RemoteLayout.of(5, 3);
        try (RemoteArray z = arrays().zeros(l, DType.FLOAT64);
                RemoteArray o = arrays().ones(l, DType.INT64);
                RemoteArray f = arrays().full(l, DType.FLOAT32, 2.5);
                RemoteArray ar = arrays().arange(RemoteLayout.of(7), 1.0, 0.5, DType.FLOAT64);
                RemoteArray li = arrays().linspace(RemoteLayout.of(5), 0.0, 1.0, true);
                RemoteArray fn = arrays().fromFunction(l, DType.FLOAT64, Affine.class)) {
            assertArrayEquals(new double[15], z.toDoubleArray(), 0.0);
            long[] ones = new long[15];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, o.toLongArray());
            assertEquals(DType.FLOAT32, f.dtype());
            assertArrayEquals(new double[] {1, 1.5, 2, 2.5, 3, 3.5, 4}, ar.toDoubleArray(), 0.0);
            assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, li.toDoubleArray(), 0.0);
            double[] fv = fn.toDoubleArray();
            assertEquals(3 * (10 * 4 + 2) + 1, fv[4 * 3 + 2], 0.0);
            double[] exp = spmd(comm -> DistArrays.fromFunction(Distribution.builder(comm).shape(5, 3).build(),
                    DType.FLOAT64, new Affine()));
            assertArrayEquals(exp, fv, 0.0);
        }
    }

    @Test
    void randomArraysAreTheSpmdStreams() {
        RemoteLayout l = RemoteLayout.of(9).cyclic(0, 2);
        try (RemoteArray r1 = arrays().rand(l, 42); RemoteArray r2 = arrays().rand(l, 42);
                RemoteArray r3 = arrays().rand(l, 43); RemoteArray g = arrays().randn(RemoteLayout.of(9), 7)) {
            double[] v = r1.toDoubleArray();
            assertArrayEquals(v, r2.toDoubleArray(), 0.0);
            assertNotEquals(Arrays.toString(v), Arrays.toString(r3.toDoubleArray()));
            double[] exp = spmd(comm -> RandomArrays.rand(Distribution.builder(comm).shape(9).cyclic(0, 2).build(), 42));
            assertArrayEquals(exp, v, 0.0);
            double[] expn = spmd(comm -> RandomArrays.randn(Distribution.builder(comm).shape(9).build(), 7));
            assertArrayEquals(expn, g.toDoubleArray(), 0.0);
        }
    }

    @Test
    void npyDnpyAndHdf5RoundTripThroughTheEngines() throws Exception {
        Path dir = Files.createTempDirectory("jdist-remote-io");
        try {
            double[] x = values(10);
            Path npy = dir.resolve("a.npy");
            try (RemoteArray a = arrays().fromArray(RemoteLayout.of(2, 5), DType.FLOAT64, x)) {
                arrays().saveNpy(npy, a);
                arrays().saveDnpy(dir.resolve("d").toString(), a);
            }
            Path h5 = dir.resolve("a.h5");
            try (RemoteArray a = arrays().fromArray(RemoteLayout.of(2, 5), DType.FLOAT64, x)) {
                arrays().saveHdf5(h5, "/x", a, org.jdistarray.io.Hdf5Mode.TRUNCATE);
            }
            try (RemoteArray b = arrays().loadNpy(npy, RemoteLayout.of(2, 5).cyclic(1, 2));
                    RemoteArray h = arrays().loadHdf5(h5, "/x", RemoteLayout.of(2, 5).cyclic(0, 1));
                    RemoteArray c = arrays().loadDnpy(dir.resolve("d").toString())) {
                assertArrayEquals(x, b.toDoubleArray(), 0.0);
                assertArrayEquals(x, h.toDoubleArray(), 0.0);
                assertArrayEquals(x, c.toDoubleArray(), 0.0);
                assertArrayEquals(new long[] {2, 5}, c.shape());
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void descriptorsComeFromEveryEngine() {
        try (RemoteArray a = arrays().fromArray(RemoteLayout.of(10).cyclic(0, 1), DType.FLOAT64, values(10))) {
            List<String> d = arrays().descriptors(a);
            assertEquals(ctx().engines(), d.size());
            for (String json : d) {
                assertTrue(json.contains("dim_data") && json.contains("\"size\": 10") || json.contains("\"size\":10"),
                        json);
            }
            String all = String.join("\n", d);
            assertTrue(all.contains("\"c\""), all);
        }
    }

    @Test
    void picturesAreDrawnOnTheEngines() {
        try (RemoteArray a = arrays().fromArray(RemoteLayout.of(4, 6), DType.FLOAT64, values(24))) {
            String svg = arrays().distributionSvg(a, "layout");
            assertTrue(svg.contains("<svg") && svg.contains("layout"), svg.substring(0, Math.min(200, svg.length())));
            byte[] png = arrays().valuesPng(a, null);
            assertTrue(png.length > 100);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertTrue(new String(arrays().valuesSvg(a, "v").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .contains("<svg"));
        }
    }

    @Test
    void engineErrorsLeaveTheEnginesUsable() {
        try (RemoteArray a = ctx().fromArray(values(6), 6); RemoteArray b = ctx().fromArray(values(4), 4)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> np().add(a, b).close());
            assertTrue(e.getMessage().contains("Np.add"), e.getMessage());
            RuntimeException step = assertThrows(RuntimeException.class, () -> a.get("::0").close());
            assertTrue(step.getMessage().contains("step"), step.getMessage());
            try (RemoteArray empty = a.get("7:")) { // NumPy: past the end is an empty slice, not an error
                assertArrayEquals(new long[] {0}, empty.shape());
            }
            try (RemoteArray c = np().add(a, 1.0)) {
                assertEquals(values(6)[5] + 1, c.getDouble(5), 0.0);
            }
        }
    }
}
