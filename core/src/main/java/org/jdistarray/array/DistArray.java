package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.ConvertKernels;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.CommContext;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.ops.BinaryOp;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.UfuncOptions;
import org.jdistarray.ops.UnaryOp;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.BufferSpec;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.NdMap;
import org.jdistarray.protocol.ProtocolException;
import org.jdistarray.protocol.ProtocolExport;
import org.jdistarray.protocol.ProtocolValidator;
import org.jdistarray.protocol.Violation;

/**
 * A distributed N-d array in SPMD style: every rank of the distribution's communicator holds a handle, and holds its
 * local block ({@link #local()}) in off-heap, native-order, 64-byte-aligned, C-order memory that native code can use
 * directly. Create arrays with {@link DistArrays}; wrap another producer's block with {@link #fromProtocol}.
 *
 * <p><b>Collective</b> operations must be called by every rank, in the same order, with the same arguments.
 * <b>Logically collective</b> ones must be called by every rank with the same arguments but do not communicate.
 *
 * <p><b>Padding.</b> The local block includes padding cells (see {@link org.jdistarray.dist.DistributionBuilder}).
 * Creation routines and {@link #setDouble} write every cell that holds an element, ghost copies included, so ghosts
 * stay consistent; after writing the local block directly, call {@link #exchangeGhosts()}.
 *
 * <p><b>Ownership.</b> The array owns its memory (unless made by {@link #fromProtocol}, which borrows the producer's)
 * and must be closed; {@link #close()} is local (not collective) and idempotent, and refuses while the array is
 * borrowed on this rank ({@link #borrow()}). Buffers obtained from {@link #local()} or {@link #export()} point into
 * the array's memory and must not be used after close; if one is, it never crashes the JVM nor touches another
 * array: after close, views read zeros and writes are discarded (they reach no array); the memory is returned at
 * close, its address space when the views are unreachable (see {@link LocalBlock}).
 *
 * <p><b>Checked collectives.</b> Arrays are numbered in creation order on their communicator (creation is logically
 * collective: every rank creates the same arrays in the same order). Every collective method first checks, with one
 * small all-reduce on the library's private communicator ({@link org.jdistarray.comm.CommContext}), that every rank
 * calls it on the same array with the same index or root; if not, every rank throws a
 * {@link org.jdistarray.comm.CollectiveMismatchException} naming each rank's call. Logically collective methods
 * ({@link #setDouble}, {@link #fill}, {@link #astype}) are checked the same way in checking mode
 * ({@code -Djdistarray.checks=true}). All library messages travel on that private duplicate, never on the user's
 * communicator.
 */
public final class DistArray implements AutoCloseable {
    /** Default limit of the result of {@link #toDoubleArray(int)} and the other gathers: 2 GiB. */
    public static final long DEFAULT_GATHER_LIMIT_BYTES = 1L << 31;

    private final Distribution dist;
    private final DType dtype;
    private final Storage storage;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger borrows = new AtomicInteger();
    private final CommContext context;
    private final long number;
    private org.jdistarray.dist.Redistribution ghosts;
    /** For a slicing view: its layout in the base's memory, and the base; null for an array owning its layout. */
    private final StridedLayout viewLayout;
    private final DistArray viewBase;

    static {
        ArrayAccess.install(new ArrayAccess.Bridge() {
            @Override
            public Storage storage(DistArray a) {
                a.checkOpen();
                return a.storage();
            }

            @Override
            public DistArray create(Distribution d, DType t, Storage s) {
                return new DistArray(d, t, s);
            }

            @Override
            public long number(DistArray a) {
                return a.number;
            }

            @Override
            public void verify(DistArray a, String operation, long... args) {
                a.checkOpen();
                a.verify(operation, args);
            }
        });
    }

    DistArray(Distribution dist, DType dtype, Storage storage) {
        this(dist, dtype, storage, null, null);
    }

    /** A slicing view of {@code base}'s memory (see {@link Views}). */
    DistArray(Distribution dist, DType dtype, Storage storage, StridedLayout viewLayout, DistArray base) {
        this.viewLayout = viewLayout;
        this.viewBase = base;
        this.dist = dist;
        this.dtype = dtype;
        this.storage = storage;
        this.context = dist.context();
        this.number = context.nextArrayNumber();
    }

    /**
     * <b>Collective.</b> Wraps another producer's protocol export with no copy: the array's local block is the
     * export's buffer. Validates the metadata first ({@link ProtocolValidator}), then rebuilds the distribution from
     * every rank's dimension dictionaries ({@link Distribution#fromLocalDimData}). Borrows the buffer: the producer
     * keeps ownership, and closing the array does not free it.
     *
     * <p>Every rank's export must have the same dtype, number of dimensions and global shape (checked always, with
     * one small all-gather); exports whose every {@code proc_grid_size} is 1 on several ranks are a replicated array
     * and must be identical.
     *
     * @throws ProtocolException on every rank if some rank's export is invalid (with the violations on that rank)
     * @throws DistributionException on every rank if the exports do not form one distribution over {@code comm}, or
     *     disagree on the dtype, the number of dimensions or the global shape (naming the ranks and values)
     */
    public static DistArray fromProtocol(Communicator comm, ProtocolExport export) {
        if (comm == null) {
            throw new IllegalArgumentException("fromProtocol: the communicator is null");
        }
        Communicator lib = CommContext.of(comm).comm(); // library traffic: on the private duplicate
        CollectiveErrors.agree(lib, () -> {
            if (export == null) {
                throw new IllegalArgumentException("export is null");
            }
            List<Violation> v = ProtocolValidator.validate(export.descriptor());
            if (!v.isEmpty()) {
                throw new ProtocolException(v);
            }
            return null;
        });
        ArrayDescriptor d = export.descriptor();
        checkSameDtype(lib, d.buffer().dtype());
        Distribution dist = Distribution.fromLocalDimData(comm, d.dimData());
        return new DistArray(dist, d.buffer().dtype(), Storage.wrap(export.buffer(), d.buffer().dtype()));
    }

    /** Every rank's dtype is the same (all-gathered, so every rank throws alike). */
    private static void checkSameDtype(Communicator comm, DType mine) {
        int[] codes = Collectives.allGather(comm, mine.ordinal());
        java.util.Map<DType, List<Integer>> ranksByType = new java.util.LinkedHashMap<>();
        for (int r = 0; r < codes.length; r++) {
            ranksByType.computeIfAbsent(DType.values()[codes[r]], k -> new java.util.ArrayList<>()).add(r);
        }
        if (ranksByType.size() > 1) {
            StringBuilder sb = new StringBuilder("fromProtocol: the ranks' exports disagree on the dtype:");
            ranksByType.forEach((t, ranks) -> sb.append(ranks.size() == 1 ? " rank " : " ranks ")
                    .append(ranks.toString().replaceAll("[\\[\\]]", "")).append(' ').append(t.typeString()).append(';'));
            sb.setLength(sb.length() - 1);
            throw new DistributionException(sb.toString());
        }
    }

    /** <b>Not collective.</b> The distribution. */
    public Distribution distribution() {
        return dist;
    }

    /** <b>Not collective.</b> The element type. */
    public DType dtype() {
        return dtype;
    }

    /** <b>Not collective.</b> Global shape (a copy). */
    public long[] shape() {
        return dist.shape();
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return dist.ndim();
    }

    /** <b>Not collective.</b> Global number of elements. */
    public long globalSize() {
        return dist.globalSize();
    }

    /**
     * <b>Not collective.</b> This rank's block. Borrows the array's memory: valid until {@link #close()}.
     *
     * @throws IllegalStateException if the array is closed
     */
    public LocalBlock local() {
        checkOpen();
        return viewLayout == null || dist.localMap().holdsNothing() ? new LocalBlock(this, storage) // (0 cells)
                : LocalBlock.strided(this, viewLayout.offset(), viewLayout.shape(), viewLayout.strides());
    }

    /** Per thread: the 8 bytes an element travels in ({@link #getDouble}, {@link #getLong}): no allocation per call. */
    private static final ThreadLocal<java.nio.ByteBuffer> ELEMENT = ThreadLocal.withInitial(
            () -> java.nio.ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder()));

    /**
     * <b>Collective.</b> The element at global index tuple {@code index} (negative indices count from the end, as in
     * NumPy), converted to double, on every rank: its owner broadcasts it.
     *
     * @throws IndexOutOfBoundsException naming the index and the shape (on every rank) when out of bounds
     */
    public double getDouble(long... index) {
        long[] g = verifiedIndex("getDouble", index);
        int owner = holderOf(g);
        if (dist.communicator().size() == 1) {
            return storage.getDouble(offsetOfGlobal(g));
        }
        DoubleBuffer v = ELEMENT.get().asDoubleBuffer();
        if (owner == dist.rank()) {
            v.put(0, storage.getDouble(offsetOfGlobal(g)));
        }
        context.comm().broadcast(v, owner);
        return v.get(0);
    }

    /** <b>Collective.</b> As {@link #getDouble}, converted to long (floats truncate toward zero; uint64: the bits). */
    public long getLong(long... index) {
        long[] g = verifiedIndex("getLong", index);
        int owner = holderOf(g);
        if (dist.communicator().size() == 1) {
            return storage.getLong(offsetOfGlobal(g));
        }
        LongBuffer v = ELEMENT.get().asLongBuffer();
        if (owner == dist.rank()) {
            v.put(0, storage.getLong(offsetOfGlobal(g)));
        }
        context.comm().broadcast(v, owner);
        return v.get(0);
    }

    /**
     * <b>Logically collective</b> (no communication). Sets the element at {@code index} (negative indices as in
     * NumPy) to {@code value} cast to the dtype, on every rank that holds it: its owner and the ranks holding a ghost
     * copy of it.
     *
     * @throws IndexOutOfBoundsException naming the index and the shape (on every rank) when out of bounds
     */
    public void setDouble(double value, long... index) {
        checkOpen();
        context.verifyLogical("setDouble", number, withValue(index, Double.doubleToLongBits(value)));
        long[] g = normalize(index);
        NdMap m = dist.localMap();
        if (m.holds(g)) {
            storage.setDouble(offsetOfGlobal(g), value);
        }
    }

    /** <b>Logically collective.</b> As {@link #setDouble}, with a long (exact for 64-bit integer dtypes). */
    public void setLong(long value, long... index) {
        checkOpen();
        context.verifyLogical("setLong", number, withValue(index, value));
        long[] g = normalize(index);
        NdMap m = dist.localMap();
        if (m.holds(g)) {
            storage.setLong(offsetOfGlobal(g), value);
        }
    }

    /** <b>Logically collective.</b> Sets every cell of the local block, padding included, to {@code value} cast to the dtype. */
    public void fill(double value) {
        checkOpen();
        context.verifyLogical("fill", number, Double.doubleToLongBits(value));
        fillBits(Casts.bitsOf(dtype, value));
    }

    /** <b>Logically collective.</b> As {@link #fill(double)}, with a long. */
    public void fill(long value) {
        checkOpen();
        context.verifyLogical("fill", number, value);
        fillBits(Casts.bitsOf(dtype, value));
    }

    /** <b>Collective</b> (logically: no communication). A copy with the same distribution and dtype. Caller must close it. */
    public DistArray copy() {
        return astype(dtype);
    }

    /**
     * <b>Collective</b> (logically: no communication). A copy converted to {@code target} with NumPy's
     * {@code astype} rule, which is {@code casting='unsafe'} (see {@code Casts}: truncation, wrap-around, {@code != 0}
     * for bool). Always a new array, as {@code astype(copy=True)}. Caller must close it.
     */
    public DistArray astype(DType target) {
        if (target == null) {
            throw new IllegalArgumentException("astype: the target dtype is null");
        }
        checkOpen();
        context.verifyLogical("astype", number, target == null ? -1 : target.ordinal());
        Storage out = Storage.allocate(target, dist.localElementCount(), false, storage.chunkShiftForCopies());
        Storage src = contiguousStorage();
        try {
            ConvertKernels.convert(src, out, dist.localElementCount());
        } finally {
            freeIfCopy(src);
        }
        return new DistArray(dist, target, out);
    }

    /**
     * <b>Collective.</b> Gathers the whole array to {@code root} as a C-order double array (null on other ranks),
     * with the {@link #DEFAULT_GATHER_LIMIT_BYTES} size guard.
     *
     * @throws DistArrayException on every rank if the result has more than {@code 2^31 - 9} elements or bytes over
     *     the limit
     */
    public double[] toDoubleArray(int root) {
        return toDoubleArray(root, DEFAULT_GATHER_LIMIT_BYTES);
    }

    /** <b>Collective.</b> As {@link #toDoubleArray(int)}, with a limit on the result's bytes (8 per element). */
    public double[] toDoubleArray(int root, long maxBytes) {
        checkGather("toDoubleArray", root, 8, maxBytes, false);
        double[] out = dist.rank() == root ? new double[(int) globalSize()] : null;
        Storage src = contiguousStorage();
        try {
            Transfers.gather(this, src, root, (flat, b, pos) -> out[(int) flat] = Casts.getDouble(b, pos, dtype));
        } finally {
            freeIfCopy(src);
        }
        return out;
    }

    /** <b>Collective.</b> As {@link #toDoubleArray(int)}, as longs (floats truncate toward zero; uint64: the bits). */
    public long[] toLongArray(int root) {
        checkGather("toLongArray", root, 8, DEFAULT_GATHER_LIMIT_BYTES, false);
        long[] out = dist.rank() == root ? new long[(int) globalSize()] : null;
        Storage src = contiguousStorage();
        try {
            Transfers.gather(this, src, root, (flat, b, pos) -> out[(int) flat] = Casts.getLong(b, pos, dtype));
        } finally {
            freeIfCopy(src);
        }
        return out;
    }

    /**
     * <b>Collective.</b> Gathers the whole array to {@code root} as a C-order, native-order direct buffer of the
     * array's dtype (null on other ranks). Caller owns the buffer.
     */
    public ByteBuffer toBuffer(int root, long maxBytes) {
        checkGather("toBuffer", root, dtype.itemSize(), maxBytes, true);
        int size = dtype.itemSize();
        ByteBuffer out = dist.rank() == root ? DirectBuffers.bytes((int) globalSize() * size) : null;
        Storage src = contiguousStorage();
        try {
            Transfers.gather(this, src, root, (flat, b, pos) -> out.put((int) flat * size, b, pos, size));
        } finally {
            freeIfCopy(src);
        }
        return out;
    }

    /**
     * <b>Not collective.</b> Calls {@code visitor} for every element this rank owns (communication padding skipped),
     * in C order of the local block, with its global index tuple (reused between calls) and its local offset.
     */
    public void forEachOwned(NdMap.OwnedElementVisitor visitor) {
        checkOpen();
        if (viewLayout == null) {
            dist.localMap().forEachOwned(visitor);
            return;
        }
        NdMap m = dist.localMap(); // a view: offsets into the memory it shares, as local().getDouble(offset) reads
        m.forEachOwned((g, dense) -> visitor.visit(g, viewLayout.offsetOf(m.localFromGlobal(g))));
    }

    /**
     * <b>Not collective.</b> This rank's protocol export, with no copy: the buffer is the array's memory, so writes
     * through it are writes into the array. Borrows the array's memory: valid until {@link #close()} (take a
     * {@link #borrow()} to pin it).
     *
     * @throws UnsupportedOperationException if the local block exceeds {@code 2^31 - 1} bytes (one buffer), or this
     *     rank holds no part of a 0-d array held on another rank (the protocol has no empty 0-d buffer)
     * @throws IllegalStateException if the local block is strided (the protocol's buffer is C order): export a
     *     {@link #copy()}
     */
    public ProtocolExport export() {
        checkOpen();
        if (dist.localMap().holdsNothing()) {
            throw new UnsupportedOperationException("export: rank " + dist.rank() + " holds no part of this 0-d array"
                    + " (it is held on rank " + dist.holder() + "), and the protocol cannot describe an empty 0-d block");
        }
        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(dtype, dist.localShape()), dist.dimData());
        return new ProtocolExport(d, local().exportBuffer());
    }

    /**
     * <b>Collective.</b> Exports this shared-memory array to other processes: writes this rank's descriptor file into
     * {@code dir}, no copy, O(1) in the array's size; on return every rank's file is in place. See
     * {@link SharedArrays#export(DistArray, Path, boolean)}.
     */
    public Path exportShared(Path dir) {
        checkOpen();
        return SharedArrays.export(this, dir, false);
    }

    /** <b>Collective.</b> As {@link #exportShared(Path)}, read-only for the importers. */
    public Path exportSharedReadOnly(Path dir) {
        checkOpen();
        return SharedArrays.export(this, dir, true);
    }

    /**
     * <b>Collective.</b> Wraps blocks another process exported to shared memory, with no copy, after validating the
     * descriptors. See {@link SharedArrays#importShared(Communicator, Path)}.
     */
    public static DistArray importShared(Communicator comm, Path where) {
        return SharedArrays.importShared(comm, where);
    }

    /**
     * <b>Collective.</b> Fills the communication padding of every padded block axis from the neighbours that own
     * the cells, corners included (PETSc DMDA box stencils), in one exchange of non-blocking messages with the peers.
     * On a periodic axis the boundary padding at each end is filled from the other end of the axis' interior. Other
     * boundary padding is left alone. Runs the ghost plan of the distribution ({@code Redistribution.ghosts}, made at
     * the first call and kept by the array).
     *
     * @throws DistributionException on every rank if a block is too small to supply its neighbours' ghosts
     */
    public void exchangeGhosts() {
        checkOpen();
        context.verify("exchangeGhosts", number);
        if (ghosts == null) {
            ghosts = org.jdistarray.dist.Redistribution.ghosts(dist);
        }
        Redistributor.run(ghosts, storage, storage, context.comm());
    }

    /**
     * <b>Not collective.</b> Pins the array's memory for zero-copy use by someone else (a solver bridge, native
     * code): until the borrow is closed, {@link #close()} throws. Caller must close the borrow.
     */
    public Borrow borrow() {
        checkOpen();
        AtomicInteger pins = viewBase != null ? viewBase.borrows : borrows; // a view pins its source's memory
        pins.incrementAndGet();
        return new Borrow(pins);
    }

    /** <b>Not collective.</b> Number of open borrows on this rank. */
    public int borrowCount() {
        return borrows.get();
    }

    /** <b>Not collective.</b> Whether {@link #close()} has completed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * <b>Not collective.</b> Whether the arrays can be combined element-wise rank by rank (compatible distributions,
     * see {@link Distribution#isCompatible}).
     */
    public boolean isCompatible(DistArray other) {
        return other != null && dist.isCompatible(other.dist);
    }

    /**
     * <b>Not collective.</b> Frees the local block (memory from {@link #fromProtocol} stays with its producer).
     * Idempotent. Local: freeing memory needs no agreement, so a rank that leaves a {@code try} block with an exception
     * closes its arrays without waiting for the others (which then fail or, under MPI, are ended; see the README's
     * reliability section). A borrowed array refuses on the rank where it is borrowed and stays open there.
     *
     * @throws IllegalStateException naming the number of borrows if the array is borrowed on this rank
     */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        int mine = borrows.get();
        if (mine > 0) {
            throw new IllegalStateException("cannot close the array: it is still borrowed (" + mine
                    + " borrow(s) on rank " + dist.rank() + "); close the borrows first");
        }
        if (closed.compareAndSet(false, true) && viewBase == null) {
            storage.free();
            if (ghosts != null) {
                Redistributor.release(ghosts); // the ghost plan's kept buffers
            }
        }
    }

    // ---- Indexing and slicing (delegations to Views and Assign) -----------------------------------------------

    /**
     * <b>Collective</b> (no communication for a view). NumPy basic indexing ({@code a[1:, ::-2, ..., None, 3]}): a
     * <em>view</em> sharing this array's memory when every rank's part is a strided piece of its own block (always on
     * block, irregular block and undistributed axes; on cyclic axes when the step keeps the pattern; see
     * {@link org.jdistarray.dist.Slicing}), else a copy in a balanced block layout. {@link #isView()} says which.
     * Close the result (closing a view frees nothing; a view fails once this array is closed). With an array entry
     * ({@link Index#ints}, {@link Index#mask}) it is NumPy's advanced indexing, always a copy
     * ({@link org.jdistarray.ops.Indexing#get}); {@code set} with such an index writes the selection likewise.
     *
     * @throws IndexOutOfBoundsException on every rank for an integer out of range ("index 10 is out of bounds for axis
     *     0 with size 10"), too many indices or two ellipses
     */
    public DistArray get(Index... index) {
        return Views.get(this, index);
    }

    /** <b>Collective.</b> {@link #get(Index...)} with NumPy's spelling, e.g. {@code get("1:, ::-2, ...")}. */
    public DistArray get(String index) {
        return Views.get(this, Index.parse(index));
    }

    /** <b>Not collective.</b> Whether this array is a slicing view of another array's memory. */
    public boolean isView() {
        return viewBase != null;
    }

    /** <b>Logically collective.</b> {@code a[index] = value}: sets every selected element (NumPy's cast). */
    public void set(Index[] index, double value) {
        Assign.scalar(this, index, Double.doubleToLongBits(value), false);
    }

    /** <b>Logically collective.</b> As {@link #set(Index[], double)} with a long (exact for 64-bit integers). */
    public void set(Index[] index, long value) {
        Assign.scalar(this, index, value, true);
    }

    /** <b>Logically collective.</b> {@link #set(Index[], double)} with NumPy's spelling of the index. */
    public void set(String index, double value) {
        set(Index.parse(index), value);
    }

    /**
     * <b>Collective.</b> {@code a[index] = value} for an array of any layout whose shape broadcasts to the selection
     * (NumPy's rules and message: "could not broadcast input array from shape (3,) into shape (4,)").
     */
    public void set(Index[] index, DistArray value) {
        Assign.array(this, index, value);
    }

    /** <b>Collective.</b> {@link #set(Index[], DistArray)} with NumPy's spelling of the index. */
    public void set(String index, DistArray value) {
        set(Index.parse(index), value);
    }

    /**
     * <b>Logically collective</b> (no communication). {@code a[index] = data} for a C-order Java array of
     * {@code shape} given (the same) on every rank, broadcast to the selection as NumPy does.
     */
    public void set(Index[] index, double[] data, long... shape) {
        Assign.local(this, index, data, shape);
    }

    /**
     * <b>Collective.</b> As {@link #set(Index[], double[], long...)} with {@code data} given on {@code root} only
     * (null elsewhere; {@code shape} on every rank): the root broadcasts it.
     */
    public void setFrom(int root, Index[] index, double[] data, long... shape) {
        Assign.fromRoot(this, root, index, data, shape);
    }

    /** <b>Collective.</b> NumPy's {@code squeeze()}: drops every length-1 axis (a view where {@link #get} is one). */
    public DistArray squeeze() {
        return Assign.squeeze(this, null);
    }

    /** <b>Collective.</b> NumPy's {@code squeeze(axis)}: drops the given length-1 axes. */
    public DistArray squeeze(int... axes) {
        return Assign.squeeze(this, axes);
    }

    /** <b>Collective.</b> NumPy's {@code expand_dims(a, axis)}: a view with a length-1 axis inserted at {@code axis}. */
    public DistArray expandDims(int axis) {
        return Assign.expandDims(this, axis);
    }

    /**
     * <b>Collective.</b> NumPy's {@code ravel()}: the 1-d array in C order; a view for a 1-d array or a
     * one-rank dense one, otherwise a copy in the balanced block layout.
     */
    public DistArray ravel() {
        return Assign.ravel(this, false);
    }

    /** <b>Collective.</b> NumPy's {@code flatten()}: always a copy, 1-d, C order, balanced block layout. */
    public DistArray flatten() {
        return Assign.ravel(this, true);
    }

    /** The array a view was sliced from (the owner of the memory), or null. */
    DistArray viewBase() {
        return viewBase;
    }

    // ---- Redistribution (delegations to DistArrays) ----------------------------------------------------------

    /** <b>Collective.</b> {@link DistArrays#redistribute(DistArray, Distribution)}. Caller must close the result. */
    public DistArray redistribute(Distribution to) {
        return DistArrays.redistribute(this, to);
    }

    /** <b>Collective.</b> {@link DistArrays#redistribute(DistArray, Redistribution)}. Caller must close the result. */
    public DistArray redistribute(Redistribution plan) {
        return DistArrays.redistribute(this, plan);
    }

    /** <b>Collective.</b> {@link DistArrays#redistribute(DistArray, Redistribution, DistArray)}; returns {@code out}. */
    public DistArray redistribute(Redistribution plan, DistArray out) {
        return DistArrays.redistribute(this, plan, out);
    }

    /** <b>Collective.</b> {@link DistArrays#reshape(DistArray, long...)}. Caller must close the result. */
    public DistArray reshape(long... newShape) {
        return DistArrays.reshape(this, newShape);
    }

    /** <b>Collective.</b> {@link DistArrays#reshape(DistArray, Distribution)}. Caller must close the result. */
    public DistArray reshape(Distribution to) {
        return DistArrays.reshape(this, to);
    }

    /** <b>Collective.</b> {@link DistArrays#transpose(DistArray, int...)}. Caller must close the result. */
    public DistArray transpose(int... axes) {
        return DistArrays.transpose(this, axes);
    }

    /** <b>Collective.</b> {@link DistArrays#swapaxes(DistArray, int, int)}. Caller must close the result. */
    public DistArray swapaxes(int axis1, int axis2) {
        return DistArrays.swapaxes(this, axis1, axis2);
    }

    // ================================================================ ufuncs (org.jdistarray.ops; one-line delegations)
    // Operators of DistArray 0.5 as NumPy methods: a.add(b) is np.add(a, b) (logically collective, caller closes the
    // result); a double argument is a Python float, a long (or int literal) a Python int. In-place forms write into
    // this array (out=this, casting='same_kind'). Every other ufunc: Np, or apply(op).

    /** <b>Logically collective.</b> {@code op(this)}. Caller must close the result. */
    public DistArray apply(UnaryOp op) {
        return Np.apply(op, this, null);
    }

    /** <b>Logically collective.</b> {@code op(this, other)}; {@code other} a DistArray or a Double/Long/Boolean. */
    public DistArray apply(BinaryOp op, Object other) {
        return Np.apply(op, this, other, null);
    }

    /** <b>Logically collective.</b> {@code -this}. Caller must close the result. */
    public DistArray negative() {
        return Np.negative(this);
    }

    /** <b>Logically collective.</b> {@code +this} (a copy). Caller must close the result. */
    public DistArray positive() {
        return Np.positive(this);
    }

    /** <b>Logically collective.</b> {@code abs(this)}. Caller must close the result. */
    public DistArray absolute() {
        return Np.absolute(this);
    }

    /** <b>Logically collective.</b> {@code ~this}. Caller must close the result. */
    public DistArray invert() {
        return Np.invert(this);
    }

    /** <b>Logically collective.</b> {@code this + other}. Caller must close the result. */
    public DistArray add(DistArray other) {
        return Np.add(this, other);
    }

    /** <b>Logically collective.</b> {@code this + other} (a Python float). */
    public DistArray add(double other) {
        return Np.add(this, other);
    }

    /** <b>Logically collective.</b> {@code this + other} (a Python int). */
    public DistArray add(long other) {
        return Np.add(this, other);
    }

    /** <b>Logically collective.</b> {@code this - other}. Caller must close the result. */
    public DistArray subtract(DistArray other) {
        return Np.subtract(this, other);
    }

    /** <b>Logically collective.</b> {@code this - other} (a Python float). */
    public DistArray subtract(double other) {
        return Np.subtract(this, other);
    }

    /** <b>Logically collective.</b> {@code this - other} (a Python int). */
    public DistArray subtract(long other) {
        return Np.subtract(this, other);
    }

    /** <b>Logically collective.</b> {@code this * other}. Caller must close the result. */
    public DistArray multiply(DistArray other) {
        return Np.multiply(this, other);
    }

    /** <b>Logically collective.</b> {@code this * other} (a Python float). */
    public DistArray multiply(double other) {
        return Np.multiply(this, other);
    }

    /** <b>Logically collective.</b> {@code this * other} (a Python int). */
    public DistArray multiply(long other) {
        return Np.multiply(this, other);
    }

    /** <b>Logically collective.</b> {@code this / other}. Caller must close the result. */
    public DistArray divide(DistArray other) {
        return Np.divide(this, other);
    }

    /** <b>Logically collective.</b> {@code this / other} (a Python float). */
    public DistArray divide(double other) {
        return Np.divide(this, other);
    }

    /** <b>Logically collective.</b> {@code this / other} (a Python int). */
    public DistArray divide(long other) {
        return Np.divide(this, other);
    }

    /** <b>Logically collective.</b> {@code this // other}. Caller must close the result. */
    public DistArray floorDivide(DistArray other) {
        return Np.floorDivide(this, other);
    }

    /** <b>Logically collective.</b> {@code this // other} (a Python float). */
    public DistArray floorDivide(double other) {
        return Np.floorDivide(this, other);
    }

    /** <b>Logically collective.</b> {@code this // other} (a Python int). */
    public DistArray floorDivide(long other) {
        return Np.floorDivide(this, other);
    }

    /** <b>Logically collective.</b> {@code this % other}. Caller must close the result. */
    public DistArray remainder(DistArray other) {
        return Np.remainder(this, other);
    }

    /** <b>Logically collective.</b> {@code this % other} (a Python float). */
    public DistArray remainder(double other) {
        return Np.remainder(this, other);
    }

    /** <b>Logically collective.</b> {@code this % other} (a Python int). */
    public DistArray remainder(long other) {
        return Np.remainder(this, other);
    }

    /** <b>Logically collective.</b> {@code this ** other}. Caller must close the result. */
    public DistArray power(DistArray other) {
        return Np.power(this, other);
    }

    /** <b>Logically collective.</b> {@code this ** other} (a Python float). */
    public DistArray power(double other) {
        return Np.power(this, other);
    }

    /** <b>Logically collective.</b> {@code this ** other} (a Python int). */
    public DistArray power(long other) {
        return Np.power(this, other);
    }

    /** <b>Logically collective.</b> {@code this << other}. Caller must close the result. */
    public DistArray leftShift(DistArray other) {
        return Np.leftShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this << other} (a Python float). */
    public DistArray leftShift(double other) {
        return Np.leftShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this << other} (a Python int). */
    public DistArray leftShift(long other) {
        return Np.leftShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this >> other}. Caller must close the result. */
    public DistArray rightShift(DistArray other) {
        return Np.rightShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this >> other} (a Python float). */
    public DistArray rightShift(double other) {
        return Np.rightShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this >> other} (a Python int). */
    public DistArray rightShift(long other) {
        return Np.rightShift(this, other);
    }

    /** <b>Logically collective.</b> {@code this & other}. Caller must close the result. */
    public DistArray bitwiseAnd(DistArray other) {
        return Np.bitwiseAnd(this, other);
    }

    /** <b>Logically collective.</b> {@code this & other} (a Python float). */
    public DistArray bitwiseAnd(double other) {
        return Np.bitwiseAnd(this, other);
    }

    /** <b>Logically collective.</b> {@code this & other} (a Python int). */
    public DistArray bitwiseAnd(long other) {
        return Np.bitwiseAnd(this, other);
    }

    /** <b>Logically collective.</b> {@code this | other}. Caller must close the result. */
    public DistArray bitwiseOr(DistArray other) {
        return Np.bitwiseOr(this, other);
    }

    /** <b>Logically collective.</b> {@code this | other} (a Python float). */
    public DistArray bitwiseOr(double other) {
        return Np.bitwiseOr(this, other);
    }

    /** <b>Logically collective.</b> {@code this | other} (a Python int). */
    public DistArray bitwiseOr(long other) {
        return Np.bitwiseOr(this, other);
    }

    /** <b>Logically collective.</b> {@code this ^ other}. Caller must close the result. */
    public DistArray bitwiseXor(DistArray other) {
        return Np.bitwiseXor(this, other);
    }

    /** <b>Logically collective.</b> {@code this ^ other} (a Python float). */
    public DistArray bitwiseXor(double other) {
        return Np.bitwiseXor(this, other);
    }

    /** <b>Logically collective.</b> {@code this ^ other} (a Python int). */
    public DistArray bitwiseXor(long other) {
        return Np.bitwiseXor(this, other);
    }

    /** <b>Logically collective.</b> {@code this < other}. Caller must close the result. */
    public DistArray less(DistArray other) {
        return Np.less(this, other);
    }

    /** <b>Logically collective.</b> {@code this < other} (a Python float). */
    public DistArray less(double other) {
        return Np.less(this, other);
    }

    /** <b>Logically collective.</b> {@code this < other} (a Python int). */
    public DistArray less(long other) {
        return Np.less(this, other);
    }

    /** <b>Logically collective.</b> {@code this <= other}. Caller must close the result. */
    public DistArray lessEqual(DistArray other) {
        return Np.lessEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this <= other} (a Python float). */
    public DistArray lessEqual(double other) {
        return Np.lessEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this <= other} (a Python int). */
    public DistArray lessEqual(long other) {
        return Np.lessEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this == other}. Caller must close the result. */
    public DistArray equal(DistArray other) {
        return Np.equal(this, other);
    }

    /** <b>Logically collective.</b> {@code this == other} (a Python float). */
    public DistArray equal(double other) {
        return Np.equal(this, other);
    }

    /** <b>Logically collective.</b> {@code this == other} (a Python int). */
    public DistArray equal(long other) {
        return Np.equal(this, other);
    }

    /** <b>Logically collective.</b> {@code this != other}. Caller must close the result. */
    public DistArray notEqual(DistArray other) {
        return Np.notEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this != other} (a Python float). */
    public DistArray notEqual(double other) {
        return Np.notEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this != other} (a Python int). */
    public DistArray notEqual(long other) {
        return Np.notEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this > other}. Caller must close the result. */
    public DistArray greater(DistArray other) {
        return Np.greater(this, other);
    }

    /** <b>Logically collective.</b> {@code this > other} (a Python float). */
    public DistArray greater(double other) {
        return Np.greater(this, other);
    }

    /** <b>Logically collective.</b> {@code this > other} (a Python int). */
    public DistArray greater(long other) {
        return Np.greater(this, other);
    }

    /** <b>Logically collective.</b> {@code this >= other}. Caller must close the result. */
    public DistArray greaterEqual(DistArray other) {
        return Np.greaterEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this >= other} (a Python float). */
    public DistArray greaterEqual(double other) {
        return Np.greaterEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this >= other} (a Python int). */
    public DistArray greaterEqual(long other) {
        return Np.greaterEqual(this, other);
    }

    /** <b>Logically collective.</b> {@code this += other}; returns this array. */
    public DistArray addInPlace(DistArray other) {
        return Np.apply(BinaryOp.ADD, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this += other} (a Python float); returns this array. */
    public DistArray addInPlace(double other) {
        return Np.apply(BinaryOp.ADD, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this += other} (a Python int); returns this array. */
    public DistArray addInPlace(long other) {
        return Np.apply(BinaryOp.ADD, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this -= other}; returns this array. */
    public DistArray subtractInPlace(DistArray other) {
        return Np.apply(BinaryOp.SUBTRACT, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this -= other} (a Python float); returns this array. */
    public DistArray subtractInPlace(double other) {
        return Np.apply(BinaryOp.SUBTRACT, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this -= other} (a Python int); returns this array. */
    public DistArray subtractInPlace(long other) {
        return Np.apply(BinaryOp.SUBTRACT, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this *= other}; returns this array. */
    public DistArray multiplyInPlace(DistArray other) {
        return Np.apply(BinaryOp.MULTIPLY, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this *= other} (a Python float); returns this array. */
    public DistArray multiplyInPlace(double other) {
        return Np.apply(BinaryOp.MULTIPLY, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this *= other} (a Python int); returns this array. */
    public DistArray multiplyInPlace(long other) {
        return Np.apply(BinaryOp.MULTIPLY, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this /= other}; returns this array. */
    public DistArray divideInPlace(DistArray other) {
        return Np.apply(BinaryOp.DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this /= other} (a Python float); returns this array. */
    public DistArray divideInPlace(double other) {
        return Np.apply(BinaryOp.DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this /= other} (a Python int); returns this array. */
    public DistArray divideInPlace(long other) {
        return Np.apply(BinaryOp.DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this //= other}; returns this array. */
    public DistArray floorDivideInPlace(DistArray other) {
        return Np.apply(BinaryOp.FLOOR_DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this //= other} (a Python float); returns this array. */
    public DistArray floorDivideInPlace(double other) {
        return Np.apply(BinaryOp.FLOOR_DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this //= other} (a Python int); returns this array. */
    public DistArray floorDivideInPlace(long other) {
        return Np.apply(BinaryOp.FLOOR_DIVIDE, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this %= other}; returns this array. */
    public DistArray remainderInPlace(DistArray other) {
        return Np.apply(BinaryOp.REMAINDER, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this %= other} (a Python float); returns this array. */
    public DistArray remainderInPlace(double other) {
        return Np.apply(BinaryOp.REMAINDER, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this %= other} (a Python int); returns this array. */
    public DistArray remainderInPlace(long other) {
        return Np.apply(BinaryOp.REMAINDER, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this **= other}; returns this array. */
    public DistArray powerInPlace(DistArray other) {
        return Np.apply(BinaryOp.POWER, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this **= other} (a Python float); returns this array. */
    public DistArray powerInPlace(double other) {
        return Np.apply(BinaryOp.POWER, this, other, UfuncOptions.out(this));
    }

    /** <b>Logically collective.</b> {@code this **= other} (a Python int); returns this array. */
    public DistArray powerInPlace(long other) {
        return Np.apply(BinaryOp.POWER, this, other, UfuncOptions.out(this));
    }

    // ================================================================ end of ufuncs

    /** This array's number on its communicator (creation order, the same on every rank). */
    long number() {
        return number;
    }

    /** <b>Collective.</b> Checks that every rank makes the call {@code operation(args)} on this array. */
    void verify(String operation, long... args) {
        context.verify(operation, number, args);
    }

    Storage storage() {
        if (viewLayout != null) { // every rank of a view refuses alike, though its piece may be dense on some
            throw new IllegalStateException("this operation needs an array with its own dense local blocks, and this"
                    + " one is a slicing view (" + viewLayout + " on rank " + dist.rank() + "); take view.copy()"
                    + " (a dense copy) first");
        }
        return storage;
    }

    /** The local block in dense C order: the memory itself, or (for a strided view) a fresh copy of it. */
    Storage contiguousStorage() {
        if (viewLayout == null || viewLayout.equals(StridedLayout.contiguous(dist.localShape()))) {
            return storage;
        }
        Storage c = Storage.allocate(dtype, dist.localElementCount(), false, storage.chunkShiftForCopies());
        StridedCopy.copy(storage, viewLayout, c, StridedLayout.contiguous(dist.localShape()));
        return c;
    }

    private void freeIfCopy(Storage s) {
        if (s != storage) {
            s.free();
        }
    }

    /** The memory itself with this array's layout (a view's strided one), for writes through views. */
    Storage rawStorage() {
        return storage;
    }

    /** This array's local layout in {@link #rawStorage()}. */
    StridedLayout layout() {
        return viewLayout != null ? viewLayout : StridedLayout.contiguous(dist.localShape());
    }

    private long offsetOfGlobal(long[] g) {
        NdMap m = dist.localMap();
        return viewLayout == null ? m.localOffsetOfGlobal(g) : viewLayout.offsetOf(m.localFromGlobal(g));
    }

    private void fillBits(long bits) {
        if (viewLayout == null) {
            storage.fillBits(bits);
            return;
        }
        Views.fillBits(this, bits);
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the array is closed");
        }
        if (viewBase != null && viewBase.isClosed()) {
            throw new IllegalStateException("the array this view was sliced from is closed");
        }
    }

    private long[] normalize(long[] index) {
        checkOpen();
        long[] shape = dist.shape();
        if (index == null || index.length != shape.length) {
            throw new IllegalArgumentException((index == null ? "no" : index.length) + " indices "
                    + Arrays.toString(index) + " given for an array of shape " + Arrays.toString(shape));
        }
        long[] g = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            long x = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (x < 0 || x >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape) + " (axis " + i + ")");
            }
            g[i] = x;
        }
        return g;
    }

    /** The rank that reads element {@code g}: its owner, or the lowest holder on a non-one-to-one unstructured axis. */
    private int holderOf(long[] g) {
        try {
            return dist.ownerOf(g);
        } catch (DistributionException duplicate) {
            int me = dist.localMap().holds(g) ? dist.rank() : Integer.MAX_VALUE;
            return Collectives.allReduce(context.comm(), me, ReduceOp.MIN);
        }
    }

    /** Checks that every rank reads the same element (the index as given, before bounds checks), then normalizes it. */
    private long[] verifiedIndex(String operation, long[] index) {
        checkOpen();
        context.verify(operation, number, index == null ? new long[] {Long.MIN_VALUE} : index);
        return normalize(index);
    }

    private static long[] withValue(long[] index, long valueBits) {
        long[] a = index == null ? new long[1] : Arrays.copyOf(index, index.length + 1);
        a[a.length - 1] = valueBits;
        return a;
    }

    private void checkGather(String operation, int root, int bytesPerElement, long maxBytes, boolean oneBuffer) {
        checkOpen();
        context.verify(operation, number, root, maxBytes);
        Communicator comm = dist.communicator();
        if (root < 0 || root >= comm.size()) {
            throw new IllegalArgumentException("root " + root + " out of range [0, " + comm.size() + ")");
        }
        long n = globalSize();
        boolean tooBig = n > Integer.MAX_VALUE - 8 || n * bytesPerElement > maxBytes
                || oneBuffer && n * bytesPerElement > Integer.MAX_VALUE;
        if (tooBig) {
            throw new DistArrayException("gather of an array of shape " + Arrays.toString(dist.shape()) + " to rank "
                    + root + ": the result of " + n + " elements (" + n * bytesPerElement + " bytes) does not fit a Java"
                    + " array or exceeds the limit of " + maxBytes + " bytes; gather less or raise the limit");
        }
    }

    // ---- reductions (one-line delegations to org.jdistarray.ops.Reductions) ----

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#sum(DistArray)}. Caller must close the result. */
    public DistArray sum() {
        return org.jdistarray.ops.Reductions.sum(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#sum} along {@code axis}. Caller must close the result. */
    public DistArray sum(int axis) {
        return org.jdistarray.ops.Reductions.sum(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#sum(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray sum(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.sum(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#prod(DistArray)}. Caller must close the result. */
    public DistArray prod() {
        return org.jdistarray.ops.Reductions.prod(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#prod} along {@code axis}. Caller must close the result. */
    public DistArray prod(int axis) {
        return org.jdistarray.ops.Reductions.prod(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#prod(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray prod(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.prod(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#mean(DistArray)}. Caller must close the result. */
    public DistArray mean() {
        return org.jdistarray.ops.Reductions.mean(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#mean} along {@code axis}. Caller must close the result. */
    public DistArray mean(int axis) {
        return org.jdistarray.ops.Reductions.mean(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#mean(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray mean(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.mean(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#var(DistArray)}. Caller must close the result. */
    public DistArray var() {
        return org.jdistarray.ops.Reductions.var(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#var} along {@code axis}. Caller must close the result. */
    public DistArray var(int axis) {
        return org.jdistarray.ops.Reductions.var(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#var(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray var(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.var(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#std(DistArray)}. Caller must close the result. */
    public DistArray std() {
        return org.jdistarray.ops.Reductions.std(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#std} along {@code axis}. Caller must close the result. */
    public DistArray std(int axis) {
        return org.jdistarray.ops.Reductions.std(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#std(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray std(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.std(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#min(DistArray)}. Caller must close the result. */
    public DistArray min() {
        return org.jdistarray.ops.Reductions.min(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#min} along {@code axis}. Caller must close the result. */
    public DistArray min(int axis) {
        return org.jdistarray.ops.Reductions.min(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#min(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray min(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.min(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#max(DistArray)}. Caller must close the result. */
    public DistArray max() {
        return org.jdistarray.ops.Reductions.max(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#max} along {@code axis}. Caller must close the result. */
    public DistArray max(int axis) {
        return org.jdistarray.ops.Reductions.max(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#max(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray max(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.max(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmin(DistArray)}. Caller must close the result. */
    public DistArray argmin() {
        return org.jdistarray.ops.Reductions.argmin(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmin} along {@code axis}. Caller must close the result. */
    public DistArray argmin(int axis) {
        return org.jdistarray.ops.Reductions.argmin(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmin(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray argmin(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.argmin(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmax(DistArray)}. Caller must close the result. */
    public DistArray argmax() {
        return org.jdistarray.ops.Reductions.argmax(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmax} along {@code axis}. Caller must close the result. */
    public DistArray argmax(int axis) {
        return org.jdistarray.ops.Reductions.argmax(this, org.jdistarray.ops.ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#argmax(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray argmax(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.argmax(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#any(DistArray)}. Caller must close the result. */
    public DistArray any() {
        return org.jdistarray.ops.Reductions.any(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#any(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray any(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.any(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#all(DistArray)}. Caller must close the result. */
    public DistArray all() {
        return org.jdistarray.ops.Reductions.all(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#all(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray all(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.all(this, options);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#ptp(DistArray)}. Caller must close the result. */
    public DistArray ptp() {
        return org.jdistarray.ops.Reductions.ptp(this);
    }

    /** <b>Collective.</b> {@link org.jdistarray.ops.Reductions#ptp(DistArray, org.jdistarray.ops.ReduceOptions)}. Caller must close the result. */
    public DistArray ptp(org.jdistarray.ops.ReduceOptions options) {
        return org.jdistarray.ops.Reductions.ptp(this, options);
    }

    /**
     * <b>Not collective.</b> The one element of a size-1 array that this rank holds (a reduction over every axis: a
     * replicated 0-d array), as a double, read from this rank's copy (NumPy's {@code .item()}).
     *
     * @throws IllegalArgumentException if the array does not have exactly one element ("can only convert an array of
     *     size 1 to a Python scalar")
     * @throws IllegalStateException if this rank does not hold the element (use the collective {@link #getDouble})
     */
    public double item() {
        return storage.getDouble(itemOffset());
    }

    /** <b>Not collective.</b> As {@link #item()}, as a long (exact for 64-bit integers; uint64: the bits). */
    public long itemLong() {
        return storage.getLong(itemOffset());
    }

    private long itemOffset() {
        checkOpen();
        if (globalSize() != 1) {
            throw new IllegalArgumentException("can only convert an array of size 1 to a Python scalar (this array has "
                    + globalSize() + " elements)");
        }
        NdMap m = dist.localMap();
        long[] zero = new long[dist.ndim()];
        if (m.holdsNothing() || !m.holds(zero)) {
            throw new IllegalStateException("rank " + dist.rank() + " does not hold the element of this size-1 array;"
                    + " read it with the collective getDouble()");
        }
        return offsetOfGlobal(zero);
    }
    // ---- end reductions ----

    @Override
    public String toString() {
        return "DistArray[" + dtype.numpyName() + " shape=" + Arrays.toString(dist.shape()) + ", grid="
                + Arrays.toString(dist.gridShape()) + ", rank " + dist.rank() + " local shape "
                + Arrays.toString(dist.localShape()) + (closed.get() ? ", closed" : "") + "]";
    }

    // ---- fancy indexing, masks (logic in org.jdistarray.ops.Indexing) ----

    /** <b>Collective.</b> NumPy's {@code a[mask]}: {@link org.jdistarray.ops.Indexing#getMask}. Caller must close the result. */
    public DistArray getMask(DistArray mask) {
        return org.jdistarray.ops.Indexing.getMask(this, mask);
    }

    /** <b>Collective.</b> NumPy's {@code a[mask] = values}: {@link org.jdistarray.ops.Indexing#setMask}. */
    public void setMask(DistArray mask, Object values) {
        org.jdistarray.ops.Indexing.setMask(this, mask, values);
    }

    /** <b>Collective.</b> {@code a.take(indices, axis)} (null axis: flattened): {@link org.jdistarray.ops.Indexing#take(DistArray, long[], Integer)}. */
    public DistArray take(long[] indices, Integer axis) {
        return org.jdistarray.ops.Indexing.take(this, indices, axis);
    }

    /** <b>Collective.</b> {@code a.take} with distributed indices: {@link org.jdistarray.ops.Indexing#take(DistArray, DistArray, Integer)}. */
    public DistArray take(DistArray indices, Integer axis) {
        return org.jdistarray.ops.Indexing.take(this, indices, axis);
    }

    /** <b>Collective.</b> {@code a.put(indices, values)} (flat): {@link org.jdistarray.ops.Indexing#put(DistArray, long[], Object)}. */
    public void put(long[] indices, Object values) {
        org.jdistarray.ops.Indexing.put(this, indices, values);
    }

    /** <b>Collective.</b> {@code a[..., indices, ...] = values} along {@code axis}: {@link org.jdistarray.ops.Indexing#put(DistArray, long[], int, Object)}. */
    public void put(long[] indices, int axis, Object values) {
        org.jdistarray.ops.Indexing.put(this, indices, axis, values);
    }

    /** <b>Collective.</b> {@code a.nonzero()}: {@link org.jdistarray.ops.Indexing#nonzero}. Caller must close the results. */
    public DistArray[] nonzero() {
        return org.jdistarray.ops.Indexing.nonzero(this);
    }
    // ---- end fancy indexing ----
}
