package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JhdfGuard}: work reading a file in a loop (as jHDF does on metadata that loops) ends in an exception. */
class JhdfGuardTest {
    @TempDir
    Path dir;

    @Test
    void aReaderLoopingForeverIsStopped() throws Exception {
        Path f = dir.resolve("loop.h5");
        Files.write(f, new byte[4096]);
        String old = System.getProperty(JhdfGuard.PROPERTY);
        System.setProperty(JhdfGuard.PROPERTY, "1");
        try {
            ArrayFileException e = assertThrows(ArrayFileException.class, () -> JhdfGuard.bounded(f.toString(),
                    () -> {
                        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                            ByteBuffer b = ByteBuffer.allocate(64);
                            while (true) { // a continuation pointing back to itself
                                b.clear();
                                ch.read(b, 0);
                            }
                        }
                    }));
            assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the guard's interrupt is not left behind");
            assertEquals(7, (int) JhdfGuard.bounded(f.toString(), () -> 7), "honest work passes through");
        } finally {
            if (old == null) {
                System.clearProperty(JhdfGuard.PROPERTY);
            } else {
                System.setProperty(JhdfGuard.PROPERTY, old);
            }
        }
    }
}
