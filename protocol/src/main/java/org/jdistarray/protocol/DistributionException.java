package org.jdistarray.protocol;

/** A distribution that cannot be built: bad grid shape, inconsistent per-rank data, impossible partition. */
public class DistributionException extends DistArrayException {
    public DistributionException(String message) {
        super(message);
    }

    /** With the exception that caused this one (for example, the same problem found one level down). */
    public DistributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
