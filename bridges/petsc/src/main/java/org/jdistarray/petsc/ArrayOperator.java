package org.jdistarray.petsc;

import org.jdistarray.array.DistArray;

/**
 * A matrix-free operator {@code y = A x} on distributed arrays, for
 * {@link PetscMat#shell(org.jdistarray.dist.numbering.GlobalNumbering, org.jdistarray.dist.numbering.GlobalNumbering, ArrayOperator)}:
 * called on every rank together, with x and y as float64 {@link DistArray}s on PETSc's vector memory (no copy), valid
 * only during the call. Read x, write every owned element of y; do not close them. May communicate (collective
 * {@code DistArray} operations are allowed: every rank runs the call). An exception becomes the cause of the
 * {@link PetscException} of the PETSc call that ran it.
 */
@FunctionalInterface
public interface ArrayOperator {
    void apply(DistArray x, DistArray y);
}
