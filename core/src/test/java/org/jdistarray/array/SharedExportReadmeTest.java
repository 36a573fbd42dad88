package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * core/README.md's "Sharing arrays with Python" section: the Java exporter shown is this code, and the Python reader
 * shown, run by Debian's python3 on the export of 2 thread ranks, prints our sum and its writes show in Java.
 */
class SharedExportReadmeTest {
    private static final List<String> JAVA = List.of(
            "Distribution d = Distribution.builder(comm).shape(1000).build();",
            "try (DistArray a = DistArrays.zerosShared(d, DType.FLOAT64)) {",
            "a.forEachOwned((g, off) -> a.local().setDouble(off, g[0]));",
            "Path file = a.exportShared(Path.of(\"/tmp/x\"));");

    @Test
    void theReadersOfTheReadmeWork() throws Exception {
        String doc = Files.readString(Path.of("README.md"));
        int at = doc.indexOf("## Sharing arrays with Python (protocol export)");
        assertTrue(at >= 0, "core/README.md lacks the section");
        for (String line : JAVA) {
            assertTrue(doc.indexOf(line, at) > 0, "the README's exporter lacks: " + line);
        }
        int py = doc.indexOf("```python\n", at) + "```python\n".length();
        String reader = doc.substring(py, doc.indexOf("```", py));
        assertTrue(reader.lines().count() <= 12, "the reader should stay about 10 lines:\n" + reader);
        // the root README shows the same exporter and the same reader
        String root = Files.readString(Path.of("../README.md"));
        int rootAt = root.indexOf("## Sharing arrays with Python (protocol export)");
        assertTrue(rootAt >= 0, "README.md lacks the section");
        for (String line : JAVA) {
            assertTrue(root.indexOf(line, rootAt) > 0, "README.md's exporter lacks: " + line);
        }
        assertTrue(root.indexOf("```python\n" + reader + "```", rootAt) > 0, "README.md's reader differs from core's");
        assumeTrue(DapPython.skipReason() == null, DapPython.skipReason());
        Path dir = Files.createTempDirectory("jdap-readme");
        Path script = dir.resolve("reader.py");
        Files.writeString(script, reader);
        LocalCluster.run(2, Duration.ofSeconds(120), comm -> {
            Distribution d = Distribution.builder(comm).shape(1000).build();
            try (DistArray a = DistArrays.zerosShared(d, DType.FLOAT64)) {
                a.forEachOwned((g, off) -> a.local().setDouble(off, g[0]));
                Path file = a.exportShared(dir.resolve("x"));
                comm.barrier();
                if (comm.rank() == 0) {
                    String out = DapPython.run(script.toString(), file.getParent().toString());
                    assertTrue(out.contains("sum 499500.0"), out);
                }
                comm.barrier();
                a.forEachOwned((g, off) -> assertEquals(2.0 * g[0], a.local().getDouble(off)));
            }
        });
        Files.delete(script);
        Files.delete(dir.resolve("x"));
        Files.delete(dir);
    }
}
