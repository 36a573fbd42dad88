package org.jdistarray.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the README's client-engine driver on 1-4 embedded engines (RemoteApiMpiIT runs its main under mpirun) and
 * checks that core/README.md and the root README show the tested code, with its imports.
 */
class ClientReadmeExampleTest {
    @ParameterizedTest(name = "{0} engines")
    @ValueSource(ints = {1, 2, 3, 4})
    void exampleRuns(int engines) {
        try (Context ctx = Context.embedded(engines)) {
            assertEquals("engines=" + engines + " sum=1.6777216E7 z[10:13]=[21.0, 23.0, 25.0]",
                    ClientReadmeExample.run(ctx));
            for (int c : ctx.sync()) {
                assertEquals(0, c, "the example leaves objects on the engines");
            }
            assertEquals(0, ctx.leaks());
        }
    }

    @Test
    void documentShowsTheTestedExample() throws Exception {
        String src = Files.readString(Path.of("src/test/java/org/jdistarray/client/ClientReadmeExample.java"));
        String body = src.substring(src.indexOf("// --- example start ---"), src.indexOf("// --- example end ---"));
        List<String> lines = body.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertTrue(lines.size() <= 22, "the README driver should stay about 20 lines, is " + lines.size());
        for (String page : new String[] {"README.md", "../README.md"}) {
            String doc = Files.readString(Path.of(page));
            for (String line : lines) {
                assertTrue(doc.contains(line), page + " lacks the client example line: " + line);
            }
            int at = doc.indexOf(lines.get(0));
            String block = doc.substring(doc.lastIndexOf("```java", at), at);
            for (String imp : List.of("import org.jdistarray.client.*;", "import org.jdistarray.protocol.DType;")) {
                assertTrue(block.contains(imp), page + ": the client example's block must show " + imp);
            }
        }
    }
}
