/**
 * Not exported: the JNA binding of the parallel HDF5 C library (Debian's {@code libhdf5-openmpi}) behind
 * {@link org.jdistarray.io.Hdf5Engine#NATIVE}. Opened to JNA alone (direct mapping).
 */
package org.jdistarray.io.internal;
