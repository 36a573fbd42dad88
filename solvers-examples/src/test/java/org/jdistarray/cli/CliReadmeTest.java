package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root README's console block shows what the CLI prints: each {@code $ bin/jdistarray ...} line is run. */
class CliReadmeTest {

    @Test
    void readmeConsoleBlockIsWhatTheCommandsPrint() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```console\n$ bin/jdistarray describe");
        assertTrue(start >= 0, "the README's describe console block is missing");
        List<String> lines = readme.substring(start, readme.indexOf("\n```", start + 1)).lines().skip(1).toList();
        List<String> command = null;
        List<String> expected = new ArrayList<>();
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("$ ")) {
                checked += check(command, expected);
                String[] words = line.substring(2).split(" ");
                assertEquals("bin/jdistarray", words[0], line);
                command = List.of(words).subList(1, words.length);
                expected.clear();
            } else {
                expected.add(line);
            }
        }
        checked += check(command, expected);
        assertEquals(3, checked, "commands checked");
    }

    private static int check(List<String> command, List<String> expected) {
        if (command == null) {
            return 0;
        }
        CliRun r = CliRun.of(command.toArray(String[]::new));
        assertEquals(0, r.code(), command + ": " + r.err());
        assertEquals(String.join("\n", expected), r.out().stripTrailing(), "README output of " + command);
        return 1;
    }
}
