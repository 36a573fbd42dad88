package org.jdistarray.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code h5_interop.py} with Debian's {@code /usr/bin/python3} and h5py (tests only). */
final class H5py {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static volatile String skip;
    private static volatile boolean probed;

    private H5py() {
    }

    /** Null if python3 with h5py and h5dump are there, else why the interop tests are skipped. */
    static synchronized String skipReason() throws IOException, InterruptedException {
        if (!probed) {
            if (!Files.isExecutable(PYTHON)) {
                skip = "/usr/bin/python3 is not installed";
            } else if (!Files.isExecutable(Path.of("/usr/bin/h5dump"))) {
                skip = "h5dump (hdf5-tools) is not installed";
            } else {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py").redirectErrorStream(true)
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    skip = "h5py (python3-h5py) is not importable by /usr/bin/python3";
                }
            }
            probed = true;
        }
        return skip;
    }

    static String run(Path dir, String... args) throws IOException, InterruptedException {
        Path script = dir.resolve("h5_interop.py");
        if (!Files.exists(script)) {
            try (InputStream in = H5py.class.getResourceAsStream("h5_interop.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("h5_interop.py timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("h5_interop.py " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }
}
