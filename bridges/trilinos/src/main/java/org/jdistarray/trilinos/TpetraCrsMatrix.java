package org.jdistarray.trilinos;

import java.util.Arrays;
import java.util.Objects;

import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.GridNumbering;
import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;
import org.jdistarray.trilinos.internal.Tpetra;

/**
 * A {@code Tpetra::CrsMatrix} assembled from Java: each rank gives its own rows (those of the row map, in the map's
 * local order) in CSR form with <b>global</b> column ids ({@link #fromLocalRows}, {@link #fromCsr}), or the
 * structured-grid Laplacians of the shared {@link Stencils} on a distributed array's layout
 * ({@link #laplacian}). The values are copied into Tpetra. {@link #fillComplete()} makes it usable by
 * {@link #apply} and {@link BelosSolver}. Belongs to the open {@link TrilinosSession}; caller must close.
 */
public final class TpetraCrsMatrix implements AutoCloseable {
    private final NativeHandle h;
    private final TpetraMap rowMap;
    private final long maxColumn;
    private TpetraMap domainMap;
    private TpetraMap rangeMap;
    private volatile boolean filled;

    private TpetraCrsMatrix(TrilinosSession s, TpetraMap rowMap, long handle, long maxColumn, int nnz) {
        this.rowMap = rowMap;
        this.maxColumn = maxColumn;
        this.h = new NativeHandle(s.handles(), this, handle, Tpetra.Kind.MATRIX, "TpetraCrsMatrix[" + rowMap.globalSize()
                + " rows, rank " + rowMap.comm().rank() + " has " + rowMap.localSize() + " rows, " + nnz + " entries]");
    }

    /**
     * <b>Collective.</b> The matrix whose local row {@code i} (global row {@code rowMap.globalIndex(i)}) holds the
     * entries {@code columns[k], values[k]} for {@code rowPtr[i] <= k < rowPtr[i + 1]}; columns are global ids in
     * {@code [0, rowMap.globalSize())} (a square matrix; see {@link #fillComplete(TpetraMap, TpetraMap)} otherwise).
     * Repeated columns in a row are summed. Not fill-complete yet. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if some rank's arrays are inconsistent or a column is out of
     *                                  range
     */
    public static TpetraCrsMatrix fromLocalRows(TpetraMap rowMap, int[] rowPtr, long[] columns, double[] values) {
        Objects.requireNonNull(rowMap, "rowMap");
        TrilinosSession s = TrilinosSession.require();
        long maxCol = CollectiveErrors.agree(rowMap.comm(), () -> check(rowMap, rowPtr, columns, values));
        long handle = Tpetra.crsCreate(rowMap.handle(), rowMap.localSize(), rowPtr, columns, values);
        return new TpetraCrsMatrix(s, rowMap, handle, maxCol, rowPtr[rowPtr.length - 1]);
    }

    /**
     * <b>Collective.</b> The matrix from the shared {@link CsrRows} form: this rank's rows
     * {@code [firstRow, firstRow + rowCount)} must be the row map's ids in local order (a contiguous map, as for
     * row blocks and for {@link org.jdistarray.dist.numbering.BlockNumbering} rows).
     *
     * @throws IllegalArgumentException on every rank if some rank's rows are not its map's ids
     */
    public static TpetraCrsMatrix fromCsr(TpetraMap rowMap, CsrRows rows) {
        Objects.requireNonNull(rowMap, "rowMap");
        CollectiveErrors.agree(rowMap.comm(), () -> {
            Objects.requireNonNull(rows, "rows");
            boolean ok = rows.rowCount() == rowMap.localSize();
            for (int i = 0; ok && i < rows.rowCount(); i++) {
                ok = rowMap.globalIndex(i) == rows.firstRow() + i;
            }
            if (!ok) {
                throw new IllegalArgumentException("rows " + rows + " are not the ids of " + rowMap + " in local order");
            }
            return null;
        });
        return fromLocalRows(rowMap, rows.rowPtr(), rows.columns(), rows.values());
    }

    /**
     * <b>Collective.</b> The Laplacian {@code stencil} (times {@code scale}; homogeneous Dirichlet boundaries, see
     * {@link Stencils}) on the grid of the distribution {@code map} was made from ({@link TpetraMap#of}): one
     * row per grid point, numbered by its global C-order linear index, so that vectors on the same map (the arrays'
     * own memory) are the grid functions. Works for any layout the map can describe (row blocks, 2-D/3-D blocks,
     * cyclic axes); the rows come from {@link Stencils} one grid line at a time.
     *
     * @throws IllegalArgumentException on every rank if the map has no distribution or the stencil's dimension
     *                                  differs from the grid's
     */
    public static TpetraCrsMatrix laplacian(TpetraMap map, Stencil stencil, double scale) {
        Objects.requireNonNull(map, "map");
        CsrRows rows = CollectiveErrors.agree(map.comm(), () -> laplacianRows(map, stencil, scale));
        TrilinosSession s = TrilinosSession.require();
        long handle = Tpetra.crsCreate(map.handle(), map.localSize(), rows.rowPtr(), rows.columns(), rows.values());
        return new TpetraCrsMatrix(s, map, handle, map.globalSize() - 1, rows.nonZeros());
    }

    private static CsrRows laplacianRows(TpetraMap map, Stencil stencil, double scale) {
        Objects.requireNonNull(stencil, "stencil");
        Distribution d = map.distribution();
        if (d == null) {
            throw new IllegalArgumentException("laplacian: " + map + " was not made from a distribution (TpetraMap.of)");
        }
        long[] shape = d.shape();
        if (shape.length != stencil.dims()) {
            throw new IllegalArgumentException(stencil + " needs a " + stencil.dims() + "-d grid; the distribution's "
                    + "shape is " + Arrays.toString(shape));
        }
        int nd = shape.length;
        int[] ishape = new int[nd];
        for (int a = 0; a < nd; a++) {
            ishape[a] = Math.toIntExact(shape[a]);
        }
        GridNumbering natural = GridNumbering.rowMajor(ishape);
        long[] ids = map.globalIndices();
        int n = ids.length;
        int[] rowPtr = new int[n + 1];
        long[] cols = new long[Math.max(16, n * (stencil == Stencil.NINE_POINT_2D ? 9 : 2 * nd + 1))];
        double[] vals = new double[cols.length];
        int[] lo = new int[nd];
        int[] hi = new int[nd];
        int nnz = 0;
        for (int i = 0; i < n;) {
            int j = i + 1; // a run of consecutive ids on one grid line (last axis): consecutive in row-major order
            while (j < n && ids[j] == ids[j - 1] + 1 && ids[j] % ishape[nd - 1] != 0) {
                j++;
            }
            long rest = ids[i];
            for (int a = nd - 1; a >= 0; a--) {
                lo[a] = (int) (rest % ishape[a]);
                hi[a] = lo[a] + 1;
                rest /= ishape[a];
            }
            hi[nd - 1] = lo[nd - 1] + (j - i);
            CsrRows line = Stencils.laplacian(stencil, natural, lo, hi, scale);
            for (int r = 0; r < line.rowCount(); r++) {
                rowPtr[i + r + 1] = rowPtr[i + r] + line.rowLength(r);
            }
            System.arraycopy(line.columns(), 0, cols, nnz, line.nonZeros());
            System.arraycopy(line.values(), 0, vals, nnz, line.nonZeros());
            nnz += line.nonZeros();
            i = j;
        }
        return new CsrRows(0, rowPtr, Arrays.copyOf(cols, nnz), Arrays.copyOf(vals, nnz));
    }

    private static long check(TpetraMap rowMap, int[] rowPtr, long[] columns, double[] values) {
        Objects.requireNonNull(rowPtr, "rowPtr");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        int n = rowMap.localSize();
        if (rowPtr.length != n + 1 || rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr must have the map's local size + 1 = " + (n + 1)
                    + " entries starting with 0; it has " + rowPtr.length + (rowPtr.length > 0 ? ", first " + rowPtr[0] : ""));
        }
        for (int i = 0; i < n; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new IllegalArgumentException("rowPtr decreases at local row " + i);
            }
        }
        int nnz = rowPtr[n];
        if (columns.length < nnz || values.length < nnz) {
            throw new IllegalArgumentException("rowPtr says " + nnz + " entries; columns has " + columns.length
                    + ", values " + values.length);
        }
        long max = -1;
        for (int k = 0; k < nnz; k++) {
            if (columns[k] < 0 || columns[k] >= rowMap.globalSize()) {
                throw new IllegalArgumentException("column " + columns[k] + " at entry " + k + " is outside [0, "
                        + rowMap.globalSize() + ")");
            }
            max = Math.max(max, columns[k]);
        }
        return max;
    }

    /** <b>Collective.</b> {@code fillComplete} with the row map as domain and range map. Returns this. */
    public TpetraCrsMatrix fillComplete() {
        return fillComplete(rowMap, rowMap);
    }

    /**
     * <b>Collective.</b> {@code fillComplete(domainMap, rangeMap)}: the matrix maps vectors on {@code domainMap} to
     * vectors on {@code rangeMap}. Returns this.
     *
     * @throws IllegalStateException    on every rank if already fill-complete
     * @throws IllegalArgumentException on every rank if a column is outside the domain map
     */
    public TpetraCrsMatrix fillComplete(TpetraMap domainMap, TpetraMap rangeMap) {
        Objects.requireNonNull(domainMap, "domainMap");
        Objects.requireNonNull(rangeMap, "rangeMap");
        long hd = h.get();
        CollectiveErrors.agree(rowMap.comm(), () -> {
            if (filled) {
                throw new IllegalStateException(this + " is already fill-complete");
            }
            if (maxColumn >= domainMap.globalSize()) {
                throw new IllegalArgumentException("column " + maxColumn + " is outside the domain map " + domainMap);
            }
            return null;
        });
        Tpetra.crsFillComplete(hd, domainMap.handle(), rangeMap.handle());
        this.domainMap = domainMap;
        this.rangeMap = rangeMap;
        filled = true;
        return this;
    }

    /** <b>Collective.</b> {@code y = A x}. */
    public void apply(TpetraVector x, TpetraVector y) {
        apply(x, y, 1.0, 0.0, false);
    }

    /** <b>Collective.</b> {@code y = alpha * op(A) x + beta * y}, {@code op(A) = A} or its transpose. */
    public void apply(TpetraVector x, TpetraVector y, double alpha, double beta, boolean transpose) {
        apply(x.core(), y.core(), alpha, beta, transpose);
    }

    /** <b>Collective.</b> Column by column {@code Y = alpha * op(A) X + beta * Y}. */
    public void apply(TpetraMultiVector x, TpetraMultiVector y, double alpha, double beta, boolean transpose) {
        apply(x.core(), y.core(), alpha, beta, transpose);
    }

    private void apply(MvCore x, MvCore y, double alpha, double beta, boolean transpose) {
        long a = filledHandle("apply");
        TpetraMap in = transpose ? rangeMap : domainMap;
        TpetraMap out = transpose ? domainMap : rangeMap;
        if (!x.map().isSameAs(in) || !y.map().isSameAs(out)) {
            throw new IllegalArgumentException("apply: x must be on the " + (transpose ? "range" : "domain")
                    + " map and y on the " + (transpose ? "domain" : "range") + " map; x " + x + ", y " + y);
        }
        if (x.ncols() != y.ncols()) {
            throw new IllegalArgumentException("apply: x has " + x.ncols() + " columns, y " + y.ncols());
        }
        Tpetra.crsApply(a, x.handle(), y.handle(), alpha, beta, transpose);
    }

    long filledHandle(String op) {
        long a = h.get();
        if (!filled) {
            throw new IllegalStateException(op + ": " + this + " is not fill-complete (call fillComplete())");
        }
        return a;
    }

    /** <b>Not collective.</b> The row map. */
    public TpetraMap rowMap() {
        return rowMap;
    }

    /** <b>Not collective.</b> The domain map (after fill-complete; else null). */
    public TpetraMap domainMap() {
        return domainMap;
    }

    /** <b>Not collective.</b> The range map (after fill-complete; else null). */
    public TpetraMap rangeMap() {
        return rangeMap;
    }

    /** <b>Not collective.</b> Whether {@link #fillComplete()} has run. */
    public boolean isFillComplete() {
        return filled;
    }

    /** <b>Not collective.</b> Number of global rows. */
    public long globalRows() {
        return rowMap.globalSize();
    }

    /** <b>Not collective.</b> Number of stored entries over all ranks (after fill-complete). */
    public long globalEntries() {
        return Tpetra.crsInfo(filledHandle("globalEntries"))[2];
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return h.isClosed();
    }

    /** <b>Not collective.</b> Frees the matrix (solvers made on it keep what they need). Idempotent. */
    @Override
    public void close() {
        h.close();
    }

    @Override
    public String toString() {
        return h.toString();
    }
}
