package org.jdistarray.comm;

/**
 * The ranks did not make the same collective call: a rank skipped or added a call, called it on another array, or
 * passed different arguments (a different index, value or root). Raised on every rank of the call, naming what each
 * rank called. Under MPI such a mismatch would otherwise hang or silently mix up data.
 */
public class CollectiveMismatchException extends CommunicationException {
    private static final long serialVersionUID = 1L;

    /** With a message naming each rank's call. */
    public CollectiveMismatchException(String message) {
        super(message);
    }
}
