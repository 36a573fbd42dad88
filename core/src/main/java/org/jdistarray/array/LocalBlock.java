package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.NdMap;

/**
 * This rank's view of a {@link DistArray}: the local block, C-order, padding cells included, with the index
 * helpers between local and global index tuples. Everything here is <b>not collective</b>.
 *
 * <p><b>Memory.</b> A block of up to {@code 2^31 - 1} bytes is one direct buffer ({@link #asBytes()},
 * {@link #asDoubles()}, ...) starting at {@link #address()}, 64-byte aligned when the array allocated it. A larger
 * block is {@link #chunkCount()} contiguous chunks ({@link #chunk(int)}); the element accessors ({@link #getDouble},
 * ...) take {@code long} offsets and work for any size. Every view borrows the array's memory: it must not be used
 * after the array is closed.
 */
public final class LocalBlock {
    private final DistArray array;
    private final Storage storage;
    private final NdMap map;

    LocalBlock(DistArray array, Storage storage) {
        this.array = array;
        this.storage = storage;
        this.map = array.distribution().localMap();
    }

    /** <b>Not collective.</b> The array this block belongs to. */
    public DistArray array() {
        return array;
    }

    /** <b>Not collective.</b> The element type. */
    public DType dtype() {
        return storage.dtype();
    }

    /** <b>Not collective.</b> Local shape, padding included. */
    public long[] shape() {
        return map.localShape();
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return map.ndim();
    }

    /** <b>Not collective.</b> Number of cells, padding included. */
    public long elementCount() {
        return map.localElementCount();
    }

    /** <b>Not collective.</b> Size in bytes. */
    public long byteSize() {
        return storage.byteSize();
    }

    /** <b>Not collective.</b> Native address of the first cell (for native code; borrows the memory). */
    public long address() {
        array.checkOpen();
        return storage.address();
    }

    /** <b>Not collective.</b> The block as bytes, native order, position 0. */
    public ByteBuffer asBytes() {
        array.checkOpen();
        return storage.single("asBytes");
    }

    /** <b>Not collective.</b> The block as doubles (dtype float64). */
    public DoubleBuffer asDoubles() {
        return typed(DType.FLOAT64, DType.FLOAT64).asDoubleBuffer();
    }

    /** <b>Not collective.</b> The block as floats (dtype float32). */
    public FloatBuffer asFloats() {
        return typed(DType.FLOAT32, DType.FLOAT32).asFloatBuffer();
    }

    /** <b>Not collective.</b> The block as longs (dtype int64 or uint64). */
    public LongBuffer asLongs() {
        return typed(DType.INT64, DType.UINT64).asLongBuffer();
    }

    /** <b>Not collective.</b> The block as ints (dtype int32 or uint32). */
    public IntBuffer asInts() {
        return typed(DType.INT32, DType.UINT32).asIntBuffer();
    }

    /** <b>Not collective.</b> The block as shorts (dtype int16 or uint16). */
    public ShortBuffer asShorts() {
        return typed(DType.INT16, DType.UINT16).asShortBuffer();
    }

    private ByteBuffer typed(DType a, DType b) {
        DType t = storage.dtype();
        if (t != a && t != b) {
            throw new IllegalStateException("the array's dtype is " + t.numpyName() + ", not " + a.numpyName()
                    + (a != b ? " or " + b.numpyName() : ""));
        }
        return asBytes();
    }

    /** <b>Not collective.</b> Number of chunks (1 unless the block exceeds {@code 2^31 - 1} bytes). */
    public int chunkCount() {
        return storage.chunkCount();
    }

    /** <b>Not collective.</b> Chunk {@code i}: bytes, native order, position 0; chunks are contiguous in memory. */
    public ByteBuffer chunk(int i) {
        array.checkOpen();
        return storage.chunk(i);
    }

    /** <b>Not collective.</b> The C-order element offset of local index tuple {@code local}. */
    public long offsetOf(long... local) {
        return map.localOffset(local);
    }

    /** <b>Not collective.</b> The element offset of global index tuple {@code global}, which this rank holds. */
    public long offsetOfGlobal(long... global) {
        return map.localOffsetOfGlobal(global);
    }

    /** <b>Not collective.</b> Local index tuple of a global index tuple held here. */
    public long[] localFromGlobal(long... global) {
        return map.localFromGlobal(global);
    }

    /** <b>Not collective.</b> Global index tuple of a local index tuple. */
    public long[] globalFromLocal(long... local) {
        return map.globalFromLocal(local);
    }

    /** <b>Not collective.</b> Whether this rank owns {@code global} (communication padding excluded). */
    public boolean owns(long... global) {
        return map.owns(global);
    }

    /** <b>Not collective.</b> Whether this block has a cell for {@code global} (padding included). */
    public boolean holds(long... global) {
        return map.holds(global);
    }

    /** <b>Not collective.</b> First owned local index on each axis (after the left communication padding). */
    public long[] ownedLo() {
        return LocalBox.owned(map.dims()).lo();
    }

    /** <b>Not collective.</b> End (exclusive) of the owned local indices on each axis. */
    public long[] ownedHi() {
        return LocalBox.owned(map.dims()).hi();
    }

    /** <b>Not collective.</b> The cell at element offset {@code offset}, as a double. */
    public double getDouble(long offset) {
        return storage.getDouble(check(offset));
    }

    /** <b>Not collective.</b> The cell at element offset {@code offset}, as a long. */
    public long getLong(long offset) {
        return storage.getLong(check(offset));
    }

    /** <b>Not collective.</b> Sets the cell at element offset {@code offset} (cast to the dtype). */
    public void setDouble(long offset, double value) {
        storage.setDouble(check(offset), value);
    }

    /** <b>Not collective.</b> Sets the cell at element offset {@code offset} (cast to the dtype). */
    public void setLong(long offset, long value) {
        storage.setLong(check(offset), value);
    }

    /** <b>Not collective.</b> The distribution of the array. */
    public Distribution distribution() {
        return array.distribution();
    }

    private long check(long offset) {
        array.checkOpen();
        long n = map.localElementCount();
        if (offset < 0 || offset >= n) {
            throw new IndexOutOfBoundsException("local offset " + offset + " out of range [0, " + n + ")");
        }
        return offset;
    }
}
