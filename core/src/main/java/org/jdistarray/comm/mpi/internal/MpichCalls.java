package org.jdistarray.comm.mpi.internal;

import com.sun.jna.Native;

/**
 * {@link MpiCalls} for MPICH, whose handles are {@code int}s ({@code typedef int MPI_Comm;} ...): the natives are
 * declared with {@code int} handle parameters, so the C callee gets a 32-bit value of the right type whether the
 * argument travels in a register or on the stack; the {@code long}-handle methods narrow and call them. The natives
 * overload the interface methods (same MPI names, {@code int} handles), so a call with every handle cast to
 * {@code int} binds to the native.
 */
final class MpichCalls implements MpiCalls {
    static {
        Native.register(MpichCalls.class, MpiLibrary.get().library());
    }

    private static native int MPI_Abort(int comm, int errorcode);

    private static native int MPI_Comm_set_errhandler(int comm, int errhandler);

    private static native int MPI_Comm_rank(int comm, long rank);

    private static native int MPI_Comm_size(int comm, long size);

    private static native int MPI_Comm_split(int comm, int color, int key, long newcomm);

    private static native int MPI_Comm_dup(int comm, long newcomm);

    private static native int MPI_Barrier(int comm);

    private static native int MPI_Bcast(long buffer, int count, int datatype, int root, int comm);

    private static native int MPI_Allreduce(long sendbuf, long recvbuf, int count, int datatype, int op, int comm);

    private static native int MPI_Reduce(long sendbuf, long recvbuf, int count, int datatype, int op, int root,
            int comm);

    private static native int MPI_Allgather(long sendbuf, int sendcount, int sendtype, long recvbuf,
            int recvcount, int recvtype, int comm);

    private static native int MPI_Allgatherv(long sendbuf, int sendcount, int sendtype, long recvbuf,
            int[] recvcounts, int[] displs, int recvtype, int comm);

    private static native int MPI_Gather(long sendbuf, int sendcount, int sendtype, long recvbuf, int recvcount,
            int recvtype, int root, int comm);

    private static native int MPI_Gatherv(long sendbuf, int sendcount, int sendtype, long recvbuf,
            int[] recvcounts, int[] displs, int recvtype, int root, int comm);

    private static native int MPI_Scatter(long sendbuf, int sendcount, int sendtype, long recvbuf, int recvcount,
            int recvtype, int root, int comm);

    private static native int MPI_Scatterv(long sendbuf, int[] sendcounts, int[] displs, int sendtype,
            long recvbuf, int recvcount, int recvtype, int root, int comm);

    private static native int MPI_Alltoall(long sendbuf, int sendcount, int sendtype, long recvbuf, int recvcount,
            int recvtype, int comm);

    private static native int MPI_Alltoallv(long sendbuf, int[] sendcounts, int[] sdispls, int sendtype,
            long recvbuf, int[] recvcounts, int[] rdispls, int recvtype, int comm);

    private static native int MPI_Send(long buf, int count, int datatype, int dest, int tag, int comm);

    private static native int MPI_Recv(long buf, int count, int datatype, int source, int tag, int comm, long status);

    private static native int MPI_Sendrecv(long sendbuf, int sendcount, int sendtype, int dest, int sendtag,
            long recvbuf, int recvcount, int recvtype, int source, int recvtag, int comm, long status);

    private static native int MPI_Isend(long buf, int count, int datatype, int dest, int tag, int comm, long request);

    private static native int MPI_Irecv(long buf, int count, int datatype, int source, int tag, int comm, long request);

    private static native int MPI_Get_count(long status, int datatype, long count);

    @Override
    public int MPI_Abort(long comm, int errorcode) {
        return MPI_Abort((int) comm, errorcode);
    }

    @Override
    public int MPI_Comm_set_errhandler(long comm, long errhandler) {
        return MPI_Comm_set_errhandler((int) comm, (int) errhandler);
    }

    @Override
    public int MPI_Comm_rank(long comm, long rank) {
        return MPI_Comm_rank((int) comm, rank);
    }

    @Override
    public int MPI_Comm_size(long comm, long size) {
        return MPI_Comm_size((int) comm, size);
    }

    @Override
    public int MPI_Comm_split(long comm, int color, int key, long newcomm) {
        return MPI_Comm_split((int) comm, color, key, newcomm);
    }

    @Override
    public int MPI_Comm_dup(long comm, long newcomm) {
        return MPI_Comm_dup((int) comm, newcomm);
    }

    @Override
    public int MPI_Barrier(long comm) {
        return MPI_Barrier((int) comm);
    }

    @Override
    public int MPI_Bcast(long buffer, int count, long datatype, int root, long comm) {
        return MPI_Bcast(buffer, count, (int) datatype, root, (int) comm);
    }

    @Override
    public int MPI_Allreduce(long sendbuf, long recvbuf, int count, long datatype, long op, long comm) {
        return MPI_Allreduce(sendbuf, recvbuf, count, (int) datatype, (int) op, (int) comm);
    }

    @Override
    public int MPI_Reduce(long sendbuf, long recvbuf, int count, long datatype, long op, int root, long comm) {
        return MPI_Reduce(sendbuf, recvbuf, count, (int) datatype, (int) op, root, (int) comm);
    }

    @Override
    public int MPI_Allgather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, long comm) {
        return MPI_Allgather(sendbuf, sendcount, (int) sendtype, recvbuf, recvcount, (int) recvtype, (int) comm);
    }

    @Override
    public int MPI_Allgatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts,
            int[] displs, long recvtype, long comm) {
        return MPI_Allgatherv(sendbuf, sendcount, (int) sendtype, recvbuf, recvcounts, displs, (int) recvtype,
                (int) comm);
    }

    @Override
    public int MPI_Gather(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype,
            int root, long comm) {
        return MPI_Gather(sendbuf, sendcount, (int) sendtype, recvbuf, recvcount, (int) recvtype, root, (int) comm);
    }

    @Override
    public int MPI_Gatherv(long sendbuf, int sendcount, long sendtype, long recvbuf, int[] recvcounts,
            int[] displs, long recvtype, int root, long comm) {
        return MPI_Gatherv(sendbuf, sendcount, (int) sendtype, recvbuf, recvcounts, displs, (int) recvtype, root,
                (int) comm);
    }

    @Override
    public int MPI_Scatter(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount, long recvtype,
            int root, long comm) {
        return MPI_Scatter(sendbuf, sendcount, (int) sendtype, recvbuf, recvcount, (int) recvtype, root, (int) comm);
    }

    @Override
    public int MPI_Scatterv(long sendbuf, int[] sendcounts, int[] displs, long sendtype, long recvbuf,
            int recvcount, long recvtype, int root, long comm) {
        return MPI_Scatterv(sendbuf, sendcounts, displs, (int) sendtype, recvbuf, recvcount, (int) recvtype, root,
                (int) comm);
    }

    @Override
    public int MPI_Alltoall(long sendbuf, int sendcount, long sendtype, long recvbuf, int recvcount,
            long recvtype, long comm) {
        return MPI_Alltoall(sendbuf, sendcount, (int) sendtype, recvbuf, recvcount, (int) recvtype, (int) comm);
    }

    @Override
    public int MPI_Alltoallv(long sendbuf, int[] sendcounts, int[] sdispls, long sendtype, long recvbuf,
            int[] recvcounts, int[] rdispls, long recvtype, long comm) {
        return MPI_Alltoallv(sendbuf, sendcounts, sdispls, (int) sendtype, recvbuf, recvcounts, rdispls,
                (int) recvtype, (int) comm);
    }

    @Override
    public int MPI_Send(long buf, int count, long datatype, int dest, int tag, long comm) {
        return MPI_Send(buf, count, (int) datatype, dest, tag, (int) comm);
    }

    @Override
    public int MPI_Recv(long buf, int count, long datatype, int source, int tag, long comm, long status) {
        return MPI_Recv(buf, count, (int) datatype, source, tag, (int) comm, status);
    }

    @Override
    public int MPI_Sendrecv(long sendbuf, int sendcount, long sendtype, int dest, int sendtag, long recvbuf,
            int recvcount, long recvtype, int source, int recvtag, long comm, long status) {
        return MPI_Sendrecv(sendbuf, sendcount, (int) sendtype, dest, sendtag, recvbuf, recvcount, (int) recvtype,
                source, recvtag, (int) comm, status);
    }

    @Override
    public int MPI_Isend(long buf, int count, long datatype, int dest, int tag, long comm, long request) {
        return MPI_Isend(buf, count, (int) datatype, dest, tag, (int) comm, request);
    }

    @Override
    public int MPI_Irecv(long buf, int count, long datatype, int source, int tag, long comm, long request) {
        return MPI_Irecv(buf, count, (int) datatype, source, tag, (int) comm, request);
    }

    @Override
    public int MPI_Get_count(long status, long datatype, long count) {
        return MPI_Get_count(status, (int) datatype, count);
    }
}
