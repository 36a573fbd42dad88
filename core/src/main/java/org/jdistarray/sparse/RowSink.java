package org.jdistarray.sparse;

/**
 * Receives one matrix row at a time from {@link Stencils#forEachRow}; the arrays are reused between calls (copy
 * what you keep).
 */
@FunctionalInterface
public interface RowSink {
    /** <b>Not collective.</b> Row {@code row}: {@code count} sorted columns and their values in the first entries. */
    void row(long row, long[] columns, double[] values, int count);
}
