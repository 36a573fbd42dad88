package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.protocol.DType;

/**
 * The memory of one local block: C-order elements of one dtype in one or more native-order direct chunks of
 * {@code 2^shift} bytes (see {@link NativeMemory}). Either owned ({@link NativeMemory}, freed by {@link #free()}) or
 * foreign (a protocol buffer another producer owns; never freed here). Element offsets are {@code long}.
 */
final class Storage {
    private final ByteBuffer[] chunks;
    private final int shift;
    private final long mask;
    private final long address;
    private final long byteSize;
    private final DType dtype;
    private final int itemSize;
    private final NativeMemory owned;

    private Storage(ByteBuffer[] chunks, int shift, long address, long byteSize, DType dtype, NativeMemory owned) {
        this.chunks = chunks;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        this.address = address;
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.itemSize = dtype.itemSize();
        this.owned = owned;
    }

    static Storage allocate(DType dtype, long elements, boolean zero, int chunkShift) {
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

    /** Wraps a foreign direct buffer (no copy); its element 0 is at index 0. */
    static Storage wrap(ByteBuffer buffer, DType dtype) {
        ByteBuffer b = buffer.duplicate().clear().order(ByteOrder.nativeOrder());
        return new Storage(new ByteBuffer[] {b}, 31, NativeMemory.addressOf(b), b.capacity(), dtype, null);
    }

    DType dtype() {
        return dtype;
    }

    long address() {
        return address;
    }

    long byteSize() {
        return byteSize;
    }

    boolean isOwned() {
        return owned != null;
    }

    /** The chunk shift a copy of this block should use (small test chunks stay small). */
    int chunkShiftForCopies() {
        return shift >= NativeMemory.DEFAULT_CHUNK_SHIFT ? NativeMemory.DEFAULT_CHUNK_SHIFT : shift;
    }

    int chunkCount() {
        return chunks.length;
    }

    /** Chunk {@code i} (a duplicate: callers may move its position). */
    ByteBuffer chunk(int i) {
        return chunks[i].duplicate().order(ByteOrder.nativeOrder());
    }

    /** The whole block as one buffer (a duplicate), or an exception when it spans several chunks. */
    ByteBuffer single(String what) {
        if (chunks.length != 1) {
            throw new UnsupportedOperationException(what + ": the local block has " + byteSize
                    + " bytes, more than one buffer holds (2^31 - 1); use chunk(i) and address()");
        }
        return chunk(0);
    }

    /** Number of elements from element {@code offset} to the end of its chunk. */
    long runInChunk(long offset) {
        long byteOff = offset * itemSize;
        long end = Math.min(byteSize, (byteOff | mask) + 1);
        return (end - byteOff) / itemSize;
    }

    /** The chunk that holds element {@code offset} (shared: do not move its position). */
    ByteBuffer chunkOf(long offset) {
        return chunks[(int) ((offset * itemSize) >>> shift)];
    }

    /** Byte position of element {@code offset} within its chunk. */
    int posOf(long offset) {
        return (int) ((offset * itemSize) & mask);
    }

    double getDouble(long offset) {
        long b = offset * itemSize;
        return Casts.getDouble(chunks[(int) (b >>> shift)], (int) (b & mask), dtype);
    }

    long getLong(long offset) {
        long b = offset * itemSize;
        return Casts.getLong(chunks[(int) (b >>> shift)], (int) (b & mask), dtype);
    }

    void setDouble(long offset, double v) {
        long b = offset * itemSize;
        Casts.putDouble(chunks[(int) (b >>> shift)], (int) (b & mask), dtype, v);
    }

    void setLong(long offset, long v) {
        long b = offset * itemSize;
        Casts.putLong(chunks[(int) (b >>> shift)], (int) (b & mask), dtype, v);
    }

    /** Copies {@code count} elements from element {@code offset} into {@code dst} at byte {@code dstPos}. */
    void copyOut(long offset, long count, ByteBuffer dst, int dstPos) {
        while (count > 0) {
            int n = (int) Math.min(count, runInChunk(offset));
            dst.put(dstPos, chunkOf(offset), posOf(offset), n * itemSize);
            dstPos += n * itemSize;
            offset += n;
            count -= n;
        }
    }

    /** Copies {@code count} elements from {@code src} at byte {@code srcPos} to element {@code offset}. */
    void copyIn(ByteBuffer src, int srcPos, long offset, long count) {
        while (count > 0) {
            int n = (int) Math.min(count, runInChunk(offset));
            chunkOf(offset).put(posOf(offset), src, srcPos, n * itemSize);
            srcPos += n * itemSize;
            offset += n;
            count -= n;
        }
    }

    /** Sets every element to the bit pattern {@code bits} (low {@code itemSize} bytes). */
    void fillBits(long bits) {
        for (ByteBuffer c : chunks) {
            FillKernels.fill(c, itemSize, bits);
        }
    }

    /** Frees owned memory (idempotent); foreign memory is left alone. */
    void free() {
        if (owned != null) {
            owned.close();
        }
    }
}
