package org.jdistarray.protocol;

/** A distribution that cannot be built: bad grid shape, inconsistent per-rank data, impossible partition. */
public class DistributionException extends DistArrayException {
    public DistributionException(String message) {
        super(message);
    }
}
