package org.jdistarray.petsc;

import org.jdistarray.nativelib.NativeLibraryException;

/**
 * A PETSc call returned an error code (PETSc's error handler is {@code PetscReturnErrorHandler}, so errors come back
 * to Java instead of aborting). Carries the PETSc function, the error as {@link PetscError} and its raw code,
 * PETSc's message for the code ({@code PetscErrorMessage}), the specific message of the error, and the rank (in the
 * world communicator) that saw it. When the error came from a Java callback (a shell matrix or monitor that threw),
 * that exception is the cause. Unchecked.
 */
public class PetscException extends NativeLibraryException {
    private final String function;
    private final PetscError error;
    private final int code;
    private final String petscMessage;
    private final String specificMessage;
    private final int rank;

    public PetscException(String function, int code, String petscMessage, String specificMessage, int rank,
            Throwable cause) {
        super(function + " failed on rank " + rank + " with PETSc error " + code + " (" + PetscError.of(code) + "): "
                + petscMessage + (specificMessage == null || specificMessage.isBlank() ? "" : " - " + specificMessage.strip()),
                cause);
        this.function = function;
        this.error = PetscError.of(code);
        this.code = code;
        this.petscMessage = petscMessage;
        this.specificMessage = specificMessage == null ? "" : specificMessage.strip();
        this.rank = rank;
    }

    /** The PETSc function that failed, such as {@code "KSPSetType"}. */
    public String function() {
        return function;
    }

    /** The error code as an enum ({@link PetscError#UNKNOWN} for codes not in {@code petscerror.h} 3.18). */
    public PetscError error() {
        return error;
    }

    /** The raw PETSc error code. */
    public int code() {
        return code;
    }

    /** {@code PetscErrorMessage}'s text for the code. */
    public String petscMessage() {
        return petscMessage;
    }

    /** The specific message of the error (what PETSc would print after the code's text), may be empty. */
    public String specificMessage() {
        return specificMessage;
    }

    /** Rank (in the world communicator) of the process that saw the error. */
    public int rank() {
        return rank;
    }
}
