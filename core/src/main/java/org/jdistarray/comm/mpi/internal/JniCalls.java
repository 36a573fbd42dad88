package org.jdistarray.comm.mpi.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.ElementType;

/**
 * {@link MpiBinding}'s calls on Open MPI's JNI stubs ({@link OmpiJni}): the same arguments as the JNA path (C
 * handles, direct buffers, counts), each a single {@code invokeExact} of a constant method handle. Every buffer is
 * direct ({@code db = true}, offset 0) and passed at its position ({@link OmpiJni#at}). A stub's
 * {@code mpi.MPIException} becomes the JNA path's {@link org.jdistarray.comm.MpiException} (same function name, code,
 * class and {@code MPI_Error_string} text).
 */
final class JniCalls {
    private static final Object R = OmpiJni.RECEIVER;
    /** Up to this many elements, {@link #allreduce} copies and reduces in place. */
    private static final int SMALL = 64;

    private final MpiBinding mpi;
    private final OmpiJni jni;

    JniCalls(MpiBinding mpi, OmpiJni jni) {
        this.mpi = mpi;
        this.jni = jni;
    }

    void barrier(long comm) {
        try {
            OmpiJni.BARRIER.invokeExact(R, comm);
        } catch (Throwable e) {
            throw failure(e, "MPI_Barrier");
        }
    }

    void bcast(Buffer b, int count, long dt, ElementType t, int root, long comm) {
        try {
            OmpiJni.BCAST.invokeExact(R, comm, (Object) OmpiJni.at(b), true, 0, count, dt, OmpiJni.baseType(t), root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Bcast");
        }
    }

    /**
     * {@code send == null}: in place. A small reduction with a separate send buffer is done in place after copying
     * the send values into the receive buffer: the stub then reads one buffer address instead of two (each
     * {@code GetDirectBufferAddress} costs about as much as MPI's own all-reduce of 2 ranks differs from C's; see the
     * benchmark section of core/README.md). The result is the same (MPI forbids overlapping send and receive buffers).
     */
    void allreduce(Buffer send, Buffer recv, int count, long dt, ElementType t, long op, long comm) {
        if (send != null && count <= SMALL && copy(send, recv, count, t)) {
            send = null;
        }
        try {
            OmpiJni.ALL_REDUCE.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, (Object) OmpiJni.at(recv), true,
                    0, count, dt, OmpiJni.baseType(t), (Object) null, op);
        } catch (Throwable e) {
            throw failure(e, "MPI_Allreduce");
        }
    }

    /** {@code send == null}: in place (root only). */
    void reduce(Buffer send, Buffer recv, int count, long dt, ElementType t, long op, int root, long comm) {
        try {
            OmpiJni.REDUCE.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, (Object) OmpiJni.at(recv), true, 0,
                    count, dt, OmpiJni.baseType(t), (Object) null, op, root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Reduce");
        }
    }

    void allgather(Buffer send, int count, Buffer recv, long dt, ElementType t, long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.ALL_GATHER.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, count, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, count, dt, bt);
        } catch (Throwable e) {
            throw failure(e, "MPI_Allgather");
        }
    }

    void allgatherv(Buffer send, int count, Buffer recv, int[] counts, int[] displs, long dt, ElementType t,
            long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.ALL_GATHERV.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, count, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, counts, displs, dt, bt);
        } catch (Throwable e) {
            throw failure(e, "MPI_Allgatherv");
        }
    }

    void gather(Buffer send, int count, Buffer recv, long dt, ElementType t, int root, long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.GATHER.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, count, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, count, dt, bt, root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Gather");
        }
    }

    void gatherv(Buffer send, int count, Buffer recv, int[] counts, int[] displs, long dt, ElementType t, int root,
            long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.GATHERV.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, count, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, counts, displs, dt, bt, root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Gatherv");
        }
    }

    void scatter(Buffer send, Buffer recv, int count, long dt, ElementType t, int root, long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.SCATTER.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, count, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, count, dt, bt, root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Scatter");
        }
    }

    void scatterv(Buffer send, int[] counts, int[] displs, Buffer recv, int count, long dt, ElementType t, int root,
            long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.SCATTERV.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, counts, displs, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, count, dt, bt, root);
        } catch (Throwable e) {
            throw failure(e, "MPI_Scatterv");
        }
    }

    void alltoall(Buffer send, Buffer recv, int block, long dt, ElementType t, long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.ALL_TO_ALL.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, block, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, block, dt, bt);
        } catch (Throwable e) {
            throw failure(e, "MPI_Alltoall");
        }
    }

    void alltoallv(Buffer send, int[] sc, int[] sd, Buffer recv, int[] rc, int[] rd, long dt, ElementType t,
            long comm) {
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.ALL_TO_ALLV.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, sc, sd, dt, bt,
                    (Object) OmpiJni.at(recv), true, 0, rc, rd, dt, bt);
        } catch (Throwable e) {
            throw failure(e, "MPI_Alltoallv");
        }
    }

    void send(Buffer b, int count, long dt, ElementType t, int dest, int tag, long comm) {
        try {
            OmpiJni.SEND.invokeExact(R, comm, (Object) OmpiJni.at(b), true, 0, count, dt, OmpiJni.baseType(t), dest, tag);
        } catch (Throwable e) {
            throw failure(e, "MPI_Send");
        }
    }

    /** Returns {source, tag, count} (the C source and tag, not yet mapped back to the wildcards). */
    int[] recv(Buffer b, int count, long dt, ElementType t, int source, int tag, long comm) {
        long[] st = new long[6];
        try {
            OmpiJni.RECV.invokeExact(R, comm, (Object) OmpiJni.at(b), true, 0, count, dt, OmpiJni.baseType(t), source,
                    tag, st);
        } catch (Throwable e) {
            throw failure(e, "MPI_Recv");
        }
        return status(st, t);
    }

    int[] sendrecv(Buffer send, int sendCount, Buffer recv, int recvCount, long dt, ElementType t, int dest,
            int sendTag, int source, int recvTag, long comm) {
        long[] st = new long[6];
        int bt = OmpiJni.baseType(t);
        try {
            OmpiJni.SEND_RECV.invokeExact(R, comm, (Object) OmpiJni.at(send), true, 0, sendCount, dt, bt, dest, sendTag,
                    (Object) OmpiJni.at(recv), true, 0, recvCount, dt, bt, source, recvTag, st);
        } catch (Throwable e) {
            throw failure(e, "MPI_Sendrecv");
        }
        return status(st, t);
    }

    long isend(Buffer b, int count, long dt, int dest, int tag, long comm) {
        try {
            return (long) OmpiJni.I_SEND.invokeExact(R, comm, OmpiJni.at(b), count, dt, dest, tag);
        } catch (Throwable e) {
            throw failure(e, "MPI_Isend");
        }
    }

    long irecv(Buffer b, int count, long dt, int source, int tag, long comm) {
        try {
            return (long) OmpiJni.I_RECV.invokeExact(R, comm, OmpiJni.at(b), count, dt, source, tag);
        } catch (Throwable e) {
            throw failure(e, "MPI_Irecv");
        }
    }

    /** Copies {@code count} elements from {@code send}'s position to {@code recv}'s; false for a type not handled. */
    private static boolean copy(Buffer send, Buffer recv, int count, ElementType t) {
        switch (t) {
            case DOUBLE -> ((DoubleBuffer) recv).put(recv.position(), (DoubleBuffer) send, send.position(), count);
            case LONG -> ((LongBuffer) recv).put(recv.position(), (LongBuffer) send, send.position(), count);
            case INT -> ((IntBuffer) recv).put(recv.position(), (IntBuffer) send, send.position(), count);
            case FLOAT -> ((FloatBuffer) recv).put(recv.position(), (FloatBuffer) send, send.position(), count);
            case BYTE -> ((ByteBuffer) recv).put(recv.position(), (ByteBuffer) send, send.position(), count);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code ompi_java_status_set}: {source, tag, error, cancelled, count in bytes}. */
    private static int[] status(long[] st, ElementType t) {
        long bytes = st[4];
        return new int[] {(int) st[0], (int) st[1], bytes % t.size() == 0 ? (int) (bytes / t.size()) : -1};
    }

    private RuntimeException failure(Throwable e, String function) {
        if (jni.isMpiException(e)) {
            return mpi.exception(function, jni.errorCode(e));
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new CommunicationException(function + " through Open MPI's Java bindings failed: " + e, e);
    }
}
