package org.jdistarray.array.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Lifetime of shared segments: owner-only mode, unlink on close, attach bounds, and the removal of segments a
 * crashed process (Java or Python) left behind.
 */
class SharedSegmentTest {

    private static String run(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", pythonDir().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return out.strip();
    }

    private static Path pythonDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("python/jdistarray_dap.py"))) {
                return p.resolve("python");
            }
        }
        throw new IllegalStateException("python/jdistarray_dap.py not found");
    }

    private static boolean numpy() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void ownerOnlyZeroedAndUnlinkedOnClose() throws Exception {
        SharedSegment s = SharedSegment.create(1000);
        Path p = s.path();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals(0, NativeMemory.addressOf(s.buffer()) % NativeMemory.ALIGNMENT);
        assertEquals(1000, s.buffer().capacity());
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, s.buffer().get(i));
        }
        s.buffer().putDouble(8, 2.5);
        try (SharedSegment other = SharedSegment.attach(p, 0, 1000, false)) {
            assertEquals(2.5, other.buffer().getDouble(8));
            assertFalse(other.isOwner());
        }
        assertTrue(Files.exists(p), "an attached segment's close must not unlink");
        SharedSegment importer = SharedSegment.attach(p, 0, 1000, false);
        s.close();
        assertFalse(Files.exists(p));
        if (NativeMemory.mapsLargeBlocks()) {
            assertEquals(0.0, s.buffer().getDouble(8), "the pages were returned at close");
            assertEquals(0.0, importer.buffer().getDouble(8), "an importer's mapping reads zeros after the close");
        }
        importer.close();
        s.buffer().putDouble(8, 1.0); // a view after close: the unlinked mapping, never a crash
        assertEquals(1.0, s.buffer().getDouble(8));
        s.close();
    }

    @Test
    void attachRefusesBlocksBeyondTheFile() {
        try (SharedSegment s = SharedSegment.create(64)) {
            assertThrows(IllegalArgumentException.class, () -> SharedSegment.attach(s.path(), 0, 128, false));
            assertThrows(IllegalArgumentException.class, () -> SharedSegment.attach(s.path(), 60, 8, false));
            s.buffer().putLong(8, 42);
            try (SharedSegment at8 = SharedSegment.attach(s.path(), 8, 56, false)) { // not page aligned: fine
                assertEquals(42, at8.buffer().getLong(0));
            }
        }
    }

    @Test
    void segmentsOfACrashedJavaProcessAreRemovedByThePythonModule() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path seg = Path.of(run(java, "-cp", System.getProperty("java.class.path"),
                SharedSegmentCrashMain.class.getName()));
        assertTrue(Files.exists(seg), "the crashed process's segment is left: " + seg);
        if (numpy()) {
            String out = run("/usr/bin/python3", "-c", "import jdistarray_dap as d; print(d.sweep_stale())");
            assertTrue(Integer.parseInt(out.lines().reduce((a, b) -> b).orElse("0")) >= 1, out);
        } else {
            assertTrue(SharedSegment.sweepStale() >= 1);
        }
        assertFalse(Files.exists(seg));
    }

    @Test
    void aNormalExitWithoutCloseLeavesNothing() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path seg = Path.of(run(java, "-cp", System.getProperty("java.class.path"),
                SharedSegmentCrashMain.class.getName(), "exit"));
        assertTrue(seg.getFileName().toString().startsWith("jdistarray-"), seg.toString());
        assertFalse(Files.exists(seg), "the shutdown hook must unlink what was not closed: " + seg);
    }

    @Test
    void aNormalPythonExitWithoutCloseLeavesNothing() throws Exception {
        assumeTrue(numpy(), "needs /usr/bin/python3 with numpy");
        Path seg = Path.of(run("/usr/bin/python3", "-c", "import jdistarray_dap as d\n"
                + "e = d.empty((10,), 'f8'); e.array[:] = 1; print(e.segment)"));
        assertTrue(seg.getFileName().toString().startsWith("jdistarray-py-"), seg.toString());
        assertFalse(Files.exists(seg), "atexit must unlink what was not closed: " + seg);
    }

    @Test
    void segmentsOfAKilledPythonProcessAreRemovedOnTheNextStart() throws Exception {
        assumeTrue(numpy(), "needs /usr/bin/python3 with numpy");
        String out = run("/usr/bin/python3", "-c", "import os, signal, jdistarray_dap as d\n"
                + "e = d.empty((10,), 'f8'); print(e.segment, flush=True); os.kill(os.getpid(), signal.SIGKILL)");
        Path seg = Path.of(out.lines().findFirst().orElseThrow());
        assertTrue(Files.exists(seg), "the killed process's segment is left: " + seg);
        assertTrue(SharedSegment.sweepStale() >= 1);
        assertFalse(Files.exists(seg));
        Path live = SharedSegment.SHM_DIR.resolve("jdistarray-" + ProcessHandle.current().pid() + "-live.shm");
        Files.writeString(live, "x");
        try {
            SharedSegment.sweepStale();
            assertTrue(Files.exists(live), "a live process's segment must stay");
        } finally {
            Files.deleteIfExists(live);
        }
    }
}
