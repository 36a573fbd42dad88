package org.jdistarray.comm.mpi.internal;

/**
 * The MPI C functions whose signatures differ between MPI ABIs, because they take handles by value
 * ({@code MPI_Comm}, {@code MPI_Datatype}, {@code MPI_Op}, {@code MPI_Errhandler}). Java passes every handle as a
 * {@code long}; each implementation declares the natives with its ABI's C types: {@link OpenMpiCalls} with pointers
 * (64 bits), {@link MpichCalls} with {@code int}s (32 bits), so libffi builds the right call frame on every calling
 * convention, including arguments passed on the stack. Out-parameters ({@code MPI_Comm*}, {@code MPI_Request*}) are
 * addresses in both ABIs; the size of what they point to is {@link MpiHandles#handleBytes()}. Functions without
 * handle arguments are in {@link MpiNative}. Every function returns the MPI error code.
 *
 * <p>Only one implementation class is ever loaded in a process, so these interface calls are monomorphic and the JIT
 * inlines them.
 */
interface MpiCalls {
    int MPI_Abort(long comm, int errorcode);

    int MPI_Comm_set_errhandler(long comm, long errhandler);

    int MPI_Comm_rank(long comm, long rank);

    int MPI_Comm_size(long comm, long size);

    int MPI_Comm_split(long comm, int color, int key, long newcomm);

    int MPI_Comm_dup(long comm, long newcomm);

    int MPI_Barrier(long comm);

    int MPI_Bcast(long buffer, int count, long datatype, int root, long comm);

    int MPI_Allreduce(long sendbuf, long recvbuf, int count, long datatype, long op, long comm);

    int MPI_Reduce(long sendbuf, long recvbuf, int count, long datatype, long op, int root, long comm);

    int MPI_Allgather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype,
            long comm);

    int MPI_Allgatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts, int[] displs,
            long recvtype, long comm);

    int MPI_Gather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype,
            int root, long comm);

    int MPI_Gatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts, int[] displs,
            long recvtype, int root, long comm);

    int MPI_Scatter(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype,
            int root, long comm);

    int MPI_Scatterv(long sendbuf, int[] sendcounts, int[] displs, long sendtype, long recvbuf, int recvcount,
            long recvtype, int root, long comm);

    int MPI_Alltoall(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype, long comm);

    int MPI_Alltoallv(long sendbuf, int[] sendcounts, int[] sdispls, long sendtype, long recvbuf,
            int[] recvcounts, int[] rdispls, long recvtype, long comm);

    int MPI_Send(long buf, int count, long datatype, int dest, int tag, long comm);

    int MPI_Recv(long buf, int count, long datatype, int source, int tag, long comm, long status);

    int MPI_Sendrecv(long sendbuf, int sendcount, long sendtype, int dest, int sendtag, long recvbuf,
            int recvcount, long recvtype, int source, int recvtag, long comm, long status);

    int MPI_Isend(long buf, int count, long datatype, int dest, int tag, long comm, long request);

    int MPI_Irecv(long buf, int count, long datatype, int source, int tag, long comm, long request);

    int MPI_Get_count(long status, long datatype, long count);
}
