package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.comm.local.ThreadCommunicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 3: a view kept past {@link DistArray#close()} never crashes the JVM and never reaches another
 * array's memory; after close it reads zeros; the memory is returned at close and the address range when the views
 * are unreachable, without counting as a leak.
 */
class UseAfterCloseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Distribution block(Communicator comm, long n) {
        return Distribution.fromShape(comm, new long[] {n}, List.of(DistKind.BLOCK));
    }

    /** Resident set size of this process in bytes ({@code VmRSS} of /proc/self/status). */
    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Runs the collector until {@code released} holds (or 20 s pass). */
    private static void collectUntil(java.util.function.BooleanSupplier released) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!released.getAsBoolean() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void writeAfterCloseThroughAKeptViewOfA512MiBArrayNeitherCrashesNorLeaks() throws Exception {
        assumeTrue(NativeMemory.mapsLargeBlocks(), "page mappings need Linux x86-64/aarch64");
        long leaks = NativeMemory.leakCount();
        long n = 1L << 26; // 512 MiB of float64
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            DistArray x = DistArrays.zeros(block(solo, n), DType.FLOAT64);
            DoubleBuffer b = x.local().asDoubles();
            x.fill(2.0); // touch every page
            long resident = rss();
            x.close();
            long released = resident - rss();
            assertTrue(released > 400L << 20, "memory returned at close: " + (released >> 20) + " MiB");
            assertTrue(x.storage().isQuarantined(), "address range kept for the view");
            try (DistArray y = DistArrays.full(block(solo, n), DType.FLOAT64, 3.0)) {
                assertEquals(0.0, b.get(1000), "reads zeros after close");
                b.put(1000, 1.0); // the SIGSEGV of issue 11
                b.put((int) n - 1, 5.0);
                assertEquals(1.0, b.get(1000), "the write lands on a private page of the old range");
                assertEquals(3.0, y.local().getDouble(1000), "a new array is untouched");
                assertEquals(3.0, y.local().getDouble(n - 1));
                assertThrows(IllegalStateException.class, () -> x.local());
            }
            b = null;
            collectUntil(x.storage()::isReleased);
            assertTrue(x.storage().isReleased(), "unmapped once the view is unreachable");
        }
        assertEquals(leaks, NativeMemory.leakCount(), "a freed quarantined block is not a leak");
    }

    @Test
    void smallHeapBlocksAreZeroedAtCloseAndNeverReusedWhileViewed() throws Exception {
        long leaks = NativeMemory.leakCount();
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            DistArray x = DistArrays.full(block(solo, 100), DType.FLOAT64, 9.0);
            DoubleBuffer b = x.local().asDoubles();
            ByteBuffer e = x.export().buffer();
            x.close();
            DistArray[] others = new DistArray[50];
            for (int i = 0; i < others.length; i++) {
                others[i] = DistArrays.full(block(solo, 100), DType.FLOAT64, 7.0);
            }
            assertEquals(0.0, b.get(50), "zeroed at close");
            for (int i = 0; i < 100; i++) {
                b.put(i, -1.0);
                e.putDouble(8 * i, -2.0);
            }
            for (DistArray o : others) {
                for (long i = 0; i < 100; i++) {
                    assertEquals(7.0, o.local().getDouble(i), "no other array sees the writes");
                }
                o.close();
            }
            assertTrue(x.storage().isQuarantined());
            b = null;
            e = null;
            collectUntil(x.storage()::isReleased);
            assertTrue(x.storage().isReleased(), "freed once the views are unreachable");
        }
        assertEquals(leaks, NativeMemory.leakCount());
    }

    @Test
    void arraysWithoutViewsAreFreedAtOnce() {
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            for (long n : new long[] {10, 1 << 20}) {
                DistArray x = DistArrays.ones(block(solo, n), DType.FLOAT32);
                x.fill(3.0);
                x.local().setDouble(0, 4.0);
                assertEquals(4.0, x.local().getDouble(0));
                DistArray y = x.astype(DType.INT16);
                assertEquals(3, y.getLong(n - 1));
                x.close();
                y.close();
                assertTrue(x.storage().isReleased() && y.storage().isReleased(), "internal access is not a view");
            }
        }
    }

    @Test
    void keptViewsOfPaddedBlocksStaySafeOnThreadRanks() {
        for (int p : new int[] {1, 2, 3, 4, 7}) {
            LocalCluster.run(p, TIMEOUT, comm -> {
                long leaks = NativeMemory.leakCount();
                Distribution d = Distribution.builder(comm).shape(40L * comm.size() + 3, 1000)
                        .padding(0, 1, 0).build(); // 8 MB per rank, mapped, uneven blocks
                DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 1000 + g[1]);
                DoubleBuffer b = x.local().asDoubles();
                ByteBuffer c = x.local().chunk(0);
                x.exchangeGhosts();
                x.close();
                try (DistArray y = DistArrays.full(d, DType.FLOAT64, 1.5)) {
                    for (int i = 0; i < b.capacity(); i += 997) {
                        assertEquals(0.0, b.get(i), "rank " + comm.rank() + " reads zeros");
                        b.put(i, 42.0);
                        c.put(i * 8 + 1, (byte) 1);
                    }
                    y.exchangeGhosts();
                    for (long i = 0; i < y.local().elementCount(); i += 997) {
                        assertEquals(1.5, y.local().getDouble(i));
                    }
                }
                assertEquals(leaks, NativeMemory.leakCount());
            });
        }
    }

    @Test
    void chunkedMemoryQuarantinesUntilEveryViewedChunkIsUnreachable() throws Exception {
        long leaks = NativeMemory.leakCount();
        NativeMemory m = NativeMemory.allocateChunked(1 << 20, 16, true); // 16 chunks
        ByteBuffer[] kept = {m.chunks()[3].duplicate(), m.chunks()[15].asReadOnlyBuffer()};
        m.markViewed();
        m.close();
        m.close();
        assertTrue(m.isQuarantined());
        kept[0].putLong(0, 17);
        assertEquals(0, kept[1].getLong(8));
        kept[0] = null;
        System.gc();
        Thread.sleep(50);
        assertTrue(m.isQuarantined(), "chunk 15 still viewed");
        kept[1] = null;
        collectUntil(m::isReleased);
        assertTrue(m.isReleased());
        assertEquals(leaks, NativeMemory.leakCount());
    }

    @Test
    void theSafetyValveHintsTheCollectorWhenTooManyBlocksAreQuarantined() throws Exception {
        long hints = NativeMemory.gcHintCount();
        List<NativeMemory> blocks = new java.util.ArrayList<>();
        List<ByteBuffer> views = new java.util.ArrayList<>();
        for (int i = 0; i <= NativeMemory.QUARANTINE_COUNT_LIMIT + 1; i++) {
            NativeMemory m = NativeMemory.allocate(16, false);
            views.add(m.chunks()[0].duplicate());
            m.markViewed();
            blocks.add(m);
        }
        Thread.sleep(110); // the valve hints at most every 100 ms
        blocks.forEach(NativeMemory::close);
        assertTrue(NativeMemory.quarantinedCount() > NativeMemory.QUARANTINE_COUNT_LIMIT);
        assertTrue(NativeMemory.gcHintCount() > hints, "System.gc() hinted past the limit");
        views.clear();
        collectUntil(() -> blocks.stream().allMatch(NativeMemory::isReleased));
        assertTrue(blocks.stream().allMatch(NativeMemory::isReleased));
    }

    @Test
    void manyQuarantinedBlocksAreReleasedOnceTheirViewsDie() throws Exception {
        List<DistArray> closed = new java.util.ArrayList<>();
        try (ThreadCommunicator solo = ThreadCommunicator.solo()) {
            for (int i = 0; i < 3 * NativeMemory.QUARANTINE_COUNT_LIMIT; i++) {
                DistArray x = DistArrays.zeros(block(solo, 64), DType.INT64);
                x.local().asLongs().put(0, i);
                x.close();
                closed.add(x);
            }
        }
        collectUntil(() -> closed.stream().allMatch(a -> a.storage().isReleased()));
        assertTrue(closed.stream().allMatch(a -> a.storage().isReleased()));
    }
}
