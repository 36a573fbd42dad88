package org.jdistarray.ops;

import org.jdistarray.protocol.DistArrayException;

/**
 * A ufunc has no loop for its operands' dtypes, or a cast its {@link Casting} rule forbids (NumPy's
 * {@code UFuncTypeError} / {@code TypeError}, with NumPy's messages). Thrown on every rank alike: type resolution
 * depends on dtypes and scalar values only, which every rank passes the same.
 */
public class UfuncTypeException extends DistArrayException {
    private static final long serialVersionUID = 1L;

    /** <b>Not collective.</b> An exception with {@code message}. */
    public UfuncTypeException(String message) {
        super(message);
    }
}
