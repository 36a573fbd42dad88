package org.jdistarray.array;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code /usr/bin/python3} with NumPy and the project's {@code python/jdistarray_dap.py}. */
final class DapPython {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static volatile String skip;
    private static volatile boolean probed;

    private DapPython() {
    }

    /** The repository's {@code python} directory (searched upwards from the working directory). */
    static Path moduleDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("python/jdistarray_dap.py"))) {
                return p.resolve("python");
            }
        }
        throw new IllegalStateException("python/jdistarray_dap.py not found above " + Path.of("").toAbsolutePath());
    }

    /** Null if python3 with numpy runs here, else why not. */
    static synchronized String skipReason() {
        if (!probed) {
            probed = true;
            try {
                if (!Files.isExecutable(PYTHON)) {
                    skip = "/usr/bin/python3 is not installed";
                } else {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").redirectErrorStream(true)
                            .start();
                    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        skip = "Debian's numpy (python3-numpy) is not importable by /usr/bin/python3";
                    }
                }
            } catch (IOException | InterruptedException e) {
                skip = "cannot run python3: " + e;
            }
        }
        return skip;
    }

    /** The test driver {@code dap_check.py}, copied next to the module's directory into {@code dir}. */
    static Path script(Path dir) {
        Path s = dir.resolve("dap_check.py");
        try (InputStream in = DapPython.class.getResourceAsStream("dap_check.py")) {
            Files.copy(in, s, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** Starts {@code python3 args...} with the module on its path. */
    static Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", moduleDir().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return pb.start();
    }

    /** Runs {@code python3 args...} to completion; returns its output, or throws with it on failure. */
    static String run(String... args) throws IOException, InterruptedException {
        Process p = start(List.of(args));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python timed out: " + out);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("python " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + out);
        }
        return out;
    }
}
