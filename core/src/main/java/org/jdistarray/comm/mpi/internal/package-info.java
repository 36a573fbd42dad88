/**
 * Not API. The JNA layer: choosing and loading the MPI library ({@code MpiLibrary}), the direct-mapped MPI functions
 * ({@code MpiNative} for those without handle arguments, {@code MpiCalls} for those with), and per MPI ABI one handle
 * table and one call set ({@code OpenMpiHandles}/{@code OpenMpiCalls}, {@code MpichHandles}/{@code MpichCalls}) that
 * hold everything specific to that implementation. The only package that imports {@code com.sun.jna}.
 */
package org.jdistarray.comm.mpi.internal;
