package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.NdMap;

/**
 * This rank's view of a {@link DistArray}: the local block, padding cells included, with the index helpers between
 * local and global index tuples. Everything here is <b>not collective</b>.
 *
 * <p><b>Layout.</b> A block is an {@linkplain #offset() offset} plus per-axis {@linkplain #strides() strides} (in
 * elements, any sign; {@link #byteStrides()} in bytes, as PEP 3118 and NumPy count them) into the memory of the array
 * that owns it: element {@code (i0, ..., ik)} is at element offset {@code offset() + i0*strides()[0] + ...}. Every
 * array today has dense C order ({@link #isContiguous()}, offset 0): the fast path, which the buffer views below
 * require. Slicing views, transposes and broadcasts (stride 0) will produce the strided form; {@link #getDoubleAt},
 * {@link #setDoubleAt}, {@link #offsetOf}, {@link #copyTo} and {@link #copyFrom} honour it.
 *
 * <p><b>Memory.</b> A contiguous block of up to {@code 2^31 - 1} bytes is one direct buffer ({@link #asBytes()},
 * {@link #asDoubles()}, ...) starting at {@link #address()}, 64-byte aligned when the array allocated it. A larger
 * block is {@link #chunkCount()} contiguous chunks ({@link #chunk(int)}); the element accessors ({@link #getDouble},
 * ...) take {@code long} offsets and work for any size. A strided block refuses the buffer views and the protocol
 * export (their consumers assume C order): copy it first ({@link DistArray#copy()} or {@link #copyTo}).
 *
 * <p><b>After close.</b> Every view borrows the array's memory. Using one after {@link DistArray#close()} is a
 * programming error that never crashes the JVM and never touches another array: after close, views read zeros and
 * writes through them reach no array; the memory is returned at close, its address space when the views are
 * unreachable. The element accessors and {@link #address()} throw {@link IllegalStateException} after close; a raw
 * {@link #address()} kept by native code is not protected (take a {@link DistArray#borrow()}).
 */
public final class LocalBlock {
    private final DistArray array;
    private final Storage storage;
    private final NdMap map;
    private final StridedLayout layout;
    private final boolean natural;

    LocalBlock(DistArray array, Storage storage) {
        this.array = array;
        this.storage = storage;
        this.map = array.distribution().localMap();
        this.layout = StridedLayout.contiguous(map.localShape());
        this.natural = true;
    }

    private LocalBlock(DistArray array, Storage storage, StridedLayout layout) {
        this.array = array;
        this.storage = storage;
        this.map = array.distribution().localMap();
        this.layout = layout;
        this.natural = layout.equals(StridedLayout.contiguous(map.localShape()));
    }

    /**
     * A view of {@code array}'s memory with the given layout (package level: what slicing views will build on; the
     * tests use it to exercise the strided form).
     *
     * @throws IllegalArgumentException if the layout reaches outside the array's memory
     */
    static LocalBlock strided(DistArray array, long offset, long[] shape, long[] strides) {
        array.checkOpen();
        Storage st = array.rawStorage();
        return new LocalBlock(array, st, StridedLayout.of(shape, offset, strides, st.elementCount()));
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
        return layout.shape();
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return layout.ndim();
    }

    /** <b>Not collective.</b> Number of cells, padding included. */
    public long elementCount() {
        return natural && map.holdsNothing() ? 0 : layout.elementCount(); // a 0-d array held on another rank: no cell
    }

    /** <b>Not collective.</b> Element offset of the block's first element {@code (0, ..., 0)} in the memory. */
    public long offset() {
        return layout.offset();
    }

    /** <b>Not collective.</b> Per-axis strides in elements (any sign; 0 on a broadcast axis). */
    public long[] strides() {
        return layout.strides();
    }

    /** <b>Not collective.</b> Per-axis strides in bytes (PEP 3118 / NumPy {@code strides}). */
    public long[] byteStrides() {
        return layout.byteStrides(storage.dtype().itemSize());
    }

    /**
     * <b>Not collective.</b> Whether the block is dense C order (strides of extent-1 axes ignored, as in NumPy): what
     * the buffer views, the chunks as a block, and the protocol export need.
     */
    public boolean isContiguous() {
        return layout.isContiguous();
    }

    /** <b>Not collective.</b> Size in bytes. */
    public long byteSize() {
        return storage.byteSize();
    }

    /**
     * <b>Not collective.</b> Native address of the first cell {@code (0, ..., 0)} (for native code; borrows the
     * memory: see the class comment on close).
     */
    public long address() {
        array.checkOpen();
        return storage.address() + layout.offset() * storage.dtype().itemSize();
    }

    /**
     * <b>Not collective.</b> The block as bytes, native order, position 0.
     *
     * @throws IllegalStateException if the block is strided (see {@link #isContiguous()})
     */
    public ByteBuffer asBytes() {
        return contiguousBytes("asBytes");
    }

    /** The protocol export's buffer: the block's bytes, or a refusal naming the remedy when strided. */
    ByteBuffer exportBuffer() {
        return contiguousBytes("export");
    }

    private ByteBuffer contiguousBytes(String what) {
        array.checkOpen();
        if (!layout.isContiguous()) {
            throw new IllegalStateException(what + " needs a C-order local block, and this one is strided (" + layout
                    + "): the protocol's buffer (BufferSpec) and NIO buffers describe dense C order only; use a copy()"
                    + " of the array, or copyTo(buffer) for the elements in C order");
        }
        ByteBuffer all = storage.single(what);
        if (natural) {
            return all;
        }
        int item = storage.dtype().itemSize();
        if (elementCount() == 0) {
            return all.limit(0).slice().order(ByteOrder.nativeOrder());
        }
        return all.position((int) (layout.offset() * item)).limit((int) ((layout.offset() + elementCount()) * item))
                .slice().order(ByteOrder.nativeOrder());
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

    /**
     * <b>Not collective.</b> Chunk {@code i} of the array's memory: bytes, native order, position 0; chunks are
     * contiguous in memory, and the block's element offsets ({@link #offsetOf}) count from the first chunk's start.
     */
    public ByteBuffer chunk(int i) {
        array.checkOpen();
        return storage.chunk(i);
    }

    /**
     * <b>Not collective.</b> The element offset in the memory of local index tuple {@code local}
     * ({@code offset() + sum local[i]*strides()[i]}; the C-order offset for a contiguous block).
     *
     * @throws IndexOutOfBoundsException if {@code local} is outside the block
     */
    public long offsetOf(long... local) {
        return natural ? map.localOffset(local) : layout.offsetOf(local);
    }

    /** <b>Not collective.</b> The element offset of global index tuple {@code global}, which this rank holds. */
    public long offsetOfGlobal(long... global) {
        return natural ? map.localOffsetOfGlobal(global) : layout.offsetOf(distributed().localFromGlobal(global));
    }

    /** <b>Not collective.</b> Local index tuple of a global index tuple held here. */
    public long[] localFromGlobal(long... global) {
        return distributed().localFromGlobal(global);
    }

    /** <b>Not collective.</b> Global index tuple of a local index tuple. */
    public long[] globalFromLocal(long... local) {
        return distributed().globalFromLocal(local);
    }

    /** <b>Not collective.</b> Whether this rank owns {@code global} (communication padding excluded). */
    public boolean owns(long... global) {
        return distributed().owns(global);
    }

    /** <b>Not collective.</b> Whether this block has a cell for {@code global} (padding included). */
    public boolean holds(long... global) {
        return distributed().holds(global);
    }

    /** <b>Not collective.</b> First owned local index on each axis (after the left communication padding). */
    public long[] ownedLo() {
        return LocalBox.owned(distributed().dims()).lo();
    }

    /** <b>Not collective.</b> End (exclusive) of the owned local indices on each axis. */
    public long[] ownedHi() {
        return LocalBox.owned(distributed().dims()).hi();
    }

    /** The distribution's local map, when this block's shape is the distribution's local shape. */
    private NdMap distributed() {
        if (!natural && !Arrays.equals(layout.shape(), map.localShape())) {
            throw new IllegalStateException("this view of shape " + Arrays.toString(layout.shape())
                    + " is not laid out like the distribution's local block " + Arrays.toString(map.localShape())
                    + "; its global index helpers are undefined");
        }
        return map;
    }

    /** <b>Not collective.</b> The cell at local index tuple {@code local} (strides honoured), as a double. */
    public double getDoubleAt(long... local) {
        array.checkOpen();
        return storage.getDouble(offsetOf(local));
    }

    /** <b>Not collective.</b> The cell at local index tuple {@code local}, as a long. */
    public long getLongAt(long... local) {
        array.checkOpen();
        return storage.getLong(offsetOf(local));
    }

    /** <b>Not collective.</b> Sets the cell at local index tuple {@code local} (cast to the dtype). */
    public void setDoubleAt(double value, long... local) {
        array.checkOpen();
        storage.setDouble(offsetOf(local), value);
    }

    /** <b>Not collective.</b> Sets the cell at local index tuple {@code local} (cast to the dtype). */
    public void setLongAt(long value, long... local) {
        array.checkOpen();
        storage.setLong(offsetOf(local), value);
    }

    /**
     * <b>Not collective.</b> Copies the block's elements in C order of {@link #shape()} (strides honoured) into
     * {@code dst} from its position, which is not moved: {@code elementCount() * itemSize} bytes, native order.
     *
     * @throws IllegalArgumentException if {@code dst} has no room
     */
    public void copyTo(ByteBuffer dst) {
        array.checkOpen();
        ByteBuffer d = dst.duplicate().order(ByteOrder.nativeOrder());
        StridedCopy.pack(storage, layout, d.limit(d.capacity()), dst.position());
    }

    /**
     * <b>Not collective.</b> Copies C-order elements from {@code src}'s position (not moved) into the block (strides
     * honoured), the reverse of {@link #copyTo}.
     *
     * @throws IllegalArgumentException if {@code src} holds fewer bytes than the block
     */
    public void copyFrom(ByteBuffer src) {
        array.checkOpen();
        StridedCopy.unpack(src.duplicate().order(ByteOrder.nativeOrder()), src.position(), storage, layout);
    }

    /**
     * <b>Not collective.</b> The cell at element offset {@code offset} of the memory (see {@link #offsetOf}), as a
     * double.
     */
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
        long n = natural ? map.localElementCount() : storage.elementCount();
        if (offset < 0 || offset >= n) {
            throw new IndexOutOfBoundsException("local offset " + offset + " out of range [0, " + n + ")");
        }
        return offset;
    }
}
