package org.jdistarray.petsc;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;

import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.petsc.internal.NativeCallback;
import org.jdistarray.petsc.internal.Petsc;
import org.jdistarray.protocol.DType;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;

/**
 * A distributed PETSc matrix: sparse AIJ ({@code MATMPIAIJ}, {@code MATSEQAIJ} on one rank) assembled from Java, or
 * a matrix-free shell whose multiply is a Java function ({@link #shell}). Rows are distributed in contiguous blocks
 * in rank order (PETSc's numbering); columns are global indices, split over the ranks for the diagonal/off-diagonal
 * blocks by the local column counts (the layout of the vectors {@code x} in {@code y = A x}).
 *
 * <p>AIJ matrices are preallocated exactly: the diagonal and off-diagonal nonzeros per row are counted in Java from
 * the rows' pattern ({@link #diagonalCounts}), so assembly never reallocates, and an entry outside the preallocated
 * pattern is a {@link PetscException} ({@link PetscError#ARG_OUTOFRANGE}, "new nonzero caused a malloc"). All sizes
 * and indices are checked in Java first; sizes that need other ranks' values are agreed in one all-gather.
 */
public final class PetscMat implements AutoCloseable {
    /** How {@link #fromCsr} moves the rows into PETSc. */
    public enum Assembly {
        /** {@code MatXAIJSetPreallocationCSR}: one call, PETSc copies the arrays (fastest). */
        CSR,
        /** Exact {@code d_nnz/o_nnz} preallocation, one {@code MatSetValues} per row, then assembly. */
        ROWS
    }

    private final NativeHandle h;
    private final Communicator comm;
    private final long commHandle;
    private final long[] rowRanges;
    private final long[] colRanges;
    private final NativeCallback shellOp;
    private GlobalNumbering rowNumbering;
    private GlobalNumbering colNumbering;

    private PetscMat(PetscSession s, Communicator comm, long handle, long[] rowRanges, long[] colRanges,
            NativeCallback shellOp, String kind) {
        this.comm = comm;
        this.commHandle = PetscSession.commHandle(comm);
        this.rowRanges = rowRanges;
        this.colRanges = colRanges;
        this.shellOp = shellOp;
        this.h = new NativeHandle(s.handles(), this, handle, null, "PetscMat[" + kind + ", " + rowRanges[rowRanges.length - 1] + " x "
                + colRanges[colRanges.length - 1] + ", rank " + comm.rank() + "]");
    }

    /**
     * <b>Collective.</b> {@link #fromCsr(Communicator, CsrRows, int, long, Assembly)} with {@link Assembly#CSR}.
     */
    public static PetscMat fromCsr(Communicator comm, CsrRows rows, int localColumns, long globalColumns) {
        return fromCsr(comm, rows, localColumns, globalColumns, Assembly.CSR);
    }

    /**
     * <b>Collective.</b> An assembled AIJ matrix from this rank's rows ({@code rows.firstRow()} must be the sum of
     * the lower ranks' row counts) with global column indices in {@code [0, globalColumns)}; this rank's share of the
     * columns is {@code localColumns} (for a square operator, usually its row count). The arrays are copied; the
     * caller keeps them. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if any rank's rows or sizes are inconsistent
     */
    public static PetscMat fromCsr(Communicator comm, CsrRows rows, int localColumns, long globalColumns, Assembly how) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(how, "how");
        Layout l = layout(comm, rows, localColumns, globalColumns);
        int[] cols = intColumns(rows);
        long a = Petsc.matCreateAij(l.commHandle, rows.rowCount(), localColumns, (int) l.rows(), (int) globalColumns);
        try {
            if (how == Assembly.CSR) {
                Petsc.matPreallocateCsr(a, rows.rowPtr(), cols, rows.values());
            } else {
                int[][] counts = diagonalCounts(rows, l.colStart(), l.colEnd());
                Petsc.matPreallocate(a, counts[0], counts[1]);
                Petsc.matSetRows(a, (int) rows.firstRow(), rows.rowPtr(), cols, rows.values(), Petsc.INSERT_VALUES);
                Petsc.matAssemble(a);
            }
        } catch (RuntimeException e) {
            Petsc.destroy(a, "Mat");
            throw e;
        }
        return new PetscMat(l.session, comm, a, l.rowRanges, l.colRanges, null, "aij");
    }

    /**
     * <b>Collective.</b> An assembled AIJ matrix from this rank's rows supplied in {@code chunkCount} consecutive
     * chunks ({@code chunk.apply(0)} starts at this rank's first row, each next chunk where the previous ended), with
     * memory bounded by one chunk instead of all rows: each chunk is requested twice, once to count the exact
     * preallocation, once to insert ({@code MatSetValues} per row). The stencil builder can produce chunks of grid
     * rows directly. Caller must close.
     *
     * @throws IllegalArgumentException on every rank if any rank's chunks, rows or sizes are inconsistent
     */
    public static PetscMat fromRowChunks(Communicator comm, int chunkCount, IntFunction<CsrRows> chunk, int localColumns,
            long globalColumns) {
        Objects.requireNonNull(chunk, "chunk");
        PetscSession s = PetscSession.require();
        long ch = PetscSession.commHandle(comm);
        String error = localColumns < 0 ? "localColumns " + localColumns + " < 0"
                : globalColumns > Integer.MAX_VALUE ? globalColumns + " columns exceed 32-bit PetscInt" : null;
        IllegalArgumentException invalid = error == null ? null : new IllegalArgumentException("PetscMat: " + error);
        long[][] cols = CollectiveErrors.agreeAndGather(comm, invalid, localColumns, globalColumns);
        long[] colRanges = PetscVec.prefixSums(cols, 0);
        for (long[] r : cols) {
            if (r[1] != globalColumns || colRanges[cols.length] != globalColumns) {
                throw new IllegalArgumentException("PetscMat: local column counts add up to " + colRanges[cols.length]
                        + ", global column counts given: " + r[1] + " and " + globalColumns);
            }
        }
        long colStart = colRanges[comm.rank()];
        long colEnd = colRanges[comm.rank() + 1];
        IntList d = new IntList();
        IntList o = new IntList();
        long first = -1;
        long next = -1;
        error = null;
        for (int k = 0; k < chunkCount && error == null; k++) {
            CsrRows c = chunk.apply(k);
            long[] cr = c.columnRange();
            if (k == 0) {
                first = c.firstRow();
                next = first;
            }
            if (c.firstRow() != next && c.rowCount() > 0) {
                error = "chunk " + k + " starts at row " + c.firstRow() + ", expected " + next;
            } else if (c.nonZeros() > 0 && (cr[0] < 0 || cr[1] >= globalColumns)) {
                error = "chunk " + k + ": columns " + cr[0] + ".." + cr[1] + " outside [0, " + globalColumns + ")";
            } else {
                int[][] counts = diagonalCounts(c, colStart, colEnd);
                d.addAll(counts[0]);
                o.addAll(counts[1]);
                next += c.rowCount();
            }
        }
        IllegalArgumentException invalidRows = error == null ? null : new IllegalArgumentException("PetscMat: " + error);
        long[][] rows = CollectiveErrors.agreeAndGather(comm, invalidRows, d.size, Math.max(first, 0));
        long[] rowRanges = PetscVec.prefixSums(rows, 0);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r][0] > 0 && rows[r][1] != rowRanges[r]) {
                throw new IllegalArgumentException("PetscMat: rank " + r + " starts at row " + rows[r][1]
                        + ", but the ranks before it own " + rowRanges[r] + " rows (rows are numbered rank by rank)");
            }
        }
        long a = Petsc.matCreateAij(ch, d.size, localColumns, (int) rowRanges[rows.length], (int) globalColumns);
        try {
            Petsc.matPreallocate(a, d.toArray(), o.toArray());
            for (int k = 0; k < chunkCount; k++) {
                CsrRows c = chunk.apply(k);
                Petsc.matSetRows(a, (int) c.firstRow(), c.rowPtr(), intColumns(c), c.values(), Petsc.INSERT_VALUES);
            }
            Petsc.matAssemble(a);
        } catch (RuntimeException e) {
            Petsc.destroy(a, "Mat");
            throw e;
        }
        return new PetscMat(s, comm, a, rowRanges, colRanges, null, "aij");
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] v = new int[1024];
        private int size;

        void addAll(int[] more) {
            if (size + more.length > v.length) {
                v = Arrays.copyOf(v, Math.max(2 * v.length, size + more.length));
            }
            System.arraycopy(more, 0, v, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(v, size);
        }
    }

    /**
     * <b>Collective.</b> An AIJ matrix preallocated exactly for the pattern of {@code pattern} (its values are
     * ignored), not yet assembled: fill it with {@link #set}/{@link #add}/{@link #setRow}, then {@link #assemble()}.
     * Caller must close.
     */
    public static PetscMat preallocated(Communicator comm, CsrRows pattern, int localColumns, long globalColumns) {
        Objects.requireNonNull(pattern, "pattern");
        Layout l = layout(comm, pattern, localColumns, globalColumns);
        int[][] counts = diagonalCounts(pattern, l.colStart(), l.colEnd());
        long a = Petsc.matCreateAij(l.commHandle, pattern.rowCount(), localColumns, (int) l.rows(), (int) globalColumns);
        try {
            Petsc.matPreallocate(a, counts[0], counts[1]);
        } catch (RuntimeException e) {
            Petsc.destroy(a, "Mat");
            throw e;
        }
        return new PetscMat(l.session, comm, a, l.rowRanges, l.colRanges, null, "aij");
    }

    /**
     * <b>Collective.</b> A matrix-free operator ({@code MatCreateShell} with {@code MATOP_MULT}): {@link #mult} and
     * solvers call {@code multiply} on every rank with the local blocks of x and y. The function stays strongly
     * reachable while the matrix (or a {@link Ksp} using it) lives. Caller must close.
     */
    public static PetscMat shell(Communicator comm, int localRows, int localColumns, long globalRows, long globalColumns,
            MatMultiply multiply) {
        Objects.requireNonNull(multiply, "multiply");
        PetscSession s = PetscSession.require();
        long ch = PetscSession.commHandle(comm);
        String error = localRows < 0 || localColumns < 0 ? "negative local size" : null;
        IllegalArgumentException invalid = error == null ? null : new IllegalArgumentException("PetscMat.shell: " + error);
        long[][] all = CollectiveErrors.agreeAndGather(comm, invalid, localRows, localColumns, globalRows, globalColumns);
        long[] rr = PetscVec.prefixSums(all, 0);
        long[] cr = PetscVec.prefixSums(all, 1);
        for (long[] r : all) {
            if (r[2] != globalRows || r[3] != globalColumns || rr[all.length] != globalRows
                    || cr[all.length] != globalColumns || globalRows > Integer.MAX_VALUE || globalColumns > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("PetscMat.shell: local sizes add up to " + rr[all.length] + " x "
                        + cr[all.length] + ", global sizes given " + globalRows + " x " + globalColumns
                        + " (must agree on every rank and fit 32-bit PetscInt)");
            }
        }
        int nx = localColumns;
        int ny = localRows;
        NativeCallback op = NativeCallback.mult((x, y) -> {
            long xa = Petsc.vecGetArray(x, true);
            try {
                long ya = Petsc.vecGetArray(y, false);
                try {
                    multiply.multiply(Petsc.doubles(xa, nx).asReadOnlyBuffer(), Petsc.doubles(ya, ny));
                } finally {
                    Petsc.vecRestoreArray(y, ya, false);
                }
            } finally {
                Petsc.vecRestoreArray(x, xa, true);
            }
        });
        long a = Petsc.matCreateShell(ch, localRows, localColumns, (int) globalRows, (int) globalColumns, op);
        return new PetscMat(s, comm, a, rr, cr, op, "shell");
    }

    /**
     * <b>Collective.</b> The Dirichlet Laplacian {@code stencil} (times {@code scale}) on the grid of a distribution
     * of any layout, rows and columns in {@code grid}'s numbering, so that it multiplies vectors wrapped from
     * distributed arrays of that distribution ({@link PetscVec#wrap(org.jdistarray.array.DistArray)}). The rows are
     * streamed straight into PETSc ({@link Stencils#forEachRow}: exact preallocation from a counting pass, then
     * one {@code MatSetValues} per row through a reused native buffer), so assembly leaves no Java garbage beyond two
     * int arrays of the local row count; {@link #setAt}/{@link #addAt} take the array's global index tuples. Caller
     * must close.
     *
     * @throws IllegalArgumentException if the distribution's number of axes is not the stencil's (on every rank)
     */
    public static PetscMat laplacian(Stencil stencil, GlobalNumbering grid, double scale) {
        Objects.requireNonNull(stencil, "stencil");
        if (grid.globalShape().length != stencil.dims()) {
            throw new IllegalArgumentException(stencil + " needs a " + stencil.dims() + "-d distribution; got shape "
                    + Arrays.toString(grid.globalShape()));
        }
        if (grid.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("PetscMat.laplacian: " + grid.size() + " rows exceed 32-bit PetscInt");
        }
        PetscSession s = PetscSession.require();
        Communicator comm = grid.distribution().communicator();
        long ch = PetscSession.commHandle(comm);
        int n = grid.localRowCount();
        long first = grid.firstRow();
        long end = grid.endRow();
        int[] dnz = new int[n];
        int[] onz = new int[n];
        Stencils.forEachRow(stencil, grid, 0, n, scale, (row, c, v, k) -> {
            int i = (int) (row - first);
            for (int j = 0; j < k; j++) {
                if (c[j] >= first && c[j] < end) {
                    dnz[i]++;
                } else {
                    onz[i]++;
                }
            }
        });
        long h = Petsc.matCreateAij(ch, n, n, (int) grid.size(), (int) grid.size());
        try {
            Petsc.matPreallocate(h, dnz, onz);
            int[] ic = new int[27];
            Stencils.forEachRow(stencil, grid, 0, n, scale, (row, c, v, k) -> {
                for (int j = 0; j < k; j++) {
                    ic[j] = (int) c[j];
                }
                Petsc.matSetValues(h, (int) row, ic, v, k, Petsc.INSERT_VALUES); // through a reused native scratch
            });
            Petsc.matAssemble(h);
        } catch (RuntimeException e) {
            Petsc.destroy(h, "Mat");
            throw e;
        }
        long[] ranges = grid.rankOffsets();
        PetscMat a = new PetscMat(s, comm, h, ranges, ranges, null, "aij");
        return a.numbered(grid, grid);
    }

    /**
     * <b>Collective.</b> A matrix-free operator from the arrays of {@code domain}'s distribution to those of
     * {@code range}'s: {@link #mult} and solvers call {@code op} on every rank with x and y as {@code DistArray}
     * views of the vectors' memory (no copy). Caller must close.
     *
     * @throws IllegalArgumentException if a distribution has communication padding (views need contiguous blocks)
     */
    public static PetscMat shell(GlobalNumbering domain, GlobalNumbering range, ArrayOperator op) {
        Objects.requireNonNull(op, "op");
        for (GlobalNumbering g : new GlobalNumbering[] {domain, range}) {
            if (!g.paddedAxes().isEmpty()) {
                throw new IllegalArgumentException("PetscMat.shell: a distribution has communication padding on axes "
                        + g.paddedAxes() + "; a shell needs unpadded arrays (" + g.distribution() + ")");
            }
        }
        var dx = domain.distribution();
        var dy = range.distribution();
        PetscMat a = shell(dx.communicator(), range.localRowCount(), domain.localRowCount(), range.size(), domain.size(),
                (x, y) -> op.apply(
                        DistArrays.view(dx, DType.FLOAT64, Petsc.bytes(Petsc.address(x, 8), 8L * x.remaining())),
                        DistArrays.view(dy, DType.FLOAT64, Petsc.bytes(Petsc.address(y, 8), 8L * y.remaining()))));
        return a.numbered(range, domain);
    }

    /**
     * <b>Not collective.</b> Attaches the numberings of the arrays this matrix maps (rows: the range, e.g. y of
     * {@code y = A x}; columns: the domain), for {@link #setAt}/{@link #addAt}. Returns this.
     *
     * @throws IllegalArgumentException if their sizes are not the matrix's
     */
    public PetscMat numbered(GlobalNumbering rows, GlobalNumbering columns) {
        if (rows.size() != rows() || columns.size() != columns() || rows.firstRow() != rowRanges[comm.rank()]
                || rows.endRow() != rowRanges[comm.rank() + 1]) {
            throw new IllegalArgumentException("numbered: numberings of " + rows.size() + " x " + columns.size()
                    + " elements (rows " + rows.firstRow() + ".." + rows.endRow() + " here) do not fit " + h);
        }
        this.rowNumbering = rows;
        this.colNumbering = columns;
        return this;
    }

    /**
     * <b>Not collective.</b> Sets entry (element {@code rowIndex}, element {@code colIndex}), given as the arrays'
     * global index tuples (see {@link #numbered}); entries of other ranks' rows move at {@link #assemble()}.
     *
     * @throws IllegalStateException     if the matrix has no numberings
     * @throws IndexOutOfBoundsException if an index is outside the arrays' shapes
     */
    public void setAt(long[] rowIndex, long[] colIndex, double value) {
        requireNumbered();
        set(rowNumbering.rowOf(rowIndex), colNumbering.rowOf(colIndex), value);
    }

    /** <b>Not collective.</b> Adds to an entry given by the arrays' global index tuples (see {@link #setAt}). */
    public void addAt(long[] rowIndex, long[] colIndex, double value) {
        requireNumbered();
        add(rowNumbering.rowOf(rowIndex), colNumbering.rowOf(colIndex), value);
    }

    private void requireNumbered() {
        if (rowNumbering == null) {
            throw new IllegalStateException(h + " has no array numberings: build it with laplacian(..)/shell(..) from "
                    + "GlobalNumberings, or call numbered(rows, columns)");
        }
    }

    private record Layout(PetscSession session, long commHandle, long[] rowRanges, long[] colRanges, int rank) {
        long rows() {
            return rowRanges[rowRanges.length - 1];
        }

        long colStart() {
            return colRanges[rank];
        }

        long colEnd() {
            return colRanges[rank + 1];
        }
    }

    private static Layout layout(Communicator comm, CsrRows rows, int localColumns, long globalColumns) {
        PetscSession s = PetscSession.require();
        long ch = PetscSession.commHandle(comm);
        String error = null;
        long[] cr = rows.columnRange();
        if (localColumns < 0) {
            error = "localColumns " + localColumns + " < 0";
        } else if (globalColumns > Integer.MAX_VALUE) {
            error = globalColumns + " columns exceed PETSc's 32-bit PetscInt";
        } else if (cr[0] < -1 || cr[1] >= globalColumns || (rows.nonZeros() > 0 && cr[0] < 0)) {
            error = "column indices " + cr[0] + ".." + cr[1] + " outside [0, " + globalColumns + ")";
        }
        IllegalArgumentException invalid = error == null ? null : new IllegalArgumentException("PetscMat: " + error);
        long[][] all = CollectiveErrors.agreeAndGather(comm, invalid, rows.rowCount(), rows.firstRow(), localColumns,
                globalColumns);
        long[] rowRanges = PetscVec.prefixSums(all, 0);
        long[] colRanges = PetscVec.prefixSums(all, 2);
        for (int r = 0; r < all.length; r++) {
            if (all[r][1] != rowRanges[r]) {
                throw new IllegalArgumentException("PetscMat: rank " + r + " starts at row " + all[r][1]
                        + ", but the ranks before it own " + rowRanges[r] + " rows (rows are numbered rank by rank)");
            }
            if (all[r][3] != globalColumns || colRanges[all.length] != globalColumns) {
                throw new IllegalArgumentException("PetscMat: local column counts add up to " + colRanges[all.length]
                        + ", rank " + r + " gave " + all[r][3] + " global columns, this rank " + globalColumns);
            }
        }
        if (rowRanges[all.length] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("PetscMat: " + rowRanges[all.length] + " rows exceed 32-bit PetscInt");
        }
        return new Layout(s, ch, rowRanges, colRanges, comm.rank());
    }

    private static int[] intColumns(CsrRows rows) {
        long[] c = rows.columns();
        int[] out = new int[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = (int) c[k]; // range checked in layout()
        }
        return out;
    }

    /**
     * <b>Not collective.</b> Exact AIJ preallocation of {@code rows}: per local row, the number of distinct columns in
     * {@code [colStart, colEnd)} (the diagonal block, {@code [0]}) and outside it (off-diagonal, {@code [1]}).
     */
    public static int[][] diagonalCounts(CsrRows rows, long colStart, long colEnd) {
        int n = rows.rowCount();
        int[] d = new int[n];
        int[] o = new int[n];
        long[] c = rows.columns();
        int[] p = rows.rowPtr();
        for (int i = 0; i < n; i++) {
            long[] row = Arrays.copyOfRange(c, p[i], p[i + 1]);
            Arrays.sort(row);
            for (int k = 0; k < row.length; k++) {
                if (k > 0 && row[k] == row[k - 1]) {
                    continue; // duplicates occupy one slot
                }
                if (row[k] >= colStart && row[k] < colEnd) {
                    d[i]++;
                } else {
                    o[i]++;
                }
            }
        }
        return new int[][] {d, o};
    }

    /** <b>Not collective.</b> Sets entry {@code (row, col)} (any rank's row; moved at {@link #assemble()}). */
    public void set(long row, long col, double value) {
        setRow(row, new long[] {col}, new double[] {value}, false);
    }

    /** <b>Not collective.</b> Adds to entry {@code (row, col)}. */
    public void add(long row, long col, double value) {
        setRow(row, new long[] {col}, new double[] {value}, true);
    }

    /**
     * <b>Not collective.</b> Sets (or adds to) entries of one row: {@code MatSetValues}. The matrix needs
     * {@link #assemble()} before use.
     *
     * @throws IndexOutOfBoundsException if the row or a column is out of range
     * @throws PetscException            with {@link PetscError#ARG_OUTOFRANGE} for an entry outside the preallocation
     */
    public void setRow(long row, long[] cols, double[] values, boolean add) {
        if (cols.length != values.length) {
            throw new IllegalArgumentException(cols.length + " columns but " + values.length + " values");
        }
        checkAij("setRow");
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows() + ")");
        }
        int[] c = new int[Math.min(cols.length, Petsc.MAX_ROW_ENTRIES)];
        double[] v = new double[c.length];
        long a = h.get();
        for (int start = 0; start < cols.length; start += c.length) {
            int n = Math.min(c.length, cols.length - start);
            for (int k = 0; k < n; k++) {
                long col = cols[start + k];
                if (col < 0 || col >= columns()) {
                    throw new IndexOutOfBoundsException("column " + col + " outside [0, " + columns() + ")");
                }
                c[k] = (int) col;
                v[k] = values[start + k];
            }
            Petsc.matSetValues(a, (int) row, c, v, n, add ? Petsc.ADD_VALUES : Petsc.INSERT_VALUES);
        }
    }

    /** <b>Collective.</b> {@code MatAssemblyBegin/End} (final assembly). */
    public void assemble() {
        Petsc.matAssemble(h.get());
    }

    /** <b>Not collective.</b> {@code MatAssembled}. */
    public boolean isAssembled() {
        return Petsc.matAssembled(h.get());
    }

    /**
     * <b>Collective.</b> {@code y = A x} ({@code MatMult}). x must have the column layout, y the row layout, and they
     * must be different vectors.
     *
     * @throws IllegalArgumentException if a layout differs or x is y
     * @throws IllegalStateException    if the matrix is not assembled
     */
    public void mult(PetscVec x, PetscVec y) {
        long[] handles = operands(x, y, "mult");
        Petsc.matMult(h.get(), handles[0], handles[1]);
    }

    /** Validates the operands of {@code y = A x}; returns their handles. */
    long[] operands(PetscVec x, PetscVec y, String op) {
        Objects.requireNonNull(x, op + ": x");
        Objects.requireNonNull(y, op + ": y");
        if (x == y) {
            throw new IllegalArgumentException(op + ": x and y must be different vectors");
        }
        if (!Arrays.equals(x.ranges(), colRanges)) {
            throw new IllegalArgumentException(op + ": x's layout " + Arrays.toString(x.ranges())
                    + " differs from the matrix's column layout " + Arrays.toString(colRanges));
        }
        if (!Arrays.equals(y.ranges(), rowRanges)) {
            throw new IllegalArgumentException(op + ": the layout " + Arrays.toString(y.ranges())
                    + " differs from the matrix's row layout " + Arrays.toString(rowRanges));
        }
        if (!isAssembled()) {
            throw new IllegalStateException(op + ": " + h + " is not assembled; call assemble() on every rank first");
        }
        return new long[] {x.handle(), y.handle()};
    }

    private void checkAij(String op) {
        if (shellOp != null) {
            throw new UnsupportedOperationException(op + " on a shell matrix");
        }
    }

    /** <b>Not collective.</b> Global number of rows. */
    public long rows() {
        return rowRanges[rowRanges.length - 1];
    }

    /** <b>Not collective.</b> Global number of columns. */
    public long columns() {
        return colRanges[colRanges.length - 1];
    }

    /** <b>Not collective.</b> This rank's row range {@code {first, end}}. */
    public long[] ownershipRange() {
        return new long[] {rowRanges[comm.rank()], rowRanges[comm.rank() + 1]};
    }

    /** <b>Not collective.</b> Every rank's first row and the global row count at the end. */
    public long[] rowRanges() {
        return rowRanges.clone();
    }

    /** <b>Not collective.</b> Every rank's first column (of the vector layout) and the column count at the end. */
    public long[] columnRanges() {
        return colRanges.clone();
    }

    /** <b>Not collective.</b> The communicator. */
    public Communicator comm() {
        return comm;
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return h.isClosed();
    }

    /** <b>Collective.</b> {@code MatDestroy}. Idempotent. */
    @Override
    public void close() {
        h.close();
    }

    long handle() {
        return h.get();
    }

    long commHandle() {
        return commHandle;
    }

    @Override
    public String toString() {
        return h.toString();
    }
}
