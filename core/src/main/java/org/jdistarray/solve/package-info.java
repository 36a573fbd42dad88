/**
 * What the solver bridges (PETSc, Trilinos) share and what does not depend on a solver library: the outcome of a
 * solve ({@link org.jdistarray.solve.SolveResult}, {@link org.jdistarray.solve.ConvergedReason}), distributed sparse
 * rows ({@link org.jdistarray.solve.CsrRows}), grid-to-row numberings for any block layout
 * ({@link org.jdistarray.solve.GridNumbering}, {@link org.jdistarray.solve.BlockNumbering}) and the structured-grid
 * Laplacians ({@link org.jdistarray.solve.StencilBuilder}).
 */
package org.jdistarray.solve;
