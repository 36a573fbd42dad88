package org.jdistarray.comm;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;

/**
 * A group of ranks that communicate: the Teuchos-sized core of MPI. Implementations are
 * {@link org.jdistarray.comm.local.ThreadCommunicator} (N ranks as N threads of one JVM) and
 * {@link org.jdistarray.comm.mpi.MpiCommunicator} (MPI through JNA).
 *
 * <p><b>Buffers.</b> Every operation works on direct, native-order {@link java.nio.DoubleBuffer},
 * {@link java.nio.FloatBuffer}, {@link java.nio.LongBuffer}, {@link java.nio.IntBuffer} or {@link java.nio.ByteBuffer}s
 * (see {@link DirectBuffers}); the buffer class is the element type ({@link ElementType#of}). An operation reads or
 * writes the elements from the buffer's position on; "count" means {@code remaining()} unless stated otherwise;
 * displacements are element offsets from the position. Operations never change position or limit. Send and receive
 * types must agree on all ranks.
 *
 * <p><b>Collectives</b> must be called by every rank of the communicator in the same order with matching types,
 * counts, roots and operations. A mismatch is an error: {@code ThreadCommunicator} detects it and throws a
 * {@link CommunicationException} on every rank naming the ranks and calls; under MPI it is undefined behaviour, as in
 * MPI. Tags are in {@code [0, 32767]}. Errors throw (unchecked) {@link CommunicationException}; invalid arguments
 * detected locally throw {@link IllegalArgumentException} before any communication.
 */
public interface Communicator extends AutoCloseable {
    /** Receive from any source ({@code MPI_ANY_SOURCE}). */
    int ANY_SOURCE = -1;
    /** Receive with any tag ({@code MPI_ANY_TAG}). */
    int ANY_TAG = -1;
    /** Color of {@link #split} for ranks that join no new communicator ({@code MPI_UNDEFINED}). */
    int UNDEFINED = -32766;

    /** <b>Not collective.</b> This process's rank, in {@code [0, size())}. */
    int rank();

    /** <b>Not collective.</b> Number of ranks. */
    int size();

    /** <b>Collective.</b> Returns when every rank has entered ({@code MPI_Barrier}). */
    void barrier();

    /** <b>Collective.</b> Copies {@code buffer} of {@code root} into {@code buffer} of every other rank ({@code MPI_Bcast}). */
    void broadcast(Buffer buffer, int root);

    /**
     * <b>Collective.</b> Element-wise reduction of every rank's {@code send} into every rank's {@code recv}
     * ({@code MPI_Allreduce}). {@code recv} needs at least {@code send.remaining()} elements; all ranks get the same
     * result.
     */
    void allReduce(Buffer send, Buffer recv, ReduceOp op);

    /** <b>Collective.</b> In-place {@link #allReduce(Buffer, Buffer, ReduceOp)} ({@code MPI_IN_PLACE}). */
    void allReduce(Buffer buffer, ReduceOp op);

    /**
     * <b>Collective.</b> Element-wise reduction of every rank's {@code send} into {@code recv} of {@code root}
     * ({@code MPI_Reduce}). {@code recv} is used only on the root and may be {@code null} elsewhere.
     */
    void reduce(Buffer send, Buffer recv, ReduceOp op, int root);

    /**
     * <b>Collective.</b> Max with location ({@code MPI_MAXLOC}), in place and element-wise: afterwards
     * {@code values[i]} is the maximum over ranks and {@code locations[i]} the location that came with it; ties go to the
     * smallest location. Both buffers need the same number of elements.
     */
    default void allReduceMaxLoc(DoubleBuffer values, LongBuffer locations) {
        LocatedReduction.apply(this, values, locations, true);
    }

    /** <b>Collective.</b> Min with location ({@code MPI_MINLOC}); otherwise as {@link #allReduceMaxLoc}. */
    default void allReduceMinLoc(DoubleBuffer values, LongBuffer locations) {
        LocatedReduction.apply(this, values, locations, false);
    }

    /**
     * <b>Collective.</b> Every rank contributes {@code send.remaining()} elements (the same count on all ranks); every
     * rank receives them in rank order into {@code recv}, which needs {@code size() * count} elements
     * ({@code MPI_Allgather}).
     */
    void allGather(Buffer send, Buffer recv);

    /**
     * <b>Collective.</b> Rank {@code r} contributes {@code counts[r]} elements ({@code send.remaining()}), placed at
     * {@code displs[r]} of {@code recv} on every rank ({@code MPI_Allgatherv}). {@code counts} and {@code displs} have
     * {@code size()} entries and are the same on all ranks.
     */
    void allGatherV(Buffer send, Buffer recv, int[] counts, int[] displs);

    /**
     * <b>Collective.</b> As {@link #allGather} but only {@code root} receives ({@code MPI_Gather}); {@code recv} may be
     * {@code null} on other ranks.
     */
    void gather(Buffer send, Buffer recv, int root);

    /**
     * <b>Collective.</b> As {@link #allGatherV} but only {@code root} receives ({@code MPI_Gatherv}); {@code recv},
     * {@code counts} and {@code displs} are used on the root only and may be {@code null} elsewhere.
     */
    void gatherV(Buffer send, Buffer recv, int[] counts, int[] displs, int root);

    /**
     * <b>Collective.</b> {@code root} sends block {@code r} of {@code send} (blocks of {@code recv.remaining()} elements,
     * the same on all ranks) to rank {@code r} ({@code MPI_Scatter}); {@code send} may be {@code null} on other ranks.
     */
    void scatter(Buffer send, Buffer recv, int root);

    /**
     * <b>Collective.</b> {@code root} sends {@code counts[r]} elements at {@code displs[r]} of {@code send} to rank
     * {@code r}, which receives {@code recv.remaining()} = {@code counts[r]} elements ({@code MPI_Scatterv}).
     * {@code send}, {@code counts} and {@code displs} are used on the root only.
     */
    void scatterV(Buffer send, int[] counts, int[] displs, Buffer recv, int root);

    /**
     * <b>Collective.</b> Block {@code j} of {@code send} goes to rank {@code j}, and block {@code i} of {@code recv}
     * comes from rank {@code i}; blocks are {@code send.remaining() / size()} elements, the same on all ranks
     * ({@code MPI_Alltoall}).
     */
    void allToAll(Buffer send, Buffer recv);

    /**
     * <b>Collective.</b> The general exchange redistribution uses ({@code MPI_Alltoallv}): this rank sends
     * {@code sendCounts[j]} elements at {@code sendDispls[j]} of {@code send} to rank {@code j} and receives
     * {@code recvCounts[i]} elements from rank {@code i} at {@code recvDispls[i]} of {@code recv}.
     * {@code sendCounts[j]} on rank {@code i} must equal {@code recvCounts[i]} on rank {@code j}. Displacements may be
     * in any order but received blocks must not overlap.
     */
    void allToAllV(Buffer send, int[] sendCounts, int[] sendDispls, Buffer recv, int[] recvCounts, int[] recvDispls);

    /**
     * <b>Collective.</b> {@link #allToAllV(Buffer, int[], int[], Buffer, int[], int[])} with packed blocks: the
     * displacements are the prefix sums of the counts.
     */
    default void allToAllV(Buffer send, int[] sendCounts, Buffer recv, int[] recvCounts) {
        allToAllV(send, sendCounts, PackedDispls.of(sendCounts), recv, recvCounts, PackedDispls.of(recvCounts));
    }

    /**
     * <b>Not collective</b> (point-to-point). Sends {@code buffer}'s remaining elements to {@code dest} ({@code MPI_Send}).
     * May block until the receiver has the data; small messages return at once.
     */
    void send(Buffer buffer, int dest, int tag);

    /**
     * <b>Not collective</b> (point-to-point). Receives a message from {@code source} (or {@link #ANY_SOURCE}) with
     * {@code tag} (or {@link #ANY_TAG}) into {@code buffer}, which must have room for it ({@code MPI_Recv}).
     */
    Status recv(Buffer buffer, int source, int tag);

    /**
     * <b>Not collective</b> (point-to-point). Sends {@code send} to {@code dest} and receives into {@code recv} from
     * {@code source} at the same time, without deadlock in rings and pair exchanges ({@code MPI_Sendrecv}).
     */
    Status sendRecv(Buffer send, int dest, int sendTag, Buffer recv, int source, int recvTag);

    /**
     * <b>Not collective</b> (point-to-point). Starts a send ({@code MPI_Isend}). Borrows {@code buffer} until the
     * request completes: do not write to it before then.
     */
    Request iSend(Buffer buffer, int dest, int tag);

    /**
     * <b>Not collective</b> (point-to-point). Starts a receive ({@code MPI_Irecv}). Borrows {@code buffer} until the
     * request completes: do not read it before then.
     */
    Request iRecv(Buffer buffer, int source, int tag);

    /**
     * <b>Collective.</b> Splits into disjoint communicators, one per {@code color}, ranks ordered by {@code key} then
     * by old rank ({@code MPI_Comm_split}). Caller must close the result.
     *
     * @return the new communicator, or {@code null} if {@code color} is {@link #UNDEFINED}
     */
    Communicator split(int color, int key);

    /** <b>Collective.</b> A new communicator with the same ranks and its own message space ({@code MPI_Comm_dup}). Caller must close it. */
    Communicator dup();

    /**
     * <b>Collective.</b> A Cartesian process grid of exactly the named {@code dims} (no reordering, no periodicity),
     * ranks in C order: the first {@code prod(dims)} ranks, as {@code MPI_Cart_create} with {@code reorder = false}.
     * Caller must close the result.
     *
     * @return the grid communicator, or {@code null} on ranks beyond {@code prod(dims)}
     * @throws IllegalArgumentException if {@code prod(dims) > size()}
     */
    default CartCommunicator createCart(int... dims) {
        return CartCommunicator.create(this, dims);
    }

    /**
     * <b>Not collective.</b> The state libraries cache on this communicator and that is closed with it (MPI attribute
     * caching). JDistArray keeps its private duplicate here, so that its messages never meet the user's.
     */
    Attributes attributes();

    /**
     * <b>Collective</b> for communicators this one created ({@code MPI_Comm_free}); closing the world communicator only
     * marks it closed. Either way it first closes its {@link #attributes()} (collectively: JDistArray's private
     * duplicate is freed). Idempotent. Using a closed communicator throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
