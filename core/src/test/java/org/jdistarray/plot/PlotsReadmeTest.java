package org.jdistarray.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;
import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's picture example on 4 thread ranks and checks that core/README.md shows exactly that code. */
class PlotsReadmeTest {
    @TempDir
    Path dir;

    @Test
    void exampleRunsOnFourRanksAndWritesItsFiles() throws Exception {
        List<Picture> plans = LocalCluster.call(4, Duration.ofSeconds(60), comm -> PlotsReadmeExample.run(comm, dir));
        for (String f : new String[] {"ghosts.png", "values.png"}) {
            assertTrue(ImageIO.read(dir.resolve(f).toFile()).getWidth() > 100, f);
        }
        assertTrue(Files.readString(dir.resolve("ghosts.svg")).contains("clipPath"), "hatched ghosts in the SVG");
        assertTrue(plans.get(3).svg().contains("to column blocks"));
    }

    @Test
    void readmeShowsTheTestedExample() throws Exception {
        String src = Files.readString(Path.of("src/test/java/org/jdistarray/plot/PlotsReadmeExample.java"));
        String body = src.substring(src.indexOf("// --- example start ---"), src.indexOf("// --- example end ---"));
        List<String> lines = body.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        String doc = Files.readString(Path.of("README.md"));
        for (String line : lines) {
            assertTrue(doc.contains(line), "README.md lacks the example line: " + line);
        }
        int at = doc.indexOf(lines.get(0));
        String block = doc.substring(doc.lastIndexOf("```java", at), at);
        List<String> imports = new java.util.ArrayList<>(src.lines().filter(l -> l.startsWith("import org.jdistarray."))
                .toList());
        for (String own : new String[] {"Picture", "PlotOptions", "Plots"}) { // same package here, imported on the page
            imports.add("import org.jdistarray.plot." + own + ";");
        }
        java.util.Collections.sort(imports);
        assertEquals(imports, block.lines().filter(l -> l.startsWith("import ")).toList(),
                "the README block imports what the example uses");
    }
}
