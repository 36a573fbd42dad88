package org.jdistarray.comm;

/**
 * An MPI call returned an error code. Carries the code, its error class ({@code MPI_Error_class}: the portable
 * {@code MPI_ERR_*} value; MPICH's codes carry more bits than the class, Open MPI's equal it), the text of
 * {@code MPI_Error_string}, the MPI function and the rank (in {@code MPI_COMM_WORLD}, -1 if unknown) that saw it.
 */
public class MpiException extends CommunicationException {
    private final int errorCode;
    private final int errorClass;
    private final String errorString;
    private final String function;
    private final int rank;

    /** An error whose class is its code (as in Open MPI). */
    public MpiException(String function, int errorCode, String errorString, int rank) {
        this(function, errorCode, errorCode, errorString, rank);
    }

    public MpiException(String function, int errorCode, int errorClass, String errorString, int rank) {
        super(function + " failed on rank " + rank + " with MPI error " + errorClass
                + (errorClass != errorCode ? " (code " + errorCode + ")" : "") + ": " + errorString);
        this.errorCode = errorCode;
        this.errorClass = errorClass;
        this.errorString = errorString;
        this.function = function;
        this.rank = rank;
    }

    /** The MPI error code the call returned (implementation-specific beyond its class). */
    public int errorCode() {
        return errorCode;
    }

    /** The error class of the code, such as 6 for {@code MPI_ERR_RANK}: the same in every MPI. */
    public int errorClass() {
        return errorClass;
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
