package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jdistarray.client.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdistarray shell}: a script runs non-interactively on thread engines with {@code ctx} and the imports ready
 * (its {@code /exit} code is the command's), input runs interactively, bad options exit 2, the mpirun command line is
 * right; and README.md shows the JShell session this test produces (so the transcript cannot rot).
 */
@Timeout(180)
class ShellCommandTest {
    /** The session shown in README.md: each line is typed at the prompt. */
    static final List<String> SESSION = List.of(
            "RemoteLayout layout = RemoteLayout.of(8).cyclic(0, 2)",
            "RemoteArray a = ctx.arrays().arange(layout, 0, 1, DType.FLOAT64)",
            "RemoteArray b = a.multiply(a)",
            "b.toDoubleArray()",
            "b.get(\"2:5\").toDoubleArray()",
            "ctx.arrays().descriptors(b).size()",
            "ctx.np().greater(b, 10.0).dtype()");

    @Test
    void scriptRunsOnThreadEngines(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.jsh");
        Files.writeString(script, String.join("\n",
                "RemoteArray a = ctx.fromArray(new double[] {1, 2, 3, 4}, 4);",
                "RemoteArray b = ctx.np().multiply(a, 2.0);",
                "System.out.println(\"engines=\" + ctx.engines() + \" b=\" + java.util.Arrays.toString(b.toDoubleArray()));",
                "System.out.println(\"dtype \" + (b.dtype() == DType.FLOAT64));",
                "/exit 3", ""));
        CliRun r = CliRun.of("shell", "--threads", "-n", "2", script.toString());
        assertTrue(r.out().contains("engines=2 b=[2.0, 4.0, 6.0, 8.0]"), r.out() + r.err());
        assertTrue(r.out().contains("dtype true"), r.out() + r.err());
        assertEquals(3, r.code(), r.out() + r.err());
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) {
        CliRun zero = CliRun.of("shell", "--threads", "-n", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("-n >= 1"), zero.err());
        CliRun missing = CliRun.of("shell", "--threads", dir.resolve("none.jsh").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("not a readable file"), missing.err());
    }

    @Test
    void mpirunCommandStartsNPlusOneRanks(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("x.jsh"), "/exit\n");
        CliRun r = CliRun.of("shell", "-n", "4", "--dry-run", script.toString());
        assertEquals(0, r.code(), r.err());
        String cmd = r.out().strip();
        assertTrue(cmd.contains(" -np 5 "), cmd);
        assertTrue(cmd.contains("--oversubscribe"), cmd); // 5 ranks on this 2-core machine
        assertTrue(cmd.endsWith(ShellSession.class.getName() + " " + script.toAbsolutePath()), cmd);
    }

    /** The session's transcript: the prompt and the typed line, then what JShell printed for it. */
    static String transcript(int engines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String input = String.join("\n", SESSION) + "\n";
        try (Context ctx = Context.embedded(engines); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int code = ShellSession.run(ctx, null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    out, out);
            assertEquals(0, code);
        }
        String[] parts = bytes.toString(StandardCharsets.UTF_8).split("jshell> ", -1);
        assertEquals(SESSION.size() + 2, parts.length, bytes.toString(StandardCharsets.UTF_8));
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < SESSION.size(); i++) {
            t.append("jshell> ").append(SESSION.get(i)).append('\n');
            String shown = parts[i + 1].strip();
            if (shown.startsWith(SESSION.get(i))) { // JShell echoes input that is not a terminal's
                shown = shown.substring(SESSION.get(i).length()).strip();
            }
            if (!shown.isEmpty()) {
                t.append(shown).append('\n');
            }
        }
        return t.toString();
    }

    @Test
    void readmeShowsTheSessionThisTestProduces() throws Exception {
        String t = transcript(2);
        assertTrue(t.contains("b ==> RemoteArray#"), t);
        assertTrue(t.contains("{ 0.0, 1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0 }"), t);
        assertTrue(t.contains("$6 ==> 2"), t); // one descriptor per engine
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("```\n$ bin/jdistarray shell --threads -n 2\n" + t + "```"),
                "README.md must show this transcript (after the line `$ bin/jdistarray shell --threads -n 2`):\n" + t);
    }
}
