package org.jdistarray.trilinos;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Objects;

import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.array.Borrow;
import org.jdistarray.array.DistArray;
import org.jdistarray.protocol.DType;
import org.jdistarray.trilinos.internal.Tpetra;

/**
 * What {@link TpetraVector} and {@link TpetraMultiVector} share: one {@code Tpetra::MultiVector} handle, its map,
 * and, when it lives on caller memory, that memory and the borrow to release at close.
 */
final class MvCore {
    private final NativeHandle h;
    private final TpetraMap map;
    private final int ncols;
    private final DoubleBuffer memory;
    private final AutoCloseable borrow;

    private MvCore(TpetraMap map, int ncols, long handle, DoubleBuffer memory, AutoCloseable borrow, String what) {
        this.map = map;
        this.ncols = ncols;
        this.memory = memory;
        this.borrow = borrow;
        this.h = new NativeHandle(map.session().handles(), this, handle, Tpetra.Kind.MULTIVECTOR, what + "["
                + (memory != null ? "on caller memory, " : "") + ncols + " column(s), size " + map.globalSize() + ", rank "
                + map.comm().rank() + " owns " + map.localSize() + "]");
    }

    /** A multivector on {@code local} (column-major, {@code ncols} columns of the map's local size), no copy. */
    static MvCore wrap(TpetraMap map, DoubleBuffer local, int ncols, AutoCloseable borrow, String what) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(local, "local");
        TrilinosSession.require();
        String problem = null;
        long n = (long) map.localSize() * ncols;
        if (ncols < 1) {
            problem = "ncols " + ncols + " < 1";
        } else if (!local.isDirect()) {
            problem = "the buffer is not direct (Tpetra needs native memory; use DirectBuffers)";
        } else if (local.order() != ByteOrder.nativeOrder()) {
            problem = "the buffer is not in native byte order";
        } else if (local.isReadOnly()) {
            problem = "the buffer is read-only";
        } else if (local.remaining() != n) {
            problem = "the buffer has " + local.remaining() + " elements; the map's local size " + map.localSize()
                    + " x " + ncols + " column(s) needs " + n;
        }
        if (problem != null) {
            throw new IllegalArgumentException(what + ".wrap: " + problem);
        }
        DoubleBuffer mine = local.slice();
        long handle = Tpetra.mvWrap(map.handle(), Tpetra.address(mine), map.localSize(), ncols);
        return new MvCore(map, ncols, handle, mine, borrow, what);
    }

    /** A multivector on a distributed array's local block, borrowing the array; no copy. */
    static MvCore wrap(TpetraMap map, DistArray array, String what) {
        checkArray(map, array, what);
        if (map.ownedOffsets() != null || array.distribution().localElementCount() != map.localSize()) {
            throw new IllegalArgumentException(what + ".wrap: " + array + " has ghost padding: its owned elements are "
                    + "not one contiguous run of memory, so Tpetra cannot use the block without a copy; use "
                    + what + ".copyOf(map, array) (an explicit copy; copyTo/copyFrom move values back and forth)");
        }
        Borrow b = array.borrow();
        try {
            return wrap(map, array.local().asDoubles(), 1, b, what);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    static void checkArray(TpetraMap map, DistArray array, String what) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(array, "array");
        if (array.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(what + ": Tpetra vectors hold float64; the array is " + array.dtype());
        }
        if (map.distribution() == null || !map.distribution().isCompatible(array.distribution())) {
            throw new IllegalArgumentException(what + ": the map was not made from this array's distribution (use "
                    + "TpetraMap.of(array)); map " + map + ", array " + array);
        }
    }

    /** A zeroed multivector in memory Tpetra allocates. */
    static MvCore create(TpetraMap map, int ncols, String what) {
        Objects.requireNonNull(map, "map");
        TrilinosSession.require();
        if (ncols < 1) {
            throw new IllegalArgumentException(what + ": ncols " + ncols + " < 1");
        }
        return new MvCore(map, ncols, Tpetra.mvCreate(map.handle(), ncols), null, null, what);
    }

    TpetraMap map() {
        return map;
    }

    int ncols() {
        return ncols;
    }

    boolean onCallerMemory() {
        return memory != null;
    }

    long dataAddress() {
        return Tpetra.mvData(handle());
    }

    /** This rank's values (column-major): the caller's memory, or a view of Tpetra's. */
    DoubleBuffer localValues() {
        long hd = handle();
        return memory != null ? memory.duplicate() : Tpetra.doubles(Tpetra.mvData(hd), map.localSize() * ncols);
    }

    double[] norms() {
        return Tpetra.mvNorm2(handle(), ncols);
    }

    double[] dots(MvCore other) {
        long oh = compatible(other, "dot");
        return Tpetra.mvDot(handle(), oh, ncols);
    }

    void scale(double alpha) {
        Tpetra.mvScale(handle(), alpha);
    }

    void update(double alpha, MvCore x, double beta) {
        long xh = compatible(x, "update");
        Tpetra.mvUpdate(handle(), alpha, xh, beta);
    }

    void putScalar(double alpha) {
        Tpetra.mvPutScalar(handle(), alpha);
    }

    /** Checks that {@code other} has this map and column count; returns its handle. */
    long compatible(MvCore other, String op) {
        Objects.requireNonNull(other, op + ": vector");
        if (!other.map.isSameAs(map)) {
            throw new IllegalArgumentException(op + ": the maps differ: " + map + " vs " + other.map);
        }
        if (other.ncols != ncols) {
            throw new IllegalArgumentException(op + ": " + ncols + " vs " + other.ncols + " columns");
        }
        return other.handle();
    }

    long handle() {
        return h.get();
    }

    boolean isClosed() {
        return h.isClosed();
    }

    void close() {
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

    @Override
    public String toString() {
        return h.toString();
    }
}
