package org.jdistarray.comm.mpi.internal;

import com.sun.jna.Native;

/**
 * {@link MpiCalls} for Open MPI, whose handles are pointers ({@code struct ompi_communicator_t *} ...): JNA direct
 * mapping of instance methods, with every handle a 64-bit {@code long}, exactly the C type.
 */
final class OpenMpiCalls implements MpiCalls {
    static {
        Native.register(OpenMpiCalls.class, MpiLibrary.get().library());
    }

    @Override
    public native int MPI_Abort(long comm, int errorcode);

    @Override
    public native int MPI_Comm_set_errhandler(long comm, long errhandler);

    @Override
    public native int MPI_Comm_rank(long comm, long rank);

    @Override
    public native int MPI_Comm_size(long comm, long size);

    @Override
    public native int MPI_Comm_split(long comm, int color, int key, long newcomm);

    @Override
    public native int MPI_Comm_dup(long comm, long newcomm);

    @Override
    public native int MPI_Barrier(long comm);

    @Override
    public native int MPI_Bcast(long buffer, int count, long datatype, int root, long comm);

    @Override
    public native int MPI_Allreduce(long sendbuf, long recvbuf, int count, long datatype, long op, long comm);

    @Override
    public native int MPI_Reduce(long sendbuf, long recvbuf, int count, long datatype, long op, int root, long comm);

    @Override
    public native int MPI_Allgather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, long comm);

    @Override
    public native int MPI_Allgatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts,
            int[] displs, long recvtype, long comm);

    @Override
    public native int MPI_Gather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, int root, long comm);

    @Override
    public native int MPI_Gatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts,
            int[] displs, long recvtype, int root, long comm);

    @Override
    public native int MPI_Scatter(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, int root, long comm);

    @Override
    public native int MPI_Scatterv(long sendbuf, int[] sendcounts, int[] displs, long sendtype, long recvbuf,
            int recvcount, long recvtype, int root, long comm);

    @Override
    public native int MPI_Alltoall(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, long comm);

    @Override
    public native int MPI_Alltoallv(long sendbuf, int[] sendcounts, int[] sdispls, long sendtype, long recvbuf,
            int[] recvcounts, int[] rdispls, long recvtype, long comm);

    @Override
    public native int MPI_Send(long buf, int count, long datatype, int dest, int tag, long comm);

    @Override
    public native int MPI_Recv(long buf, int count, long datatype, int source, int tag, long comm, long status);

    @Override
    public native int MPI_Sendrecv(long sendbuf, int sendcount, long sendtype, int dest, int sendtag,
            long recvbuf, int recvcount, long recvtype, int source, int recvtag, long comm, long status);

    @Override
    public native int MPI_Isend(long buf, int count, long datatype, int dest, int tag, long comm, long request);

    @Override
    public native int MPI_Irecv(long buf, int count, long datatype, int source, int tag, long comm, long request);

    @Override
    public native int MPI_Get_count(long status, long datatype, long count);
}
