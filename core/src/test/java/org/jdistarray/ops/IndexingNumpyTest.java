package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table of fancy-indexing, mask, nonzero, compress, concatenate and stack cases (and their error messages) computed
 * by Debian's numpy ({@code /usr/bin/python3}, script {@code indexing_cases.py}) and by JDistArray on 1 and 3 thread
 * ranks with cyclic and block-cyclic layouts; every line must be equal. Skipped when numpy is not installed.
 */
class IndexingNumpyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static Map<String, String> numpy() throws Exception {
        return numpy("indexing_cases");
    }

    /**
     * The table the resource script {@code name.py} (next to this class) prints with Debian's numpy, one
     * {@code key|value} line per case; skips the test when python3 or numpy is missing.
     */
    static Map<String, String> numpy(String name) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        Path script = Files.createTempFile(name, ".py");
        try (var in = IndexingNumpyTest.class.getResourceAsStream(name + ".py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(true).start();
        Map<String, String> table = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                int bar = line.indexOf('|');
                if (bar > 0) {
                    table.put(line.substring(0, bar), line.substring(bar + 1));
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        Files.deleteIfExists(script);
        assumeTrue(p.exitValue() == 0 && !all.toString().contains("No module named"), "numpy unavailable: " + all);
        return table;
    }

    /** {@code shape|values} of {@code x}, which it closes: the form the numpy scripts print. */
    static String render(DistArray x) {
        try (x) {
            long n = x.globalSize();
            long[] bits = ElementExchange.fetch(x, range(n), (int) n, ElementExchange.isFloat(x.dtype()));
            StringBuilder s = new StringBuilder();
            long[] shape = x.shape();
            for (int i = 0; i < shape.length; i++) {
                s.append(i > 0 ? "," : "").append(shape[i]);
            }
            s.append('|');
            for (int i = 0; i < bits.length; i++) {
                double v = ElementExchange.isFloat(x.dtype()) ? Double.longBitsToDouble(bits[i]) : bits[i];
                s.append(i > 0 ? " " : "").append(v);
            }
            return s.toString();
        }
    }

    private static long[] range(long n) {
        long[] r = new long[(int) n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static String error(Supplier<Object> f) {
        try {
            Object r = f.get();
            if (r instanceof DistArray d) {
                d.close();
            }
            return "error|none";
        } catch (RuntimeException e) {
            return "error|" + e.getMessage();
        }
    }

    static Map<String, String> jdistarray(Communicator comm) {
        Distribution d = Distribution.builder(comm).shape(3, 4).cyclic(0).cyclic(1, 2).build();
        Distribution e = Distribution.builder(comm).shape(3, 4).block(1).build();
        Map<String, String> t = new LinkedHashMap<>();
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> ((g[0] * 4 + g[1]) * 37) % 101 - 50);
                DistArray b = DistArrays.fromFunction(e, DType.FLOAT64, g -> Math.max(0, ((g[0] * 4 + g[1]) * 37) % 101 - 50));
                DistArray mask = DistArrays.fromLongFunction(e, DType.BOOL, g -> (g[0] * 4 + g[1]) % 3 != 1 ? 1 : 0)) {
            t.put("take_flat", render(Np.take(a, new long[] {0, -1, 5, 5})));
            t.put("take_axis0", render(Np.take(a, new long[] {2, 0, -3}, 0)));
            t.put("take_axis1", render(Np.take(a, new long[] {3, -1, 0, 0}, 1)));
            t.put("mask", render(a.getMask(mask)));
            try (DistArray c = a.copy()) {
                Np.put(c, new long[] {1, 1, -1, 4}, new double[] {7, 8, 9});
                t.put("put_repeat", render(c.copy()));
            }
            try (DistArray c = a.copy()) {
                c.put(new long[] {1, -1, 1}, 1, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
                t.put("put_axis1", render(c.copy()));
            }
            try (DistArray c = a.copy(); DistArray v = DistArrays.arange(comm, 8)) {
                c.setMask(mask, v);
                t.put("setmask_values", render(c.copy()));
                c.setMask(mask, -1);
                t.put("setmask_scalar", render(c.copy()));
            }
            DistArray[] nz = Np.nonzero(b);
            t.put("nonzero0", render(nz[0]));
            t.put("nonzero1", render(nz[1]));
            t.put("flatnonzero", render(Np.flatnonzero(b)));
            t.put("argwhere", render(Np.argwhere(b)));
            t.put("compress0", render(Np.compress(new boolean[] {true, false, true}, a, 0)));
            t.put("compress1", render(Np.compress(new boolean[] {false, true, true}, a, 1)));
            t.put("compress_flat", render(Np.compress(new boolean[] {true, false, false, true}, a, null)));
            DistArray[] ab = {a, b};
            t.put("concat0", render(Np.concatenate(ab, 0)));
            t.put("concat1", render(Np.concatenate(ab, 1)));
            t.put("concat_none", render(Np.concatenate(ab, null)));
            t.put("stack0", render(Np.stack(ab, 0)));
            t.put("stack_last", render(Np.stack(ab, -1)));
            t.put("err_take_flat", error(() -> Np.take(a, new long[] {12})));
            t.put("err_take_axis1", error(() -> Np.take(a, new long[] {-5}, 1)));
            t.put("err_compress_long", error(() -> Np.compress(new boolean[] {false, false, false, true}, a, 0)));
            try (DistArray m5 = DistArrays.ones(Distribution.builder(comm).shape(3, 5).build(), DType.BOOL);
                    DistArray z5 = DistArrays.zeros(Distribution.builder(comm).shape(3, 5).build(), DType.FLOAT64)) {
                t.put("err_mask_shape", error(() -> a.getMask(m5)));
                t.put("err_concat", error(() -> Np.concatenate(new DistArray[] {a, z5}, 0)));
                t.put("err_stack", error(() -> Np.stack(new DistArray[] {a, z5}, 0)));
            }
            t.put("err_setmask", error(() -> {
                a.setMask(mask, new double[] {1, 2});
                return null;
            }));
            t.put("err_axis", error(() -> Np.take(a, new long[] {0}, 2)));
        }
        return t;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everyCaseEqualsNumpy(int ranks) throws Exception {
        Map<String, String> expected = numpy();
        List<Map<String, String>> got = LocalCluster.call(ranks, Duration.ofSeconds(60), IndexingNumpyTest::jdistarray);
        for (Map<String, String> g : got) {
            assertEquals(expected.keySet(), g.keySet());
            for (String k : expected.keySet()) {
                assertEquals(expected.get(k), g.get(k), k);
            }
        }
    }
}
