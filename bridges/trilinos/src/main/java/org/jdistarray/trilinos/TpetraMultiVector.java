package org.jdistarray.trilinos;

import java.nio.DoubleBuffer;

/**
 * A {@code Tpetra::MultiVector}: {@link #numVectors()} columns on one {@link TpetraMap}. {@link #wrap} puts it on
 * caller memory with no copy (column-major: column {@code j} of this rank is elements
 * {@code [j * localSize, (j + 1) * localSize)} of the buffer). Column-wise norms and dot products. Belongs to the
 * open {@link TrilinosSession}; caller must close.
 */
public final class TpetraMultiVector implements AutoCloseable {
    private static final String WHAT = "TpetraMultiVector";
    private final MvCore core;

    private TpetraMultiVector(MvCore core) {
        this.core = core;
    }

    /**
     * <b>Not collective.</b> The multivector on {@code local} (direct, native order, {@code localSize * ncols}
     * elements from its position), with no copy. Borrows the buffer; {@link #close()} then closes {@code borrow}
     * (if not null; e.g. a {@link org.jdistarray.array.DistArray#borrow()}). Caller must close.
     */
    public static TpetraMultiVector wrap(TpetraMap map, DoubleBuffer local, int ncols, AutoCloseable borrow) {
        return new TpetraMultiVector(MvCore.wrap(map, local, ncols, borrow, WHAT));
    }

    /** <b>Not collective.</b> A zeroed multivector in memory Tpetra allocates. Caller must close. */
    public static TpetraMultiVector create(TpetraMap map, int ncols) {
        return new TpetraMultiVector(MvCore.create(map, ncols, WHAT));
    }

    /** <b>Not collective.</b> The map. */
    public TpetraMap map() {
        return core.map();
    }

    /** <b>Not collective.</b> Number of columns. */
    public int numVectors() {
        return core.ncols();
    }

    /** <b>Not collective.</b> Whether the multivector lives on caller memory: no copy. */
    public boolean isZeroCopy() {
        return core.onCallerMemory();
    }

    /** <b>Not collective.</b> The address of this rank's values as Tpetra sees them. */
    public long dataAddress() {
        return core.dataAddress();
    }

    /** <b>Not collective.</b> This rank's values, column-major; valid until close. */
    public DoubleBuffer localValues() {
        return core.localValues();
    }

    /** <b>Collective.</b> The 2-norm of each column. */
    public double[] norms2() {
        return core.norms();
    }

    /** <b>Collective.</b> Column-wise dot products with {@code other} (same map and columns). */
    public double[] dots(TpetraMultiVector other) {
        return core.dots(other.core);
    }

    /** <b>Not collective.</b> {@code this *= alpha}. Returns this. */
    public TpetraMultiVector scale(double alpha) {
        core.scale(alpha);
        return this;
    }

    /** <b>Not collective.</b> {@code this = alpha * x + beta * this}. Returns this. */
    public TpetraMultiVector update(double alpha, TpetraMultiVector x, double beta) {
        core.update(alpha, x.core, beta);
        return this;
    }

    /** <b>Not collective.</b> Every entry {@code = alpha}. Returns this. */
    public TpetraMultiVector putScalar(double alpha) {
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

    /** <b>Not collective.</b> Frees the multivector, then releases the borrow of wrapped memory. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
