package org.jdistarray.trilinos;

import java.nio.DoubleBuffer;
import java.util.Objects;

import org.jdistarray.array.Borrow;
import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * A {@code Tpetra::MultiVector}: {@link #numVectors()} columns on one {@link TpetraMap}. {@link #wrap} puts it on
 * caller memory with no copy (column-major: column {@code j} of this rank is elements
 * {@code [j * localSize, (j + 1) * localSize)} of the buffer), for example on a distributed array of shape
 * {@code (k, ...)} whose rows are the columns ({@link #wrap(TpetraMap, DistArray)}). Column-wise norms and dot products. Belongs to the
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

    /**
     * <b>Not collective.</b> The multivector on a distributed array's own memory, with no copy: {@code array} has
     * shape {@code (k, ...)}, its axis 0 undistributed (every rank holds all {@code k} rows) and its other axes laid
     * out as {@code map}'s distribution, with no padding; its C-order local block {@code (k, localSize)} is then
     * exactly Tpetra's column-major layout, column {@code j} being {@code array[j, ...]}. Borrows the array until
     * {@link #close()}. Caller must close.
     *
     * @throws IllegalArgumentException if the array is not float64, is padded, or does not match the map
     */
    public static TpetraMultiVector wrap(TpetraMap map, DistArray array) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(array, "array");
        long[] shape = array.shape();
        Distribution d = array.distribution();
        String problem = null;
        if (array.dtype() != DType.FLOAT64) {
            problem = "Tpetra multivectors hold float64; the array is " + array.dtype();
        } else if (shape.length < 2 || d.localShape()[0] != shape[0]) {
            problem = "the array must have an undistributed leading axis (the columns) and at least one more axis";
        } else if (d.localElementCount() != d.ownedElementCount()
                || d.ownedElementCount() != shape[0] * map.localSize()) {
            problem = "the array's local block (" + d.localElementCount() + " cells, " + d.ownedElementCount()
                    + " owned) is not " + shape[0] + " columns of the map's local size " + map.localSize();
        } else {
            problem = sameIds(map, shape, d);
        }
        if (problem != null) {
            throw new IllegalArgumentException(WHAT + ".wrap: " + problem);
        }
        Borrow b = array.borrow();
        try {
            return new TpetraMultiVector(MvCore.wrap(map, array.local().asDoubles(), (int) shape[0], b, WHAT));
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** Null if the first column's elements, in local order, are the map's ids; else what differs. */
    private static String sameIds(TpetraMap map, long[] shape, Distribution d) {
        long size = 1;
        for (int a = 1; a < shape.length; a++) {
            size *= shape[a];
        }
        if (size != map.globalSize()) {
            return "a column has " + size + " elements, the map " + map.globalSize();
        }
        long[] ids = map.globalIndices();
        String[] bad = {null};
        int[] k = {0};
        d.localMap().forEachOwned((g, offset) -> {
            int i = k[0]++;
            if (bad[0] != null || i >= ids.length) {
                return;
            }
            long lin = 0;
            for (int a = 1; a < shape.length; a++) {
                lin = lin * shape[a] + g[a];
            }
            if (g[0] != 0 || offset != i || lin != ids[i]) {
                bad[0] = "local element " + i + " of column 0 is global id " + lin + ", the map's is " + ids[i]
                        + " (make the map from the same layout of the trailing axes)";
            }
        });
        return bad[0];
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
