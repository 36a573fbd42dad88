package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jHDF engine's save holds no more than about one block per rank (memory counted, not timed): in a forked JVM
 * with a 64 MiB heap ({@link JhdfSaveMemoryMain}), 2 thread ranks save a 256 MiB float64 array (blocks of 128 MiB,
 * each larger than the heap) and the process's peak resident memory grows by less than half a block during the
 * save (gathering the array on rank 0, as jHDF writes did before, would add the whole 256 MiB, and the Java arrays
 * jHDF takes would not fit the heap at all). The file reads back with every sampled value right. The same for a
 * chunked, gzip-compressed dataset (cut into chunks from a scratch file on rank 0) and for an append, which copies
 * the file's 256 MiB dataset into the new file beside the new one; each file is read back in the same small heap
 * (the chunked reader keeps per-chunk index lists for block axes, not per-block ones).
 */
class JhdfSaveMemoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"contiguous", "gzip", "append"})
    void saveHoldsAboutOneBlockPerRank(String what) throws Exception {
        Path file = dir.resolve("big.h5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-Djdistarray.progress=false", "-cp",
                System.getProperty("java.class.path"), JhdfSaveMemoryMain.class.getName(), file.toString(), "256",
                what);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK block " + (128L << 20)), out);
        long grew = Long.parseLong(out.replaceAll("(?s).*grew (-?\\d+).*", "$1"));
        assertTrue(grew < (64L << 20), "peak resident memory grew by " + grew + " bytes during the save: " + out);
        long size = Long.parseLong(out.replaceAll("(?s).*file (\\d+).*", "$1"));
        assertTrue(what.equals("gzip") ? size > 0 && size < (128L << 20) : size >= (256L << 20), out);
    }
}
