package org.jdistarray.io;

import org.jdistarray.protocol.DistArrayException;

/**
 * A file that cannot be read or written as asked: missing, truncated, corrupt, of another dtype or shape than the
 * distribution, or an I/O error of the file system. The message names the file and the problem. Thrown on every
 * rank of a collective read or write (the ranks that did not see the problem name the rank that did).
 */
public class ArrayFileException extends DistArrayException {
    public ArrayFileException(String message) {
        super(message);
    }

    public ArrayFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
