package org.jdistarray.comm;

/**
 * An MPI call returned an error code. Carries the code, the text of {@code MPI_Error_string}, the MPI function and
 * the rank (in {@code MPI_COMM_WORLD}, -1 if unknown) that saw it.
 */
public class MpiException extends CommunicationException {
    private final int errorCode;
    private final String errorString;
    private final String function;
    private final int rank;

    public MpiException(String function, int errorCode, String errorString, int rank) {
        super(function + " failed on rank " + rank + " with MPI error " + errorCode + ": " + errorString);
        this.errorCode = errorCode;
        this.errorString = errorString;
        this.function = function;
        this.rank = rank;
    }

    /** The MPI error code the call returned. */
    public int errorCode() {
        return errorCode;
    }

    /** {@code MPI_Error_string} of the code. */
    public String errorString() {
        return errorString;
    }

    /** The MPI function, such as {@code "MPI_Send"}. */
    public String function() {
        return function;
    }

    /** Rank in {@code MPI_COMM_WORLD} of the process that saw the error. */
    public int rank() {
        return rank;
    }
}
