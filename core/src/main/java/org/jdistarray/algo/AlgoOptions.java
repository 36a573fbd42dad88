package org.jdistarray.algo;

/**
 * Options of the distributed algorithms (Java has no keyword arguments; the pattern of {@code ops.ReduceOptions}): a
 * memory budget for the data movement, the layout of the result and the local kernel of the dense products.
 * Immutable; every rank passes the same options.
 */
public final class AlgoOptions {
    /** Where the result lives. */
    public enum Layout {
        /** The balanced block layout along the processed axis, the other axes undistributed (the default). */
        BALANCED,
        /** The input's distribution (one more redistribution). */
        INPUT
    }

    /** The local products of {@code matmul}/{@code dot}. */
    public enum Gemm {
        /** {@code cblas_dgemm} of the best BLAS that loads, else the Java kernel (the default). */
        AUTO,
        /** {@code cblas_dgemm}; an error on every rank when no BLAS loads. */
        BLAS,
        /** The blocked Java kernel, even when a BLAS is there. */
        JAVA
    }

    private static final AlgoOptions DEFAULTS = new AlgoOptions(0, Layout.BALANCED, Gemm.AUTO);

    private final long budget;
    private final Layout layout;
    private final Gemm gemm;

    private AlgoOptions(long budget, Layout layout, Gemm gemm) {
        this.budget = budget;
        this.layout = layout;
        this.gemm = gemm;
    }

    /** <b>Not collective.</b> No budget (the default buffers of a redistribution), balanced result. */
    public static AlgoOptions defaults() {
        return DEFAULTS;
    }

    /**
     * <b>Not collective.</b> A copy with a memory budget: about {@code bytesPerRank} bytes of communication buffers
     * per round (0: the default, one round); a smaller budget means more rounds. Redistributions get the same budget.
     */
    public AlgoOptions budget(long bytesPerRank) {
        if (bytesPerRank < 0) {
            throw new IllegalArgumentException("budget must be >= 0 bytes, got " + bytesPerRank);
        }
        return new AlgoOptions(bytesPerRank, layout, gemm);
    }

    /** <b>Not collective.</b> A copy with the result layout {@code value}. */
    public AlgoOptions layout(Layout value) {
        if (value == null) {
            throw new IllegalArgumentException("layout is null");
        }
        return new AlgoOptions(budget, value, gemm);
    }

    /** <b>Not collective.</b> A copy whose {@code matmul}/{@code dot} use the local kernel {@code value}. */
    public AlgoOptions gemm(Gemm value) {
        if (value == null) {
            throw new IllegalArgumentException("gemm is null");
        }
        return new AlgoOptions(budget, layout, value);
    }

    /** <b>Not collective.</b> The local product kernel of {@code matmul}/{@code dot}. */
    public Gemm gemm() {
        return gemm;
    }

    /** <b>Not collective.</b> The budget in bytes per rank, 0 for none. */
    public long budget() {
        return budget;
    }

    /** <b>Not collective.</b> The result layout. */
    public Layout layout() {
        return layout;
    }

    @Override
    public String toString() {
        return "AlgoOptions[budget=" + budget + ", layout=" + layout + ", gemm=" + gemm + "]";
    }
}
