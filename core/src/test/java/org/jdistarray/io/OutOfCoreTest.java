package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-core arrays: {@link OutOfCoreMain} in a forked JVM with {@code -Xmx64m -XX:MaxDirectMemorySize=64m} maps a
 * 256 MiB {@code .npy} file ({@code memmapNpy}), fills, updates and sums it through the ordinary operations and reads
 * it back; the sums are the exact reference. The file is four times the heap and the direct-memory limits.
 */
class OutOfCoreTest {
    @TempDir
    Path dir;

    @Test
    void arrayLargerThanHeapAndDirectMemory() throws Exception {
        Path file = dir.resolve("big.npy");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-XX:MaxDirectMemorySize=64m", "-cp",
                System.getProperty("java.class.path"), OutOfCoreMain.class.getName(), file.toString(), "256");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK file " + (128 + (256L << 20)) + " bytes"), out);
        long heap = Long.parseLong(out.replaceAll("(?s).*heap limit (\\d+) bytes.*", "$1"));
        assertTrue(heap < Files.size(file) / 2, "the heap limit " + heap + " is below the file's size: " + out);
        Files.delete(file);
    }
}
