package org.jdistarray.petsc;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.petsc.internal.Petsc;

/**
 * A PETSc MPI vector ({@code VECMPI}): either on the caller's memory with no copy ({@link #wrap}, through
 * {@code VecCreateMPIWithArray}) or allocated by PETSc ({@link #create}, {@link #duplicate()}). PETSc numbers the
 * entries rank by rank: rank 0 owns {@code [0, n0)}, rank 1 the next block, and so on ({@link #ownershipRanges()}).
 *
 * <p><b>Java writes and PETSc's caches.</b> PETSc caches norms per object state. A Java write into a wrapped buffer
 * does not change that state, so a later {@code VecNorm} would return the old norm. With
 * {@link StateTracking#AUTOMATIC} (the default for wrapped vectors) every operation on the vector first increases
 * its state (two O(1) calls), so Java writes are always seen; with {@link StateTracking#MANUAL} call
 * {@link #javaWrote()} after writing. Writes through a {@link VecArray} view bump the state on its close.
 *
 * <p>Every argument is checked in Java before PETSc is called (Debian's optimised PETSc checks neither sizes nor
 * null handles): sizes and layouts of all ranks are compared, indices are range-checked, closed vectors throw
 * {@link IllegalStateException}. A vector belongs to the open {@link PetscSession}; close it before the session.
 */
public final class PetscVec implements AutoCloseable {
    /** Local size argument of {@link #create}: let PETSc split the global size ({@code PETSC_DECIDE}). */
    public static final int DECIDE = -1;

    /** How Java writes into a wrapped vector's memory reach PETSc's object state. */
    public enum StateTracking {
        /** Every operation first increases the vector's state (safe; two O(1) native calls). */
        AUTOMATIC,
        /** The caller calls {@link #javaWrote()} after writing from Java. */
        MANUAL
    }

    private final PetscSession session;
    private final NativeHandle h;
    private final Communicator comm;
    private final long commHandle;
    private final long[] ranges;
    private final int localSize;
    private final DoubleBuffer memory;
    private final AutoCloseable borrow;
    private final boolean autoBump;
    private final AtomicInteger views = new AtomicInteger();
    private GlobalNumbering numbering;
    private ArrayCopy copy;

    private PetscVec(PetscSession s, Communicator comm, long handle, long[] ranges, DoubleBuffer memory,
            AutoCloseable borrow, boolean autoBump) {
        this.comm = comm;
        this.commHandle = PetscSession.commHandle(comm);
        this.ranges = ranges;
        this.localSize = Math.toIntExact(ranges[comm.rank() + 1] - ranges[comm.rank()]);
        this.memory = memory;
        this.borrow = borrow;
        this.autoBump = autoBump;
        this.session = s;
        this.h = new NativeHandle(s.handles(), this, handle, null, "PetscVec[" + (memory != null ? "wrapped, " : "") + "size "
                + ranges[ranges.length - 1] + ", rank " + comm.rank() + " owns " + localSize + "]");
    }

    /**
     * <b>Collective.</b> {@link #wrap(Communicator, DoubleBuffer, long, StateTracking, AutoCloseable)} with
     * automatic state tracking and no borrow.
     */
    public static PetscVec wrap(Communicator comm, DoubleBuffer localBlock, long globalSize) {
        return wrap(comm, localBlock, globalSize, StateTracking.AUTOMATIC, null);
    }

    /**
     * <b>Collective.</b> An MPI vector on the caller's memory, without copying: this rank's entries are
     * {@code localBlock}'s elements from its position to its limit; the ranks' blocks follow each other in rank order
     * and must add up to {@code globalSize} (checked with one all-gather: PETSc does not check). Borrows
     * {@code localBlock}: the vector keeps it reachable and PETSc reads and writes it until {@link #close()}, which
     * then closes {@code borrow} (if not null; e.g. the release of a distributed array's borrow). Caller must close.
     *
     * @throws IllegalArgumentException on any rank if a buffer is not direct or not in native order, the sizes do not
     *                                  add up, or they exceed PETSc's 32-bit indices (then on every rank)
     * @throws IllegalStateException    if no {@link PetscSession} is open
     */
    public static PetscVec wrap(Communicator comm, DoubleBuffer localBlock, long globalSize, StateTracking tracking,
            AutoCloseable borrow) {
        return wrapChecked(comm, localBlock, globalSize, tracking, borrow, null);
    }

    /** {@link #wrap} with an error found by the caller on this rank (decided together with the size check). */
    static PetscVec wrapChecked(Communicator comm, DoubleBuffer localBlock, long globalSize, StateTracking tracking,
            AutoCloseable borrow, String callerError) {
        Objects.requireNonNull(localBlock, "localBlock");
        Objects.requireNonNull(tracking, "tracking");
        PetscSession s = PetscSession.require();
        long ch = PetscSession.commHandle(comm);
        String error = callerError;
        if (error != null) {
            localBlock = DirectBuffers.doubles(0);
        } else if (!localBlock.isDirect()) {
            error = "the buffer is not direct (PETSc needs native memory; use DirectBuffers)";
        } else if (localBlock.order() != ByteOrder.nativeOrder()) {
            error = "the buffer is not in native byte order";
        } else if (localBlock.isReadOnly()) {
            error = "the buffer is read-only";
        }
        long[] ranges = layout(comm, localBlock.remaining(), globalSize, error);
        long handle = Petsc.vecCreateWithArray(ch, localBlock.remaining(), (int) globalSize, Petsc.address(localBlock, 8));
        return new PetscVec(s, comm, handle, ranges, localBlock, borrow, tracking == StateTracking.AUTOMATIC);
    }

    /**
     * <b>Collective.</b> A vector in memory PETSc allocates, zeroed: {@code localSize} entries on this rank, or
     * {@link #DECIDE} on every rank to let PETSc split {@code globalSize}. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if the sizes do not add up or are out of range
     */
    public static PetscVec create(Communicator comm, int localSize, long globalSize) {
        PetscSession s = PetscSession.require();
        long ch = PetscSession.commHandle(comm);
        int local = localSize;
        String error = null;
        if (localSize == DECIDE) {
            long n = Math.max(globalSize, 0);
            local = (int) (n / comm.size() + (comm.rank() < n % comm.size() ? 1 : 0));
        } else if (localSize < 0) {
            error = "local size " + localSize + " < 0";
        }
        long[] ranges = layout(comm, local, globalSize, error);
        long handle = Petsc.vecCreate(ch, local, (int) globalSize);
        long[] petscRanges = Petsc.vecRanges(handle, comm.size());
        if (!Arrays.equals(ranges, petscRanges)) {
            Petsc.destroy(handle, "Vec");
            throw new IllegalStateException("PETSc split the vector as " + Arrays.toString(petscRanges) + ", expected "
                    + Arrays.toString(ranges));
        }
        return new PetscVec(s, comm, handle, ranges, null, null, false);
    }

    /** Exclusive prefix sums of column {@code col} of gathered per-rank values, plus the total at the end. */
    static long[] prefixSums(long[][] gathered, int col) {
        long[] s = new long[gathered.length + 1];
        for (int r = 0; r < gathered.length; r++) {
            s[r + 1] = s[r] + gathered[r][col];
        }
        return s;
    }

    /** One all-gather of {local size, global size} from every rank; every rank checks the same facts. */
    private static long[] layout(Communicator comm, long local, long globalSize, String localError) {
        String error = localError;
        if (error == null && globalSize > Integer.MAX_VALUE) {
            error = "global size " + globalSize + " exceeds PETSc's 32-bit PetscInt";
        }
        IllegalArgumentException invalid = error == null ? null : new IllegalArgumentException("PetscVec: " + error);
        long[][] all = CollectiveErrors.agreeAndGather(comm, invalid, local, globalSize);
        long[] ranges = prefixSums(all, 0);
        for (int r = 0; r < all.length; r++) {
            if (all[r][1] != globalSize || ranges[all.length] != globalSize) {
                throw new IllegalArgumentException("PetscVec: local sizes " + column(all, 0) + " add up to "
                        + ranges[all.length] + ", but the global sizes given are " + column(all, 1));
            }
        }
        return ranges;
    }

    private static String column(long[][] all, int c) {
        long[] v = new long[all.length];
        for (int r = 0; r < all.length; r++) {
            v[r] = all[r][c];
        }
        return Arrays.toString(v);
    }

    /**
     * <b>Collective.</b> An MPI vector on a {@code float64} distributed array's own memory, with no copy, for any
     * distribution without communication padding (block, irregular block, cyclic, block-cyclic, unstructured,
     * undistributed axes, empty blocks): each rank's C-order local block is PETSc's contiguous range of entries, in
     * the order of {@link GlobalNumbering} ({@link #numbering()} translates the array's global indices to PETSc's).
     * The array is borrowed until {@link #close()}: closing it before throws. Java writes through the array are seen
     * by PETSc (automatic state tracking) and PETSc's writes are the array's values. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if the dtype is not float64, the array has communication padding
     *                                  (use {@link #copyOf(DistArray)} or {@link #wrapOrCopy}), its layout is not
     *                                  one-to-one, it is closed or too large for one buffer on some rank, or it
     *                                  exceeds PETSc's 32-bit indices
     */
    public static PetscVec wrap(DistArray array) {
        return DistArrayVecs.wrap(array, false);
    }

    /**
     * <b>Collective.</b> {@link #wrap(DistArray)} when the array can be wrapped in place, else
     * {@link #copyOf(DistArray)} (arrays with communication padding); {@link #copyReport()} says which happened.
     */
    public static PetscVec wrapOrCopy(DistArray array) {
        return DistArrayVecs.wrap(array, true);
    }

    /**
     * <b>Collective.</b> A PETSc-allocated vector holding a copy of the array's owned elements (communication padding
     * skipped), in {@link GlobalNumbering} order; works for padded arrays. {@link #copyReport()} gives the bytes
     * copied and the time; {@link #copyInto(DistArray)} copies back. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if the dtype is not float64 or the layout is not one-to-one
     */
    public static PetscVec copyOf(DistArray array) {
        return DistArrayVecs.copyOf(array, null);
    }

    /**
     * <b>Collective.</b> A zeroed PETSc-allocated vector with the layout of {@code numbering} (one entry per element
     * of its distribution, rank by rank); {@link #asDistArray()} shows it as a distributed array. Caller must close.
     */
    public static PetscVec create(GlobalNumbering numbering) {
        PetscVec v = create(numbering.distribution().communicator(), numbering.localRowCount(), numbering.size());
        v.numbering = numbering;
        return v;
    }

    /**
     * <b>Not collective.</b> The numbering of the distributed array this vector was made from (entry {@code i} of
     * the vector is element {@code numbering().indexOf(i)} of the array).
     *
     * @throws IllegalStateException if the vector was not made from a distributed array or a numbering
     */
    public GlobalNumbering numbering() {
        if (numbering == null) {
            throw new IllegalStateException(h + " was not made from a DistArray or GlobalNumbering: it has no array numbering");
        }
        return numbering;
    }

    /** <b>Not collective.</b> The copy made by {@link #copyOf(DistArray)} / {@link #wrapOrCopy}; empty for zero copy. */
    public Optional<ArrayCopy> copyReport() {
        return Optional.ofNullable(copy);
    }

    /**
     * <b>Logically collective</b> (no communication). Copies this rank's entries into the owned elements of
     * {@code target}, a float64 array with the layout of {@link #numbering()} (communication padding is left alone:
     * call {@link DistArray#exchangeGhosts()} afterwards if needed).
     *
     * @throws IllegalArgumentException if the target's layout or dtype differ
     */
    public void copyInto(DistArray target) {
        DistArrayVecs.copyInto(this, target);
    }

    /**
     * <b>Not collective.</b> This rank's entries as a float64 {@link DistArray} with the distribution of
     * {@link #numbering()}, on the vector's memory (no copy): PETSc's memory for a created vector, the wrapped array's
     * memory otherwise. Valid while the vector is open; do not close the view while PETSc uses the vector.
     *
     * @throws IllegalStateException    if the vector has no numbering
     * @throws IllegalArgumentException if the numbering's distribution has communication padding
     */
    public DistArray asDistArray() {
        return DistArrayVecs.view(this, numbering(), h.get());
    }

    void attach(GlobalNumbering numbering, ArrayCopy copy) {
        this.numbering = numbering;
        this.copy = copy;
    }

    /** <b>Collective.</b> A new PETSc-allocated vector with the same layout ({@code VecDuplicate}), zeroed. */
    public PetscVec duplicate() {
        long d = Petsc.vecDuplicate(handle());
        Petsc.vecSet(d, 0.0);
        return new PetscVec(session, comm, d, ranges, null, null, false);
    }

    /** <b>Not collective.</b> Global size. */
    public long size() {
        return ranges[ranges.length - 1];
    }

    /** <b>Not collective.</b> Number of entries on this rank. */
    public int localSize() {
        return localSize;
    }

    /** <b>Not collective.</b> This rank's global index range {@code {first, end}}. */
    public long[] ownershipRange() {
        return new long[] {ranges[comm.rank()], ranges[comm.rank() + 1]};
    }

    /** <b>Not collective.</b> Every rank's first index and the global size at the end (size + 1 entries). */
    public long[] ownershipRanges() {
        return ranges.clone();
    }

    /** <b>Not collective.</b> The communicator. */
    public Communicator comm() {
        return comm;
    }

    /** <b>Not collective.</b> Whether the vector lives on caller memory ({@link #wrap}). */
    public boolean isWrapped() {
        return memory != null;
    }

    /**
     * <b>Logically collective.</b> Tells PETSc that Java wrote into the local block (increases the object state,
     * dropping cached norms). Needed after Java writes with {@link StateTracking#MANUAL}; harmless otherwise.
     */
    public void javaWrote() {
        Petsc.vecStateIncrease(h.get());
    }

    /** <b>Collective.</b> The 2-norm ({@code VecNorm}). */
    public double norm() {
        return norm(NormType.TWO);
    }

    /** <b>Collective.</b> {@code VecNorm} of the given type. */
    public double norm(NormType type) {
        return Petsc.vecNorm(handle(), type.code());
    }

    /** <b>Collective.</b> {@code VecDot}: the sum of {@code this[i] * other[i]}. */
    public double dot(PetscVec other) {
        return Petsc.vecDot(handle(), compatible(other, "dot"));
    }

    /** <b>Collective.</b> {@code VecSum}: the sum of the entries. */
    public double sum() {
        return Petsc.vecSum(handle());
    }

    /** <b>Logically collective</b> (no communication). {@code VecAXPY}: {@code this += alpha * x}. Returns this. */
    public PetscVec axpy(double alpha, PetscVec x) {
        long xh = compatible(x, "axpy");
        Petsc.vecAxpy(handle(), alpha, xh);
        return this;
    }

    /** <b>Logically collective.</b> {@code VecAYPX}: {@code this = x + beta * this}. Returns this. */
    public PetscVec aypx(double beta, PetscVec x) {
        long xh = compatible(x, "aypx");
        Petsc.vecAypx(handle(), beta, xh);
        return this;
    }

    /** <b>Logically collective.</b> {@code VecScale}: {@code this *= alpha}. Returns this. */
    public PetscVec scale(double alpha) {
        Petsc.vecScale(handle(), alpha);
        return this;
    }

    /** <b>Logically collective.</b> {@code VecSet}: every entry {@code = alpha}. Returns this. */
    public PetscVec set(double alpha) {
        Petsc.vecSet(handle(), alpha);
        return this;
    }

    /** <b>Logically collective.</b> {@code VecCopy}: copies this vector into {@code target} (same layout). */
    public void copyTo(PetscVec target) {
        long t = compatible(target, "copyTo");
        Petsc.vecCopy(handle(), t);
    }

    /**
     * <b>Not collective.</b> {@code VecGetValues}: the entries at the given global indices, which must be owned by
     * this rank (PETSc reads local entries only).
     *
     * @throws IndexOutOfBoundsException if an index is not in {@link #ownershipRange()}
     */
    public double[] getValues(long... globalIndices) {
        long lo = ranges[comm.rank()];
        long hi = ranges[comm.rank() + 1];
        IntBuffer ix = DirectBuffers.ints(globalIndices.length);
        for (int i = 0; i < globalIndices.length; i++) {
            long g = globalIndices[i];
            if (g < lo || g >= hi) {
                throw new IndexOutOfBoundsException("index " + g + " is not owned by rank " + comm.rank() + " (owns [" + lo
                        + ", " + hi + "))");
            }
            ix.put(i, (int) g);
        }
        DoubleBuffer out = DirectBuffers.doubles(globalIndices.length);
        Petsc.vecGetValues(handle(), ix, out);
        double[] v = new double[globalIndices.length];
        out.get(0, v);
        return v;
    }

    /**
     * <b>Not collective.</b> {@code VecSetValues}: sets (or adds to) entries at any global indices; entries of other
     * ranks move at the next {@link #assemble()}, which every rank must call.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())}
     */
    public void setValues(long[] globalIndices, double[] values, boolean add) {
        if (globalIndices.length != values.length) {
            throw new IllegalArgumentException(globalIndices.length + " indices but " + values.length + " values");
        }
        IntBuffer ix = DirectBuffers.ints(globalIndices.length);
        for (int i = 0; i < globalIndices.length; i++) {
            if (globalIndices[i] < 0 || globalIndices[i] >= size()) {
                throw new IndexOutOfBoundsException("index " + globalIndices[i] + " outside [0, " + size() + ")");
            }
            ix.put(i, (int) globalIndices[i]);
        }
        Petsc.vecSetValues(handle(), ix, DirectBuffers.of(values), add ? Petsc.ADD_VALUES : Petsc.INSERT_VALUES);
    }

    /** <b>Collective.</b> {@code VecAssemblyBegin/End}: sends entries set for other ranks. */
    public void assemble() {
        Petsc.vecAssemble(handle());
    }

    /**
     * <b>Not collective.</b> This rank's block as a read-write view ({@code VecGetArray}); close it to give it back
     * ({@code VecRestoreArray}, which marks the vector changed). For a wrapped vector it is the caller's memory.
     */
    public VecArray array() {
        return openView(false);
    }

    /** <b>Not collective.</b> This rank's block as a read-only view ({@code VecGetArrayRead}). */
    public VecArray readArray() {
        return openView(true);
    }

    private VecArray openView(boolean readOnly) {
        long vh = h.get();
        views.incrementAndGet();
        try {
            return new VecArray(this, vh, readOnly);
        } catch (RuntimeException e) {
            views.decrementAndGet();
            throw e;
        }
    }

    void viewClosed() {
        views.decrementAndGet();
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run (or the session closed). */
    public boolean isClosed() {
        return h.isClosed();
    }

    /**
     * <b>Collective.</b> {@code VecDestroy}, then releases the borrow given to {@link #wrap}. Idempotent.
     *
     * @throws IllegalStateException if a {@link VecArray} view is still open
     */
    @Override
    public void close() {
        if (views.get() > 0) {
            throw new IllegalStateException(h + ": " + views.get() + " VecArray view(s) still open; close them first");
        }
        boolean wasOpen = !h.isClosed();
        h.close();
        if (wasOpen && borrow != null) {
            try {
                borrow.close();
            } catch (Exception e) {
                throw new IllegalStateException("releasing the borrow of " + h + " failed: " + e, e);
            }
        }
    }

    /** The handle for a PETSc call on this vector, after the automatic state increase if Java may have written. */
    long handle() {
        long v = h.get();
        if (autoBump) {
            Petsc.vecStateIncrease(v);
        }
        return v;
    }

    /** Checks that {@code other} has this layout and communicator; returns its handle (state increased as needed). */
    long compatible(PetscVec other, String op) {
        Objects.requireNonNull(other, op + ": vector");
        if (other.commHandle != commHandle && other.comm != comm) {
            throw new IllegalArgumentException(op + ": the vectors are on different communicators");
        }
        if (!Arrays.equals(other.ranges, ranges)) {
            throw new IllegalArgumentException(op + ": vector layouts differ: " + Arrays.toString(ranges) + " vs "
                    + Arrays.toString(other.ranges));
        }
        return other.handle();
    }

    /** The layout, for matrices. */
    long[] ranges() {
        return ranges;
    }

    @Override
    public String toString() {
        return h.toString();
    }
}
