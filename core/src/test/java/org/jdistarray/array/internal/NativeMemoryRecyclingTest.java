package org.jdistarray.array.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * {@link NativeMemory}'s recycling: a closed, never-viewed heap block is reused by the next allocation of its size on
 * the same thread (zeroed when asked), and nothing else is: viewed blocks, page mappings, other sizes, other threads'
 * blocks, blocks beyond the cache's slots.
 */
class NativeMemoryRecyclingTest {
    /** Runs {@code body} on a new thread: its recycling cache starts empty whatever ran before on the test thread. */
    private static void onFreshThread(Runnable body) throws Exception {
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        t.start();
        t.join();
        if (failed[0] instanceof Error e) {
            throw e;
        }
        if (failed[0] instanceof Exception e) {
            throw e;
        }
    }

    @Test
    void aClosedUnviewedBlockIsReusedBySameSizeOnTheSameThread() throws Exception {
        onFreshThread(NativeMemoryRecyclingTest::reusedBySameSize);
    }

    private static void reusedBySameSize() {
        NativeMemory a = NativeMemory.allocate(1000, false);
        long address = a.address();
        ByteBuffer c = a.chunks()[0];
        for (int i = 0; i < 1000; i++) {
            c.put(i, (byte) 7);
        }
        long before = NativeMemory.recycledCount();
        a.close();
        assertEquals(before + 1, NativeMemory.recycledCount());
        assertTrue(a.isReleased(), "the old owner holds nothing");
        assertNull(a.chunks()[0], "the old owner's chunk entry is cleared");
        try (NativeMemory b = NativeMemory.allocate(1000, true)) {
            assertEquals(address, b.address(), "the same block");
            for (int i = 0; i < 1000; i++) {
                assertEquals(0, b.chunks()[0].get(i), "zeroed on request, byte " + i);
            }
            assertEquals(1000, b.byteSize());
            assertEquals(1000, b.chunks()[0].capacity());
            assertTrue(!b.isReleased() && !b.isClosed());
        }
    }

    @Test
    void viewedMappedOtherSizedAndOtherThreadsBlocksAreNotReused() throws Exception {
        onFreshThread(() -> {
            try {
                notReused();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void notReused() throws InterruptedException {
        NativeMemory viewed = NativeMemory.allocate(2000, false);
        viewed.markViewed();
        long v = viewed.address();
        viewed.close();
        assertTrue(viewed.isQuarantined(), "a viewed block is quarantined, not recycled");
        try (NativeMemory next = NativeMemory.allocate(2000, false)) {
            assertNotEquals(v, next.address());
        }
        NativeMemory big = NativeMemory.allocate(NativeMemory.MAP_THRESHOLD, false);
        long before = NativeMemory.recycledCount();
        big.close();
        assertEquals(before, NativeMemory.recycledCount(), "page mappings are unmapped, not kept");
        NativeMemory odd = NativeMemory.allocate(3000, false);
        long o = odd.address();
        long kept = NativeMemory.recycledCount();
        odd.close();
        if (NativeMemory.recycledCount() > kept) { // kept (not freed, which would let malloc hand it out again)
            try (NativeMemory other = NativeMemory.allocate(3008, false)) {
                assertNotEquals(o, other.address(), "only the same size is reused");
            }
        }
        AtomicLong theirs = new AtomicLong();
        Thread t = new Thread(() -> {
            NativeMemory m = NativeMemory.allocate(4000, false);
            theirs.set(m.address());
            m.close(); // into that thread's cache
        });
        t.start();
        t.join();
        try (NativeMemory mine = NativeMemory.allocate(4000, false)) {
            assertNotEquals(theirs.get(), mine.address(), "another thread's cached block is not handed out here");
        }
    }

    @Test
    void atMostTheSlotsAreKept() throws Exception {
        onFreshThread(NativeMemoryRecyclingTest::slots);
    }

    private static void slots() {
        NativeMemory[] m = new NativeMemory[NativeMemory.RECYCLE_SLOTS + 3];
        for (int i = 0; i < m.length; i++) {
            m[i] = NativeMemory.allocate(5000 + 8 * i, false); // sizes no earlier test left in the cache
        }
        long before = NativeMemory.recycledCount();
        for (NativeMemory x : m) {
            x.close();
        }
        long kept = NativeMemory.recycledCount() - before;
        assertEquals(NativeMemory.RECYCLE_SLOTS, kept, "a fresh thread keeps as many as it has slots");
        int released = 0;
        for (NativeMemory x : m) {
            released += x.isReleased() ? 1 : 0;
        }
        assertEquals(m.length, released, "every closed block left its owner (kept or freed)");
        // the kept ones come back, each once
        java.util.Set<Long> again = new java.util.HashSet<>();
        for (int i = 0; i < m.length; i++) {
            try (NativeMemory y = NativeMemory.allocate(5000 + 8 * i, false)) {
                if (y.address() == m[i].address()) {
                    again.add(y.address());
                }
            }
        }
        assertTrue(again.size() >= kept, "reused " + again.size() + " of " + kept + " kept");
    }
}
