/**
 * Runnable examples, each with a {@code main} that prints its timings: {@link org.jdistarray.examples.PoissonPetsc}
 * and {@link org.jdistarray.examples.PoissonTrilinos} (2-D Poisson, zero-copy vectors),
 * {@link org.jdistarray.examples.HeatEquation} (explicit steps with ghost exchange, implicit PETSc steps),
 * {@link org.jdistarray.examples.JuliaSet} (element-wise operations and pictures),
 * {@link org.jdistarray.examples.VolumeFilter} (an HDF5 volume filtered along one axis after a redistribution).
 */
package org.jdistarray.examples;
