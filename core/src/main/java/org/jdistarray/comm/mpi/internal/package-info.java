/**
 * Not API. The JNA layer: library loading, direct-mapped MPI functions, and the handle table that holds everything
 * specific to one MPI implementation. The only package that imports {@code com.sun.jna}.
 */
package org.jdistarray.comm.mpi.internal;
