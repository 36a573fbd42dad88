/**
 * The outcome of an iterative solve, shared by the solver bridges (PETSc, Trilinos):
 * {@link org.jdistarray.solve.SolveResult} and {@link org.jdistarray.solve.ConvergedReason}. Non-convergence is a
 * result, not an exception. Depends on nothing else in JDistArray. Index numberings live in
 * {@link org.jdistarray.dist.numbering}, sparse rows and stencils in {@link org.jdistarray.sparse}.
 */
package org.jdistarray.solve;
