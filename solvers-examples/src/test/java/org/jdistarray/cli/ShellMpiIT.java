package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdistarray.testing.EnabledIfMpirun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdistarray shell -n 1 script.jsh} under the mpirun it starts (1 client + 1 engine): the script's snippets
 * drive the engine through {@code ctx}, its {@code /exit 3} is the exit code, and piped input runs interactively.
 */
@Tag("mpi")
@EnabledIfMpirun
class ShellMpiIT {
    private static String[] run(Path dir, String input, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JDistArrayCli.class.getName(), "shell", "-n", "1"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd + "\n" + Files.readString(out));
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8)};
    }

    @Test
    void scriptAndInteractiveInputUnderMpirun(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("s.jsh"), String.join("\n",
                "RemoteArray a = ctx.fromArray(new double[] {1, 2, 3, 4}, 4);",
                "RemoteArray b = ctx.np().multiply(a, 2.0);",
                "System.out.println(\"engines=\" + ctx.engines() + \" b=\" + java.util.Arrays.toString(b.toDoubleArray()));",
                "/exit 3", ""));
        String[] r = run(dir, "", script.toString());
        assertTrue(r[1].contains("engines=1 b=[2.0, 4.0, 6.0, 8.0]"), r[1]);
        assertEquals("3", r[0], r[1]);
        String[] i = run(dir, "RemoteArray a = ctx.fromArray(new double[] {5, 6}, 2)\nSystem.out.println(\"got \" + a.getDouble(1))\n");
        assertTrue(i[1].contains("got 6.0"), i[1]);
        assertEquals("0", i[0], i[1]);
    }
}
