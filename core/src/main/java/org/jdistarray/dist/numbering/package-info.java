/**
 * Index numberings of distributions: how the elements of a distributed grid map to the global rows a solver library
 * numbers rank by rank. {@link org.jdistarray.dist.numbering.GlobalNumbering} for any
 * {@link org.jdistarray.dist.Distribution} (block, cyclic, block-cyclic, unstructured axes),
 * {@link org.jdistarray.dist.numbering.BlockNumbering} for a Cartesian block split given by its bounds (PETSc's DMDA
 * ordering), both behind {@link org.jdistarray.dist.numbering.GridNumbering}. Pure index math, no communication.
 * May depend on {@code org.jdistarray.dist} and {@code org.jdistarray.protocol} only.
 */
package org.jdistarray.dist.numbering;
