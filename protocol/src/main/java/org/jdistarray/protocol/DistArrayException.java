package org.jdistarray.protocol;

/**
 * Root of every exception JDistArray throws on purpose. Unchecked, as in jHDF, mpi4py and petsc4py.
 * Shape mismatches throw {@link IllegalArgumentException} and index errors
 * {@link IndexOutOfBoundsException}, as NumPy's ValueError and IndexError.
 */
public class DistArrayException extends RuntimeException {
    public DistArrayException(String message) {
        super(message);
    }

    public DistArrayException(String message, Throwable cause) {
        super(message, cause);
    }
}
