package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.protocol.JsonCodec;
import org.junit.jupiter.api.Test;

/** Runs the README example on 4 thread ranks and checks that core/README.md and the
 * root README show the tested code, with the imports it needs (each an existing class). */
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
        List<String> lines = body.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        Set<String> imports = new TreeSet<>(importsOf(src));
        // the example's own package needs no import in ReadmeExample, but it does on the page
        Matcher m = Pattern.compile("\\b[A-Z]\\w*").matcher(body);
        while (m.find()) {
            if (isClass(ReadmeExample.class.getPackageName() + "." + m.group())) {
                imports.add(ReadmeExample.class.getPackageName() + "." + m.group());
            }
        }
        for (String page : new String[] {"README.md", "../README.md"}) {
            String doc = Files.readString(Path.of(page));
            for (String line : lines) {
                assertTrue(doc.contains(line), page + " lacks the example line: " + line);
            }
            int at = doc.indexOf(lines.get(0));
            String block = doc.substring(doc.lastIndexOf("```java", at), at);
            List<String> shown = importsOf(block);
            assertEquals(List.copyOf(imports), shown, page + ": the example's block must import what it uses");
            for (String name : shown) {
                assertTrue(isClass(name), page + " imports " + name + ", which does not exist");
            }
        }
    }

    private static List<String> importsOf(String text) {
        return text.lines().map(String::strip).filter(l -> l.startsWith("import "))
                .map(l -> l.substring("import ".length(), l.length() - 1)).toList();
    }

    private static boolean isClass(String name) {
        try {
            Class.forName(name, false, ReadmeExampleTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
