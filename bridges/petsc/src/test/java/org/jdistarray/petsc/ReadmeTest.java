package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The bridge's and the root README's program is ReadmeExample's body (which PetscMpiIT runs): the documentation cannot drift. */
class ReadmeTest {
    @Test
    void readmeShowsTheTestedProgram() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/jdistarray/petsc/ReadmeExample.java"),
                StandardCharsets.UTF_8);
        int begin = indexOf(source, "// README-BEGIN");
        int end = indexOf(source, "// README-END");
        String body = source.subList(begin + 1, end).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        for (String page : new String[] {"README.md", "../../README.md"}) {
            String readme = Files.readString(Path.of(page), StandardCharsets.UTF_8);
            assertTrue(readme.contains("```java\n" + body + "\n```"), page + " must show ReadmeExample's body:\n" + body);
        }
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
