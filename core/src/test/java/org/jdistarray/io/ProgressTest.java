package org.jdistarray.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.jdistarray.comm.local.LocalCluster;
import org.junit.jupiter.api.Test;

/** The progress line: silent for 2 s, then bytes, rate and time left; only rank 0; off when asked (a fake clock). */
class ProgressTest {
    @Test
    void silentFirstThenBytesRateAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long[] now = {0};
        // rank 0 moves 100 MiB of a 200 MiB transfer
        Progress p = new Progress(out, () -> now[0], "loadNpy a.npy", 100L << 20, 200L << 20);
        now[0] = 1_000_000_000L;
        p.add(10L << 20);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing before 2 s");
        now[0] = 4_000_000_000L;
        p.add(40L << 20); // half of its part after 4 s: 100 MiB of 200, 25 MiB/s, 4 s left
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("loadNpy a.npy: 100.0 MiB / 200.0 MiB (50%), 25.0 MiB/s, 4 s left"), line);
        now[0] = 4_100_000_000L;
        p.add(1L << 20);
        assertEquals(line, bytes.toString(StandardCharsets.UTF_8), "at most twice a second");
        now[0] = 8_000_000_000L;
        p.add(49L << 20);
        p.close();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("200.0 MiB / 200.0 MiB (100%), 25.0 MiB/s, 0 s left   \n"), all);
    }

    @Test
    void onlyRankZeroAndOffWhenAsked() {
        String before = System.getProperty(Progress.PROPERTY);
        try {
            System.setProperty(Progress.PROPERTY, "false");
            LocalCluster.run(2, comm -> assertSame(Progress.NONE, Progress.start(comm, "x", 10, 20)));
            System.setProperty(Progress.PROPERTY, "true");
            LocalCluster.run(2, comm -> {
                Progress p = Progress.start(comm, "x", 10, 20);
                assertEquals(comm.rank() != 0, p == Progress.NONE);
            });
        } finally {
            if (before == null) {
                System.clearProperty(Progress.PROPERTY);
            } else {
                System.setProperty(Progress.PROPERTY, before);
            }
        }
        assertFalse(Progress.NONE.shown());
        assertEquals("1.5 KiB", Progress.bytes(1536));
    }
}
