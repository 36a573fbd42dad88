/**
 * MPI through JNA on the MPI C API: {@link org.jdistarray.comm.mpi.MpiSession} (init/finalize as try-with-resources)
 * and {@link org.jdistarray.comm.mpi.MpiCommunicator}. Needs a system MPI ({@code libmpi}: Open MPI 4.x now); no
 * {@code mpi.jar} and no rebuild. Launch with {@code mpirun -np N java ...}, or run as a singleton (one rank).
 */
package org.jdistarray.comm.mpi;
