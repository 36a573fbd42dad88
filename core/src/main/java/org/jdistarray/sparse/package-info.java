/**
 * Distributed sparse matrices as rows: {@link org.jdistarray.sparse.CsrRows} (a rank's rows in CSR form with global
 * columns, what the solver bridges assemble from) and the structured-grid Laplacians
 * ({@link org.jdistarray.sparse.Stencils} assembles the {@link org.jdistarray.sparse.Stencil} kinds, in full or
 * streamed row by row to a {@link org.jdistarray.sparse.RowSink}). Pure Java, no communication. May depend on
 * {@code org.jdistarray.dist.numbering} (and through it {@code dist} and {@code protocol}), never on a solver library.
 */
package org.jdistarray.sparse;
