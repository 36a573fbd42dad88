/** Runnable examples: {@link org.jdistarray.examples.PoissonPetsc} (2-D Poisson with PETSc, zero-copy vectors). */
package org.jdistarray.examples;
