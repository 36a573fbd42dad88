package org.jdistarray.trilinos;

import org.jdistarray.nativelib.NativeLibraryException;

/**
 * The {@code jdist_tpetra} shim reported an error: Tpetra, Belos or Ifpack2 threw (the C++ exception's text is the
 * message; no exception crosses the C boundary), or the shim refused an argument or a call in the wrong state.
 * Carries the shim function, its error code, the shim's message and the rank (in the world communicator) that saw
 * it. Unchecked.
 */
public class TrilinosException extends NativeLibraryException {
    /** The shim's error codes ({@code jdist_tpetra.h}). */
    public enum Kind {
        /** {@code JDIST_TPETRA_ERR_ARG}: an invalid argument. */
        ARGUMENT(1),
        /** {@code JDIST_TPETRA_ERR_STATE}: not allowed in the current state. */
        STATE(2),
        /** {@code JDIST_TPETRA_ERR_TRILINOS}: Trilinos threw. */
        TRILINOS(3),
        /** {@code JDIST_TPETRA_ERR_UNSUPPORTED}: not in this build (Ifpack2). */
        UNSUPPORTED(4),
        /** A code this version does not know. */
        UNKNOWN(-1);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return UNKNOWN;
        }
    }

    private final String function;
    private final int code;
    private final String shimMessage;
    private final int rank;

    public TrilinosException(String function, int code, String shimMessage, int rank) {
        super(function + " failed on rank " + rank + " with error " + code + " (" + Kind.of(code) + "): "
                + (shimMessage == null ? "" : shimMessage.strip()));
        this.function = function;
        this.code = code;
        this.shimMessage = shimMessage == null ? "" : shimMessage.strip();
        this.rank = rank;
    }

    /** <b>Not collective.</b> The shim function that failed, such as {@code "jdist_tpetra_solver_create"}. */
    public String function() {
        return function;
    }

    /** <b>Not collective.</b> The shim's raw error code. */
    public int code() {
        return code;
    }

    /** <b>Not collective.</b> The error code as an enum. */
    public Kind kind() {
        return Kind.of(code);
    }

    /** <b>Not collective.</b> The shim's message: what Trilinos threw, or the shim's own check. */
    public String shimMessage() {
        return shimMessage;
    }

    /** <b>Not collective.</b> Rank (in the world communicator) of the process that saw the error, -1 outside a session. */
    public int rank() {
        return rank;
    }
}
