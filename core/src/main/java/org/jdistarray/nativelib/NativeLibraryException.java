package org.jdistarray.nativelib;

import org.jdistarray.protocol.DistArrayException;

/**
 * A native library that JDistArray drives (PETSc, Trilinos, HDF5) reported an error, or could not be loaded or used.
 * The bridges throw subclasses ({@code PetscException}, ...) that carry the library's own error code and message.
 * Unchecked, like every JDistArray exception.
 */
public class NativeLibraryException extends DistArrayException {
    public NativeLibraryException(String message) {
        super(message);
    }

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
