/**
 * Trilinos from Java: {@link org.jdistarray.trilinos.TrilinosSession} (Tpetra on JDistArray's MPI),
 * {@link org.jdistarray.trilinos.TpetraMap} (from a distribution: the arrays' global indices),
 * {@link org.jdistarray.trilinos.TpetraVector} / {@link org.jdistarray.trilinos.TpetraMultiVector} on the arrays'
 * own memory (no copy), {@link org.jdistarray.trilinos.TpetraCrsMatrix} (CSR rows, shared stencils) and
 * {@link org.jdistarray.trilinos.BelosSolver} (CG, GMRES, Ifpack2 preconditioners) returning the shared
 * {@link org.jdistarray.solve.SolveResult}. Errors: {@link org.jdistarray.trilinos.TrilinosException}. Native
 * code: the {@code jdist_tpetra} C++ shim (native-shims/tpetra), through JNA in the internal package only. May depend on core's public packages ({@code comm}, {@code dist},
 * {@code dist.numbering}, {@code sparse}, {@code solve}, {@code array}, {@code nativelib}), never on the PETSc bridge.
 */
package org.jdistarray.trilinos;
