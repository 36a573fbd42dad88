package org.jdistarray.comm;

import java.util.Arrays;

/**
 * A non-blocking send or receive started by {@link Communicator#iSend} or {@link Communicator#iRecv}. The request
 * pins its buffer: the communicator keeps the buffer reachable until the request completes, so the garbage collector
 * cannot free memory that a transfer still reads or writes. The caller must not read (receive) or write (send) the
 * buffer's elements until the request completes.
 */
public interface Request {
    /**
     * <b>Not collective.</b> Blocks until the transfer completes ({@code MPI_Wait}). Calling it again after completion
     * returns the same status.
     *
     * @return for a receive, what arrived; for a send, the destination, tag and count sent
     * @throws CommunicationException if the transfer failed, the peer failed or exited, or a timeout passed
     */
    Status await();

    /**
     * <b>Not collective.</b> Whether the transfer has completed, without blocking ({@code MPI_Test}); after
     * {@code true}, {@link #await()} returns at once.
     */
    boolean test();

    /**
     * <b>Not collective.</b> {@link #test()} after waiting at most {@code maxWaitNanos} for the transfer to complete:
     * a wait that ends as soon as it completes where the transport can signal that (thread ranks), else a sleep of
     * that long (MPI has no timed wait). Never throws for a slow peer: the caller decides how long to keep waiting.
     */
    default boolean test(long maxWaitNanos) {
        if (test()) {
            return true;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(maxWaitNanos);
        return test();
    }

    /**
     * <b>Not collective.</b> Whether {@link #test(long)} returns as soon as the transfer completes (thread ranks: a
     * latch) rather than after sleeping its whole wait (MPI): a caller may then wait in long slices at no cost to its
     * latency.
     */
    default boolean wakesOnCompletion() {
        return false;
    }

    /**
     * <b>Not collective.</b> Waits for every request, in order ({@code MPI_Waitall}).
     *
     * @return the statuses, index by index
     */
    static Status[] awaitAll(Request... requests) {
        return Arrays.stream(requests).map(Request::await).toArray(Status[]::new);
    }
}
