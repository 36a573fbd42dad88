package org.jdistarray.petsc;

/**
 * Called by PETSc on every rank after each Krylov iteration (and once before the first, with iteration 0), on the
 * thread that called {@link Ksp#solve}. An exception it throws ends the solve with a {@link PetscException} whose
 * cause it is. Must not call collective PETSc operations on the solve's objects.
 */
@FunctionalInterface
public interface KspMonitor {
    /** @param iteration the iteration number; @param residualNorm the residual norm the method computed */
    void iteration(int iteration, double residualNorm);
}
