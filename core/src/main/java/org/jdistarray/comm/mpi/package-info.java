/**
 * MPI through JNA on the MPI C API: {@link org.jdistarray.comm.mpi.MpiSession} (init/finalize as try-with-resources)
 * and {@link org.jdistarray.comm.mpi.MpiCommunicator}. Needs a system MPI, Open MPI 4.x ({@code libmpi.so.40})
 * or MPICH 3.1+ ({@code libmpich.so.12}), chosen as {@link org.jdistarray.comm.mpi.MpiImplementation} describes; no
 * {@code mpi.jar} and no rebuild. Launch with that MPI's launcher ({@code mpirun.openmpi -np N java ...},
 * {@code mpiexec.mpich -np N java ...}), or run as a singleton (one rank).
 */
package org.jdistarray.comm.mpi;
