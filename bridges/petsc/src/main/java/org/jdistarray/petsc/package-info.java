/**
 * PETSc from Java: {@link org.jdistarray.petsc.PetscSession} (initialisation on JDistArray's communicator, options,
 * error handler), {@link org.jdistarray.petsc.PetscVec} (zero-copy on Java memory, or PETSc-allocated),
 * {@link org.jdistarray.petsc.PetscMat} (AIJ assembled from Java, matrix-free shells) and
 * {@link org.jdistarray.petsc.Ksp} (Krylov solves returning a {@link org.jdistarray.solve.SolveResult}). Every PETSc
 * error becomes a {@link org.jdistarray.petsc.PetscException}; every argument is validated in Java first. May
 * depend on core's public packages ({@code comm}, {@code dist}, {@code dist.numbering}, {@code sparse}, {@code solve},
 * {@code array}, {@code nativelib}); JNA only in {@code org.jdistarray.petsc.internal}.
 */
package org.jdistarray.petsc;
