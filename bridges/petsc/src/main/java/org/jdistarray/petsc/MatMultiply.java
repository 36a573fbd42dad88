package org.jdistarray.petsc;

import java.nio.DoubleBuffer;

/**
 * A matrix-free operator {@code y = A x} for {@link PetscMat#shell}: called on every rank, with this rank's blocks of
 * x (read-only) and y (to be written in full), both views of PETSc's memory valid only during the call. May use the
 * communicator (halo exchanges): every rank calls it together. An exception it throws becomes the cause of the
 * {@link PetscException} of the PETSc call that ran it.
 */
@FunctionalInterface
public interface MatMultiply {
    void multiply(DoubleBuffer x, DoubleBuffer y);
}
