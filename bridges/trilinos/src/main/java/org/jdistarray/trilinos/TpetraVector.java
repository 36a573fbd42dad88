package org.jdistarray.trilinos;

import java.nio.DoubleBuffer;

import org.jdistarray.array.DistArray;

/**
 * A {@code Tpetra::Vector} (a one-column {@code MultiVector}) on a {@link TpetraMap}. {@link #wrap(TpetraMap,
 * DistArray)} puts it <b>on the array's own memory</b> (a Kokkos unmanaged host view: no copy; Java writes are seen
 * by Tpetra at once and Tpetra's writes by Java) and borrows the array until the vector is closed, so closing the
 * array first throws. Arrays with ghost padding cannot be wrapped (their owned elements are not one run of memory):
 * {@link #copyOf} makes an explicit copy, and {@link #copyTo}/{@link #copyFrom} move values. Belongs to the open
 * {@link TrilinosSession}; caller must close.
 */
public final class TpetraVector implements AutoCloseable {
    private static final String WHAT = "TpetraVector";
    private final MvCore core;

    private TpetraVector(MvCore core) {
        this.core = core;
    }

    /**
     * <b>Not collective.</b> The vector on {@code array}'s local block (float64, no ghost padding), with no copy;
     * {@code map} must be {@link TpetraMap#of(DistArray)} of a compatible distribution. Borrows the array until
     * {@link #close()}. Caller must close.
     *
     * @throws IllegalArgumentException if the array is not float64, has padding, or does not match the map
     */
    public static TpetraVector wrap(TpetraMap map, DistArray array) {
        return new TpetraVector(MvCore.wrap(map, array, WHAT));
    }

    /**
     * <b>Not collective.</b> The vector on {@code local}'s elements from its position to its limit (a direct,
     * native-order buffer of the map's local size), with no copy. Borrows the buffer; {@link #close()} then closes
     * {@code borrow} (if not null). Caller must close.
     */
    public static TpetraVector wrap(TpetraMap map, DoubleBuffer local, AutoCloseable borrow) {
        return new TpetraVector(MvCore.wrap(map, local, 1, borrow, WHAT));
    }

    /** <b>Not collective.</b> A zeroed vector in memory Tpetra allocates. Caller must close. */
    public static TpetraVector create(TpetraMap map) {
        return new TpetraVector(MvCore.create(map, 1, WHAT));
    }

    /**
     * <b>Not collective.</b> A vector in Tpetra's memory holding a copy of {@code array}'s owned elements (for
     * arrays with ghost padding, which cannot be wrapped). Does not borrow the array. Caller must close.
     */
    public static TpetraVector copyOf(TpetraMap map, DistArray array) {
        MvCore.checkArray(map, array, WHAT);
        TpetraVector v = new TpetraVector(MvCore.create(map, 1, WHAT));
        v.copyFrom(array);
        return v;
    }

    /** <b>Not collective.</b> Copies {@code array}'s owned elements into this vector (an array of the map's layout). */
    public void copyFrom(DistArray array) {
        MvCore.checkArray(core.map(), array, WHAT + ".copyFrom");
        DoubleBuffer mine = core.localValues();
        DoubleBuffer src = array.local().asDoubles();
        long[] offsets = core.map().ownedOffsets();
        for (int i = 0; i < mine.capacity(); i++) {
            mine.put(i, src.get(offsets == null ? i : (int) offsets[i]));
        }
    }

    /** <b>Not collective.</b> Copies this vector into {@code array}'s owned elements (ghost cells untouched). */
    public void copyTo(DistArray array) {
        MvCore.checkArray(core.map(), array, WHAT + ".copyTo");
        DoubleBuffer mine = core.localValues();
        DoubleBuffer dst = array.local().asDoubles();
        long[] offsets = core.map().ownedOffsets();
        for (int i = 0; i < mine.capacity(); i++) {
            dst.put(offsets == null ? i : (int) offsets[i], mine.get(i));
        }
    }

    /** <b>Not collective.</b> The map. */
    public TpetraMap map() {
        return core.map();
    }

    /** <b>Not collective.</b> Global size. */
    public long globalSize() {
        return core.map().globalSize();
    }

    /** <b>Not collective.</b> Number of entries on this rank. */
    public int localSize() {
        return core.map().localSize();
    }

    /** <b>Not collective.</b> Whether the vector lives on caller memory (made by a {@code wrap}): no copy. */
    public boolean isZeroCopy() {
        return core.onCallerMemory();
    }

    /**
     * <b>Not collective.</b> The address of this rank's values as Tpetra sees them ({@code getLocalViewHost().data()}):
     * for a wrapped vector, the array's own memory (the zero-copy proof).
     */
    public long dataAddress() {
        return core.dataAddress();
    }

    /** <b>Not collective.</b> This rank's values: the wrapped memory, or a view of Tpetra's; valid until close. */
    public DoubleBuffer localValues() {
        return core.localValues();
    }

    /** <b>Collective.</b> The 2-norm. */
    public double norm2() {
        return core.norms()[0];
    }

    /** <b>Collective.</b> The dot product with {@code other} (same map). */
    public double dot(TpetraVector other) {
        return core.dots(other.core)[0];
    }

    /** <b>Not collective.</b> {@code this *= alpha}. Returns this. */
    public TpetraVector scale(double alpha) {
        core.scale(alpha);
        return this;
    }

    /** <b>Not collective.</b> {@code this = alpha * x + beta * this} (same map). Returns this. */
    public TpetraVector update(double alpha, TpetraVector x, double beta) {
        core.update(alpha, x.core, beta);
        return this;
    }

    /** <b>Not collective.</b> Every entry {@code = alpha}. Returns this. */
    public TpetraVector putScalar(double alpha) {
        core.putScalar(alpha);
        return this;
    }

    MvCore core() {
        return core;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /** <b>Not collective.</b> Frees the vector, then releases the borrow of the wrapped memory. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
