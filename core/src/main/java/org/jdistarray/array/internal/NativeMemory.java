package org.jdistarray.array.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.lang.ref.Cleaner;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Off-heap memory, 64-byte aligned, exposed as native-order direct {@link ByteBuffer} chunks: blocks of at least
 * {@link #MAP_THRESHOLD} bytes are private anonymous page mappings ({@code mmap} through JNA, Linux), smaller ones
 * (and every block where {@code mmap} is not bound) come from the C heap ({@code malloc}). The only place of the
 * array layer that touches JNA.
 *
 * <p><b>Chunks.</b> A direct buffer holds at most {@code 2^31 - 1} bytes. A block up to that size is one chunk whose
 * address is {@link #address()}; a larger block is cut into chunks of {@code 2^30} bytes (a multiple of every element
 * size, so no element straddles two chunks), each 64-byte aligned, contiguous in memory.
 *
 * <p><b>Ownership and use after close.</b> No use of a buffer handed out earlier may crash the JVM or touch another
 * block's memory, and hot loops over such buffers must stay unchecked. So {@link #close()} (idempotent, atomic) does
 * one of two things:
 * <ul>
 *   <li>if no chunk was ever handed out as a view ({@link #markViewed()}: the array layer calls it when a buffer
 *   leaves the kernel layer), the memory is released at once ({@code munmap} / {@code free});</li>
 *   <li>otherwise the block is <em>quarantined</em>: its contents are released at once (mapped blocks:
 *   {@code madvise(MADV_DONTNEED)}, the physical pages go back to the system; heap blocks: zeroed), the address range
 *   stays reserved, and it is unmapped or freed when the garbage collector finds the last view unreachable. Reads
 *   through a view after close see zeros (or what was written through a view after close); writes reach no other
 *   block. A quarantined block freed this way is not a leak.</li>
 * </ul>
 * A {@link Cleaner} is otherwise only a leak net: it frees memory whose owner was never closed, once the owner and
 * every buffer derived from its chunks are unreachable (derived buffers keep their chunk reachable), counts it in
 * {@link #leakCount()} and reports it on the {@link System.Logger} of this class. Safety valve: when more than
 * {@link #QUARANTINE_COUNT_LIMIT} blocks or {@link #QUARANTINE_BYTES_LIMIT} bytes of address space are quarantined, a
 * close hints the collector ({@code System.gc()}, at most every 100 ms), as the JDK does for direct memory.
 * A raw {@link #address()} used by native code after close is outside this protection (arrays count borrows for it).
 *
 * <p><b>Recycling.</b> A block from the C heap (under {@link #MAP_THRESHOLD} bytes) that was never viewed is not freed
 * on close but kept, with its chunk buffer and its leak-net registration, in a small per-thread cache
 * ({@link #RECYCLE_SLOTS} blocks), and the next allocation of the same size on that thread takes it: an element-wise
 * operation that makes a new small result each call skips {@code malloc}, the direct buffer's creation, the
 * {@code Cleaner} registration and {@code free} (0.30 µs a 16 KB block on this kind of machine, more than the add of
 * 2048 doubles). Only never-viewed blocks qualify: no buffer of theirs left the kernel layer, so nothing outside can
 * reach the memory its next owner writes; the old owner's chunk entries are cleared. A cached block whose thread ends
 * is freed by the leak net without counting as a leak.
 */
public final class NativeMemory implements AutoCloseable {
    /** Alignment of every block and chunk, in bytes (a cache line; what AVX-512 loads want). */
    public static final int ALIGNMENT = 64;
    /** log2 of the chunk size of blocks that do not fit one buffer. */
    public static final int DEFAULT_CHUNK_SHIFT = 30;
    /** Blocks of at least this many bytes are page mappings (where {@code mmap} is available). */
    public static final long MAP_THRESHOLD = 64 * 1024;
    /** Blocks kept per thread for reuse ({@code Recycling} in the class comment). */
    public static final int RECYCLE_SLOTS = 8;
    /** Quarantined blocks above which a close hints the garbage collector. */
    public static final int QUARANTINE_COUNT_LIMIT = 1024;
    /** Quarantined bytes of address space above which a close hints the garbage collector (16 GiB). */
    public static final long QUARANTINE_BYTES_LIMIT = 1L << 34;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LEAKS = new AtomicLong();
    private static final AtomicInteger QUARANTINED = new AtomicInteger();
    private static final AtomicLong QUARANTINED_BYTES = new AtomicLong();
    private static final AtomicLong GC_HINTS = new AtomicLong();
    private static final AtomicLong LAST_GC_HINT = new AtomicLong(System.nanoTime() - 1_000_000_000L);
    private static final System.Logger LOG = System.getLogger(NativeMemory.class.getName());
    private static final AtomicLong RECYCLED_COUNT = new AtomicLong();

    /** A closed, never-viewed heap block waiting on its thread for the next allocation of its size. */
    private record Recycled(long byteSize, long address, ByteBuffer chunk, Freer freer, Cleaner.Cleanable cleanable) {
    }

    private static final ThreadLocal<Recycled[]> RECYCLED = ThreadLocal.withInitial(() -> new Recycled[RECYCLE_SLOTS]);

    private final long byteSize;
    private final long address;
    private final int chunkShift;
    private final ByteBuffer[] chunks;
    private final Freer freer;
    private final Cleaner.Cleanable[] cleanables;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean viewed;
    /** Closed into the per-thread cache: this object no longer owns the memory. */
    private volatile boolean recycled;

    /** A recycled block for a new owner ({@link #allocate}). */
    private NativeMemory(Recycled r, boolean zero) {
        this.byteSize = r.byteSize();
        this.address = r.address();
        this.chunkShift = 31;
        this.chunks = new ByteBuffer[] {r.chunk()};
        this.freer = r.freer();
        this.cleanables = new Cleaner.Cleanable[] {r.cleanable()};
        freer.mode = Freer.OPEN;
        if (zero) {
            new Pointer(address).setMemory(0, byteSize, (byte) 0);
        }
    }

    private NativeMemory(long byteSize, int chunkShift, boolean zero) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative allocation size " + byteSize);
        }
        if (chunkShift < 6 || chunkShift > DEFAULT_CHUNK_SHIFT) {
            throw new IllegalArgumentException("chunk shift " + chunkShift + " outside [6, 30]");
        }
        boolean mapped = byteSize >= MAP_THRESHOLD && PageMapping.AVAILABLE;
        long base;
        long reserved;
        if (mapped) {
            reserved = PageMapping.lengthFor(byteSize);
            base = PageMapping.map(reserved);
            this.address = base; // page aligned
        } else {
            reserved = Math.max(1, byteSize) + ALIGNMENT - 1;
            base = Native.malloc(reserved);
            if (base == 0) {
                throw new OutOfMemoryError("malloc of " + byteSize + " bytes of native memory failed");
            }
            this.address = (base + ALIGNMENT - 1) & -ALIGNMENT;
        }
        this.byteSize = byteSize;
        boolean single = byteSize <= Integer.MAX_VALUE && chunkShift == DEFAULT_CHUNK_SHIFT;
        this.chunkShift = single ? 31 : chunkShift;
        long chunkBytes = 1L << this.chunkShift;
        int n = byteSize == 0 ? 1 : (int) ((byteSize + chunkBytes - 1) >>> this.chunkShift);
        this.chunks = new ByteBuffer[n];
        Pointer p = new Pointer(address);
        for (int i = 0; i < n; i++) {
            long off = i * chunkBytes;
            long len = Math.min(chunkBytes, byteSize - off);
            chunks[i] = p.getByteBuffer(off, len).order(ByteOrder.nativeOrder());
        }
        if (zero && !mapped && byteSize > 0) {
            p.setMemory(0, byteSize, (byte) 0); // fresh mappings are zero already
        }
        this.freer = new Freer(base, reserved, mapped, address, byteSize, n);
        this.cleanables = new Cleaner.Cleanable[n];
        for (int i = 0; i < n; i++) {
            cleanables[i] = CLEANER.register(chunks[i], freer);
        }
    }

    /**
     * <b>Not collective.</b> Allocates {@code byteSize} bytes, 64-byte aligned. Caller must close the result.
     *
     * @param zero whether the memory must read as zero (free for page mappings) or may be uninitialised
     * @throws OutOfMemoryError if the system has no room
     */
    public static NativeMemory allocate(long byteSize, boolean zero) {
        if (byteSize > 0 && byteSize < MAP_THRESHOLD) {
            Recycled[] cache = RECYCLED.get();
            for (int i = 0; i < cache.length; i++) {
                Recycled r = cache[i];
                if (r != null && r.byteSize() == byteSize) {
                    cache[i] = null;
                    return new NativeMemory(r, zero);
                }
            }
        }
        return new NativeMemory(byteSize, DEFAULT_CHUNK_SHIFT, zero);
    }

    /** <b>Not collective.</b> Number of closed blocks kept for reuse since the JVM started (see Recycling). */
    public static long recycledCount() {
        return RECYCLED_COUNT.get();
    }

    /**
     * <b>Not collective.</b> As {@link #allocate(long, boolean)}, cut into chunks of {@code 2^chunkShift} bytes even
     * when the block would fit one buffer: lets tests exercise the multi-chunk paths with small blocks.
     */
    public static NativeMemory allocateChunked(long byteSize, int chunkShift, boolean zero) {
        return new NativeMemory(byteSize, chunkShift, zero);
    }

    /** <b>Not collective.</b> The native address of a direct buffer's first element (at index 0, not position). */
    public static long addressOf(Buffer directBuffer) {
        return org.jdistarray.comm.internal.DirectAddress.of(directBuffer);
    }

    /** <b>Not collective.</b> Number of blocks freed by the leak net (never closed) since the JVM started. */
    public static long leakCount() {
        return LEAKS.get();
    }

    /** <b>Not collective.</b> Number of closed blocks whose address range waits for its views to be unreachable. */
    public static int quarantinedCount() {
        return QUARANTINED.get();
    }

    /** <b>Not collective.</b> Bytes of address space held by quarantined blocks. */
    public static long quarantinedBytes() {
        return QUARANTINED_BYTES.get();
    }

    /** <b>Not collective.</b> Number of times the quarantine's safety valve hinted the collector. */
    public static long gcHintCount() {
        return GC_HINTS.get();
    }

    /** <b>Not collective.</b> Whether blocks of at least {@link #MAP_THRESHOLD} bytes are page mappings here. */
    public static boolean mapsLargeBlocks() {
        return PageMapping.AVAILABLE;
    }

    /** <b>Not collective.</b> The aligned address of the first byte. */
    public long address() {
        return address;
    }

    /** <b>Not collective.</b> Size in bytes. */
    public long byteSize() {
        return byteSize;
    }

    /** <b>Not collective.</b> log2 of the chunk size (31 for a block held in one chunk). */
    public int chunkShift() {
        return chunkShift;
    }

    /** <b>Not collective.</b> Whether the block is a page mapping (else C heap). */
    public boolean isMapped() {
        return freer.mapped;
    }

    /**
     * <b>Not collective.</b> The chunks (shared, not copied: do not change their position or limit; the kernel layer
     * only, see {@link #markViewed()}). After close its entries are null.
     */
    public ByteBuffer[] chunks() {
        return chunks;
    }

    /**
     * <b>Not collective.</b> Records that a buffer of this memory was handed out beyond the kernel layer (a view a
     * user or native code may keep): {@link #close()} then quarantines the block instead of freeing it at once.
     */
    public void markViewed() {
        if (!viewed) {
            viewed = true;
        }
    }

    /** <b>Not collective.</b> Whether a view was handed out ({@link #markViewed()}). */
    public boolean isViewed() {
        return viewed;
    }

    /**
     * <b>Not collective.</b> Whether the block is closed but its address range is still reserved for views that may
     * be reachable.
     */
    public boolean isQuarantined() {
        return freer.mode == Freer.QUARANTINED_MODE && freer.base.get() != 0;
    }

    /** <b>Not collective.</b> Whether the memory and its address range have been returned to the system. */
    public boolean isReleased() {
        return recycled || freer.base.get() == 0;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * <b>Not collective.</b> Releases the memory: at once if no view was handed out, else quarantines it (see the
     * class comment). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!viewed) {
            if (recycle()) {
                return;
            }
            freer.mode = Freer.CLOSED;
            for (Cleaner.Cleanable c : cleanables) {
                c.clean();
            }
            return;
        }
        freer.quarantine();
        Arrays.fill(chunks, null); // from now on only the views keep the chunks reachable
        if (QUARANTINED.get() > QUARANTINE_COUNT_LIMIT || QUARANTINED_BYTES.get() > QUARANTINE_BYTES_LIMIT) {
            long now = System.nanoTime();
            long last = LAST_GC_HINT.get();
            if (now - last > 100_000_000L && LAST_GC_HINT.compareAndSet(last, now)) {
                GC_HINTS.incrementAndGet();
                System.gc();
            }
        }
    }

    /** Puts this closed, never-viewed heap block into the thread's cache if it qualifies and a slot is free. */
    private boolean recycle() {
        if (chunks.length != 1 || chunkShift != 31 || freer.mapped || byteSize <= 0 || byteSize >= MAP_THRESHOLD) {
            return false;
        }
        Recycled[] cache = RECYCLED.get();
        for (int i = 0; i < cache.length; i++) {
            if (cache[i] == null) {
                freer.mode = Freer.CACHED;
                cache[i] = new Recycled(byteSize, address, chunks[0], freer, cleanables[0]);
                recycled = true;
                chunks[0] = null; // a stale internal reference to this object reaches no other owner's memory
                RECYCLED_COUNT.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /** Releases the block when the last chunk is cleaned; holds only addresses and counts (JNA's MemoryDisposer). */
    private static final class Freer implements Runnable {
        static final int OPEN = 0;
        static final int CLOSED = 1;
        static final int QUARANTINED_MODE = 2;
        /** In a thread's recycling cache: freed, not counted as a leak, if the cache is dropped. */
        static final int CACHED = 3;

        private final AtomicLong base;
        private final long reserved;
        private final boolean mapped;
        private final long address;
        private final long size;
        private final AtomicInteger pending;
        private volatile int mode = OPEN;

        Freer(long base, long reserved, boolean mapped, long address, long size, int chunks) {
            this.base = new AtomicLong(base);
            this.reserved = reserved;
            this.mapped = mapped;
            this.address = address;
            this.size = size;
            this.pending = new AtomicInteger(chunks);
        }

        /** Releases the contents now and keeps the range until the views are unreachable. */
        void quarantine() {
            if (size > 0) {
                if (mapped) {
                    PageMapping.discard(base.get(), reserved);
                } else {
                    new Pointer(address).setMemory(0, size, (byte) 0);
                }
            }
            QUARANTINED.incrementAndGet();
            QUARANTINED_BYTES.addAndGet(reserved);
            mode = QUARANTINED_MODE;
        }

        @Override
        public void run() {
            int m = mode;
            if (m != CLOSED && pending.decrementAndGet() > 0) {
                return; // other chunks are still reachable
            }
            long b = base.getAndSet(0);
            if (b == 0) {
                return;
            }
            if (m == OPEN) {
                LEAKS.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "leak: " + size + " bytes of array memory were never closed;"
                        + " freed by the garbage collector");
            } else if (m == QUARANTINED_MODE) {
                QUARANTINED.decrementAndGet();
                QUARANTINED_BYTES.addAndGet(-reserved);
            }
            if (mapped) {
                PageMapping.unmap(b, reserved);
            } else {
                Native.free(b);
            }
        }
    }
}
