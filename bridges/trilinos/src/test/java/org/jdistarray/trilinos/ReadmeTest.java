package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The bridge README's program is ReadmeExample's body (which ReadmeOnMpi runs under mpirun): it cannot drift. */
class ReadmeTest {
    @Test
    void readmeShowsTheTestedProgram() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/jdistarray/trilinos/ReadmeExample.java"),
                StandardCharsets.UTF_8);
        int begin = indexOf(source, "// README-BEGIN");
        int end = indexOf(source, "// README-END");
        String body = source.subList(begin + 1, end).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + body + "\n```"), "README.md must show ReadmeExample's body:\n" + body);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " not found");
    }
}
