package org.jdistarray.comm;

/**
 * What a completed receive got: the sender's rank, the message tag and the number of elements received.
 *
 * @param source rank of the sender in the communicator
 * @param tag    tag of the message
 * @param count  number of elements received (at most the receive buffer's remaining elements)
 */
public record Status(int source, int tag, int count) {
}
