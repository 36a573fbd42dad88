package org.jdistarray.sparse;

import java.util.Arrays;
import java.util.Objects;

/**
 * The locally owned rows {@code [firstRow, firstRow + rowCount())} of a distributed sparse matrix in compressed
 * sparse row form, with <b>global</b> column indices: row {@code firstRow + i} has the entries
 * {@code columns[k], values[k]} for {@code rowPtr[i] <= k < rowPtr[i + 1]}. What the solver bridges assemble from.
 * The arrays are used as given, not copied.
 *
 * @param firstRow global index of the first local row
 * @param rowPtr   {@code rowCount() + 1} offsets, starting at 0, non-decreasing
 * @param columns  global column of each entry
 * @param values   value of each entry
 */
public record CsrRows(long firstRow, int[] rowPtr, long[] columns, double[] values) {
    public CsrRows {
        Objects.requireNonNull(rowPtr, "rowPtr");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        if (firstRow < 0) {
            throw new IllegalArgumentException("firstRow " + firstRow + " < 0");
        }
        if (rowPtr.length == 0 || rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr must start with 0 and have rowCount + 1 entries");
        }
        for (int i = 1; i < rowPtr.length; i++) {
            if (rowPtr[i] < rowPtr[i - 1]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + (i - 1));
            }
        }
        int nnz = rowPtr[rowPtr.length - 1];
        if (columns.length != nnz || values.length != nnz) {
            throw new IllegalArgumentException("rowPtr says " + nnz + " entries, columns has " + columns.length
                    + ", values has " + values.length);
        }
    }

    /** <b>Not collective.</b> Number of local rows. */
    public int rowCount() {
        return rowPtr.length - 1;
    }

    /** <b>Not collective.</b> Number of stored entries. */
    public int nonZeros() {
        return rowPtr[rowPtr.length - 1];
    }

    /** <b>Not collective.</b> Entries of local row {@code i} (0-based). */
    public int rowLength(int i) {
        return rowPtr[i + 1] - rowPtr[i];
    }

    /** <b>Not collective.</b> The smallest and largest column index used, {@code {-1, -1}} if there is no entry. */
    public long[] columnRange() {
        if (columns.length == 0) {
            return new long[] {-1, -1};
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long c : columns) {
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        return new long[] {lo, hi};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsrRows c && c.firstRow == firstRow && Arrays.equals(c.rowPtr, rowPtr)
                && Arrays.equals(c.columns, columns) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstRow, Arrays.hashCode(rowPtr), Arrays.hashCode(columns), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "CsrRows[firstRow=" + firstRow + ", rows=" + rowCount() + ", nnz=" + nonZeros() + "]";
    }
}
