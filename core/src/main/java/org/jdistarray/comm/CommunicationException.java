package org.jdistarray.comm;

import org.jdistarray.protocol.DistArrayException;

/**
 * A communication failed: a collective mismatched or timed out, a peer failed or exited, a message did not fit, or
 * an MPI call returned an error ({@link MpiException}).
 */
public class CommunicationException extends DistArrayException {
    public CommunicationException(String message) {
        super(message);
    }

    public CommunicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
