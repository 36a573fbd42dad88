package org.jdistarray.array.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.lang.ref.Cleaner;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Off-heap memory from the C heap ({@code malloc}/{@code free} through JNA), 64-byte aligned, exposed as
 * native-order direct {@link ByteBuffer} chunks. The only place of the array layer that touches JNA.
 *
 * <p><b>Chunks.</b> A direct buffer holds at most {@code 2^31 - 1} bytes. A block up to that size is one chunk whose
 * address is {@link #address()}; a larger block is cut into chunks of {@code 2^30} bytes (a multiple of every element
 * size, so no element straddles two chunks), each 64-byte aligned, contiguous in memory.
 *
 * <p><b>Ownership.</b> {@link #close()} frees the memory at once (idempotent, atomic: the address is swapped to 0
 * first). A {@link Cleaner} is only a leak net: it frees memory whose owner was never closed, once the owner and
 * every buffer derived from its chunks are unreachable (derived buffers keep their chunk reachable), and counts
 * it in {@link #leakCount()} and reports it on the {@link System.Logger} of this class. After {@code close()} the
 * chunk buffers point to freed memory: using a buffer obtained earlier is a use-after-free, which is why arrays
 * count borrows and refuse to close while borrowed.
 */
public final class NativeMemory implements AutoCloseable {
    /** Alignment of every block and chunk, in bytes (a cache line; what AVX-512 loads want). */
    public static final int ALIGNMENT = 64;
    /** log2 of the chunk size of blocks that do not fit one buffer. */
    public static final int DEFAULT_CHUNK_SHIFT = 30;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LEAKS = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(NativeMemory.class.getName());

    private final long byteSize;
    private final long address;
    private final int chunkShift;
    private final ByteBuffer[] chunks;
    private final Freer freer;
    private final Cleaner.Cleanable[] cleanables;

    private NativeMemory(long byteSize, int chunkShift, boolean zero) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative allocation size " + byteSize);
        }
        if (chunkShift < 6 || chunkShift > DEFAULT_CHUNK_SHIFT) {
            throw new IllegalArgumentException("chunk shift " + chunkShift + " outside [6, 30]");
        }
        long base = Native.malloc(Math.max(1, byteSize) + ALIGNMENT - 1);
        if (base == 0) {
            throw new OutOfMemoryError("malloc of " + byteSize + " bytes of native memory failed");
        }
        this.byteSize = byteSize;
        this.address = (base + ALIGNMENT - 1) & -ALIGNMENT;
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
        if (zero && byteSize > 0) {
            p.setMemory(0, byteSize, (byte) 0);
        }
        this.freer = new Freer(base, byteSize, n);
        this.cleanables = new Cleaner.Cleanable[n];
        for (int i = 0; i < n; i++) {
            cleanables[i] = CLEANER.register(chunks[i], freer);
        }
    }

    /**
     * <b>Not collective.</b> Allocates {@code byteSize} bytes, 64-byte aligned. Caller must close the result.
     *
     * @param zero whether to zero the memory ({@code calloc}) or leave it uninitialised ({@code malloc})
     * @throws OutOfMemoryError if the C heap has no room
     */
    public static NativeMemory allocate(long byteSize, boolean zero) {
        return new NativeMemory(byteSize, DEFAULT_CHUNK_SHIFT, zero);
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
        if (directBuffer == null || !directBuffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + directBuffer);
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(directBuffer));
    }

    /** <b>Not collective.</b> Number of blocks freed by the leak net since the JVM started. */
    public static long leakCount() {
        return LEAKS.get();
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

    /** <b>Not collective.</b> The chunks (shared, not copied: do not change their position or limit). */
    public ByteBuffer[] chunks() {
        return chunks;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return freer.base.get() == 0;
    }

    /** <b>Not collective.</b> Frees the memory. Idempotent. */
    @Override
    public void close() {
        freer.explicit = true;
        for (Cleaner.Cleanable c : cleanables) {
            c.clean();
        }
    }

    /** Frees the block when the last chunk is cleaned; holds only the address and counts (JNA's MemoryDisposer). */
    private static final class Freer implements Runnable {
        private final AtomicLong base;
        private final long size;
        private final AtomicInteger pending;
        private volatile boolean explicit;

        Freer(long base, long size, int chunks) {
            this.base = new AtomicLong(base);
            this.size = size;
            this.pending = new AtomicInteger(chunks);
        }

        @Override
        public void run() {
            if (!explicit && pending.decrementAndGet() > 0) {
                return; // other chunks are still reachable
            }
            long b = base.getAndSet(0);
            if (b != 0) {
                if (!explicit) {
                    LEAKS.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "leak: " + size + " bytes of array memory were never closed;"
                            + " freed by the garbage collector");
                }
                Native.free(b);
            }
        }
    }
}
