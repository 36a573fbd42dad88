package org.jdistarray.array.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.protocol.DType;

/**
 * The memory of one local block: elements of one dtype in one or more native-order direct chunks of
 * {@code 2^shift} bytes (see {@link NativeMemory}), addressed by {@code long} element offsets. Either owned
 * ({@link NativeMemory}, released by {@link #free()}) or foreign (a protocol buffer another producer owns; never
 * freed here). How the elements form an N-d block (offset and strides) is a {@link StridedLayout} kept beside it.
 *
 * <p><b>Views.</b> {@link #chunk(int)} and {@link #single(String)} hand a buffer of the memory to a caller outside
 * the kernel layer (a user, native code): they are counted ({@link NativeMemory#markViewed()}) so that
 * {@link #free()} keeps the address range mapped while such a buffer is reachable. The kernels use
 * {@link #chunkOf(long)} / {@link #posOf(long)}, which are not counted and must not escape.
 */
public final class Storage {
    private final ByteBuffer[] chunks;
    private final int shift;
    private final long mask;
    private final long address;
    private final long byteSize;
    private final DType dtype;
    private final int itemSize;
    private final NativeMemory owned;
    private final SharedSegment shared;

    private Storage(ByteBuffer[] chunks, int shift, long address, long byteSize, DType dtype, NativeMemory owned) {
        this(chunks, shift, address, byteSize, dtype, owned, null);
    }

    private Storage(ByteBuffer[] chunks, int shift, long address, long byteSize, DType dtype, NativeMemory owned,
            SharedSegment shared) {
        this.chunks = chunks;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        this.address = address;
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.itemSize = dtype.itemSize();
        this.owned = owned;
        this.shared = shared;
    }

    /**
     * <b>Not collective.</b> Allocates owned memory for {@code elements} elements. Caller must {@link #free()} it.
     *
     * @param zero whether the elements must read as zero
     * @param chunkShift {@link NativeMemory#DEFAULT_CHUNK_SHIFT}, or smaller to force several chunks (tests)
     * @throws IllegalArgumentException if the block exceeds {@code 2^63} bytes
     */
    public static Storage allocate(DType dtype, long elements, boolean zero, int chunkShift) {
        long bytes;
        try {
            bytes = Math.multiplyExact(elements, dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a local block of " + elements + " " + dtype.numpyName()
                    + " elements exceeds 2^63 bytes");
        }
        NativeMemory m = chunkShift == NativeMemory.DEFAULT_CHUNK_SHIFT
                ? NativeMemory.allocate(bytes, zero) : NativeMemory.allocateChunked(bytes, chunkShift, zero);
        return new Storage(m.chunks(), m.chunkShift(), m.address(), bytes, dtype, m);
    }

    /** <b>Not collective.</b> Wraps a foreign direct buffer (no copy); its element 0 is at index 0. */
    public static Storage wrap(ByteBuffer buffer, DType dtype) {
        ByteBuffer b = buffer.duplicate().clear().order(ByteOrder.nativeOrder());
        return new Storage(new ByteBuffer[] {b}, 31, NativeMemory.addressOf(b), b.capacity(), dtype, null);
    }

    /**
     * <b>Not collective.</b> Memory in a named shared-memory segment ({@link SharedSegment}): {@link #free()} closes
     * (and, if created here, unlinks) it. Caller must {@link #free()} it.
     */
    public static Storage shared(SharedSegment segment, DType dtype) {
        ByteBuffer b = segment.buffer();
        return new Storage(new ByteBuffer[] {b}, 31, NativeMemory.addressOf(b), b.capacity(), dtype, null, segment);
    }

    /** <b>Not collective.</b> The shared-memory segment holding the block, or null if it is not shared. */
    public SharedSegment sharedSegment() {
        return shared;
    }

    /** <b>Not collective.</b> The element type. */
    public DType dtype() {
        return dtype;
    }

    /** <b>Not collective.</b> The native address of element 0. */
    public long address() {
        return address;
    }

    /** <b>Not collective.</b> Size in bytes. */
    public long byteSize() {
        return byteSize;
    }

    /** <b>Not collective.</b> Number of elements the memory holds. */
    public long elementCount() {
        return byteSize / itemSize;
    }

    /** <b>Not collective.</b> Whether the memory is owned (freed by {@link #free()}) rather than foreign. */
    public boolean isOwned() {
        return owned != null;
    }

    /** <b>Not collective.</b> Whether owned memory is closed with views out ({@link NativeMemory#isQuarantined()}). */
    public boolean isQuarantined() {
        return owned != null && owned.isQuarantined();
    }

    /** <b>Not collective.</b> Whether owned memory has been returned to the system. */
    public boolean isReleased() {
        return owned != null && owned.isReleased();
    }

    /** <b>Not collective.</b> The chunk shift a copy of this block should use (small test chunks stay small). */
    public int chunkShiftForCopies() {
        return shift >= NativeMemory.DEFAULT_CHUNK_SHIFT ? NativeMemory.DEFAULT_CHUNK_SHIFT : shift;
    }

    /** <b>Not collective.</b> Number of chunks. */
    public int chunkCount() {
        return chunks.length;
    }

    /** <b>Not collective.</b> Chunk {@code i} for a caller outside the kernels (a duplicate; counted as a view). */
    public ByteBuffer chunk(int i) {
        if (owned != null) {
            owned.markViewed();
        }
        return chunks[i].duplicate().order(ByteOrder.nativeOrder());
    }

    /**
     * <b>Not collective.</b> The whole memory as one buffer (a duplicate, counted as a view), or an exception naming
     * {@code what} when it spans several chunks.
     */
    public ByteBuffer single(String what) {
        if (chunks.length != 1) {
            throw new UnsupportedOperationException(what + ": the local block has " + byteSize
                    + " bytes, more than one buffer holds (2^31 - 1); use chunk(i) and address()");
        }
        return chunk(0);
    }

    /** <b>Not collective.</b> Number of elements from element {@code offset} to the end of its chunk. */
    public long runInChunk(long offset) {
        long byteOff = offset * itemSize;
        long end = Math.min(byteSize, (byteOff | mask) + 1);
        return (end - byteOff) / itemSize;
    }

    /** <b>Not collective.</b> The chunk that holds element {@code offset} (shared: kernels only; never hand out). */
    public ByteBuffer chunkOf(long offset) {
        return chunks[(int) ((offset * itemSize) >>> shift)];
    }

    /** <b>Not collective.</b> Byte position of element {@code offset} within its chunk. */
    public int posOf(long offset) {
        return (int) ((offset * itemSize) & mask);
    }

    /** <b>Not collective.</b> Whether elements {@code [first, last]} lie in one chunk. */
    public boolean sameChunk(long first, long last) {
        return ((first * itemSize) >>> shift) == ((last * itemSize) >>> shift);
    }

    /** <b>Not collective.</b> Element {@code offset} as a double ({@link Casts#getDouble}). */
    public double getDouble(long offset) {
        long b = offset * itemSize;
        return Casts.getDouble(chunks[(int) (b >>> shift)], (int) (b & mask), dtype);
    }

    /** <b>Not collective.</b> Element {@code offset} as a long ({@link Casts#getLong}). */
    public long getLong(long offset) {
        long b = offset * itemSize;
        return Casts.getLong(chunks[(int) (b >>> shift)], (int) (b & mask), dtype);
    }

    /** <b>Not collective.</b> Sets element {@code offset} to {@code v} cast to the dtype. */
    public void setDouble(long offset, double v) {
        long b = offset * itemSize;
        Casts.putDouble(chunks[(int) (b >>> shift)], (int) (b & mask), dtype, v);
    }

    /** <b>Not collective.</b> Sets element {@code offset} to {@code v} cast to the dtype. */
    public void setLong(long offset, long v) {
        long b = offset * itemSize;
        Casts.putLong(chunks[(int) (b >>> shift)], (int) (b & mask), dtype, v);
    }

    /**
     * <b>Not collective.</b> Copies {@code count} elements from element {@code offset} into {@code dst} at byte
     * {@code dstPos}.
     */
    public void copyOut(long offset, long count, ByteBuffer dst, int dstPos) {
        while (count > 0) {
            int n = (int) Math.min(count, runInChunk(offset));
            dst.put(dstPos, chunkOf(offset), posOf(offset), n * itemSize);
            dstPos += n * itemSize;
            offset += n;
            count -= n;
        }
    }

    /**
     * <b>Not collective.</b> Copies {@code count} elements from {@code src} at byte {@code srcPos} to element
     * {@code offset}.
     */
    public void copyIn(ByteBuffer src, int srcPos, long offset, long count) {
        while (count > 0) {
            int n = (int) Math.min(count, runInChunk(offset));
            chunkOf(offset).put(posOf(offset), src, srcPos, n * itemSize);
            srcPos += n * itemSize;
            offset += n;
            count -= n;
        }
    }

    /** <b>Not collective.</b> Sets every element to the bit pattern {@code bits} (low {@code itemSize} bytes). */
    public void fillBits(long bits) {
        FillKernels.fill(this, 0, elementCount(), bits);
    }

    /**
     * <b>Not collective.</b> Releases owned memory (idempotent); foreign memory is left alone. Buffers handed out
     * earlier stay safe to use (see {@link NativeMemory#close()}).
     */
    public void free() {
        if (owned != null) {
            owned.close();
        }
        if (shared != null) {
            shared.close();
        }
    }
}
