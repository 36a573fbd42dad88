package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.protocol.JsonCodec;
import org.junit.jupiter.api.Test;

/** Runs the README example on 4 thread ranks and checks that core/README.md and the root README show the tested code. */
class ReadmeExampleTest {
    @Test
    void exampleRunsOnFourRanks() {
        List<Object[]> out = LocalCluster.call(4, Duration.ofSeconds(60), ReadmeExample::run);
        for (Object[] r : out) {
            assertEquals(42.0, r[0]);
            String json = (String) r[1];
            assertEquals(2, JsonCodec.read(json).ndim(), json);
            assertTrue(json.contains("\"periodic\":true") || json.contains("\"periodic\": true"), json);
        }
    }

    @Test
    void documentShowsTheTestedExample() throws Exception {
        String src = Files.readString(Path.of("src/test/java/org/jdistarray/array/ReadmeExample.java"));
        String body = src.substring(src.indexOf("// --- example start ---"), src.indexOf("// --- example end ---"));
        for (String page : new String[] {"README.md", "../README.md"}) {
            String doc = Files.readString(Path.of(page));
            for (String line : body.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                assertTrue(doc.contains(line), page + " lacks the example line: " + line);
            }
        }
    }
}
