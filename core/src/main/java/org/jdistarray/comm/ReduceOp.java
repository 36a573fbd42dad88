package org.jdistarray.comm;

/**
 * Reduction operations of {@link Communicator#allReduce} and {@link Communicator#reduce}. Results are the same
 * on every rank. {@link #LAND} and {@link #LOR} apply to integer types only (nonzero is true, results are 0 or 1),
 * as in MPI. Max-with-location is {@link Communicator#allReduceMaxLoc}.
 */
public enum ReduceOp {
    SUM,
    PROD,
    MIN,
    MAX,
    /** Logical and (integer types). */
    LAND,
    /** Logical or (integer types). */
    LOR;

    /** <b>Not collective.</b> Checks that this operation applies to {@code type}. */
    public void checkApplies(ElementType type) {
        if ((this == LAND || this == LOR) && !type.isInteger()) {
            throw new IllegalArgumentException(this + " applies to integer types only, not " + type);
        }
    }
}
