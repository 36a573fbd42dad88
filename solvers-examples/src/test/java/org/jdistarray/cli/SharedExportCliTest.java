package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.SharedArrays;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code python/jdistarray_dap.py}'s {@code __distarray__()} dictionaries of shared exports (padded, unstructured,
 * cyclic, undistributed and empty blocks, on 3 thread ranks), turned into JSON by the module, are valid for our own
 * validator through the CLI ({@code jdistarray validate}, per rank and across ranks) and equal, field by field, to
 * {@link DistArray#export()}; a broken one gives the validator's violations.
 */
class SharedExportCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    private static Path module() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("python/jdistarray_dap.py"))) {
                return p.resolve("python/jdistarray_dap.py");
            }
        }
        throw new IllegalStateException("python/jdistarray_dap.py not found");
    }

    private static boolean numpy() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String python(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), module().toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static Map<String, Function<Communicator, Distribution>> cases() {
        return Map.of(
                "padded2d", c -> Distribution.builder(c).shape(4L * c.size() + 6, 5).padding(0, 1, 1)
                        .grid(c.size(), 1).build(),
                "unstructured1d", c -> {
                    long[][] idx = new long[c.size()][];
                    for (int r = 0; r < c.size(); r++) {
                        idx[r] = new long[] {2L * r + 1, 2L * r};
                    }
                    return Distribution.builder(c).shape(2L * c.size()).unstructured(0, idx).build();
                },
                "cyclicUndistributed2d", c -> Distribution.builder(c).shape(2L * c.size() + 1, 3).cyclic(0)
                        .undistributed(1).build(),
                "blockCyclic2d", c -> Distribution.builder(c).shape(7, 9).cyclic(0, 2).block(1).build(),
                "emptyBlocks1d", c -> Distribution.builder(c).shape(2).build());
    }

    @Test
    void pythonDictionariesAreValidAndEqualToExport() throws Exception {
        assumeTrue(numpy(), "needs /usr/bin/python3 with numpy");
        for (Map.Entry<String, Function<Communicator, Distribution>> c : cases().entrySet()) {
            Path dir = tmp.resolve(c.getKey());
            LocalCluster.run(3, Duration.ofSeconds(120), comm -> {
                Distribution d = c.getValue().apply(comm);
                try (DistArray a = DistArrays.zerosShared(d, DType.INT32)) {
                    Path mine = a.exportShared(dir);
                    comm.barrier();
                    Path py = dir.resolve("py-rank" + comm.rank() + ".json");
                    Files.writeString(py, python(List.of("json", mine.toString())));
                    JsonNode fromPython = JSON.readTree(Files.readString(py));
                    JsonNode fromJava = JSON.readTree(JsonCodec.write(a.export().descriptor()));
                    assertEquals(fromJava.fieldNames().next(), "__version__");
                    for (Iterator<String> it = fromJava.fieldNames(); it.hasNext();) {
                        String k = it.next();
                        assertEquals(fromJava.get(k), fromPython.get(k), c.getKey() + " rank " + comm.rank() + ": " + k);
                    }
                    assertEquals(fromJava.size(), fromPython.size(), c.getKey());
                    for (int i = 0; i < fromJava.get("dim_data").size(); i++) {
                        assertEquals(fromJava.get("dim_data").get(i), fromPython.get("dim_data").get(i),
                                c.getKey() + " dim " + i);
                    }
                    CliRun direct = CliRun.of("validate", mine.toString()); // Java's descriptor file itself
                    assertEquals("valid", direct.out().strip(), c.getKey() + ": " + direct.out() + direct.err());
                    CliRun v = CliRun.of("validate", py.toString());
                    assertEquals(0, v.code(), c.getKey() + ": " + v.out() + v.err());
                    assertEquals("valid", v.out().strip());
                    comm.barrier();
                    if (comm.rank() == 0) {
                        List<String> args = new ArrayList<>(List.of("json"));
                        for (int r = 0; r < comm.size(); r++) {
                            args.add(SharedArrays.descriptorFile(dir, r).toString());
                        }
                        Path all = dir.resolve("all.json");
                        Files.writeString(all, python(args));
                        CliRun across = CliRun.of("validate", all.toString());
                        assertEquals("valid", across.out().strip(), c.getKey() + ": " + across.out());
                        String broken = Files.readString(all).replaceFirst("\"proc_grid_size\": 3", "\"proc_grid_size\": 0");
                        Path bad = dir.resolve("bad.json");
                        Files.writeString(bad, broken);
                        CliRun b = CliRun.of("validate", bad.toString());
                        if (!broken.equals(Files.readString(all))) {
                            assertEquals(1, b.code(), c.getKey() + ": " + b.out());
                            assertTrue(b.out().contains("proc_grid_size"), b.out());
                        }
                    }
                    Collectives.sum(comm, 0L);
                }
            });
        }
    }
}
