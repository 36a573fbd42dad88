package org.jdistarray.algo;

/**
 * Options of the distributed algorithms of {@link Sorting} and {@link Scans} (Java has no keyword arguments; the
 * pattern of {@code ops.ReduceOptions}): a memory budget for the data movement and the layout of the result.
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

    private static final AlgoOptions DEFAULTS = new AlgoOptions(0, Layout.BALANCED);

    private final long budget;
    private final Layout layout;

    private AlgoOptions(long budget, Layout layout) {
        this.budget = budget;
        this.layout = layout;
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
        return new AlgoOptions(bytesPerRank, layout);
    }

    /** <b>Not collective.</b> A copy with the result layout {@code value}. */
    public AlgoOptions layout(Layout value) {
        if (value == null) {
            throw new IllegalArgumentException("layout is null");
        }
        return new AlgoOptions(budget, value);
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
        return "AlgoOptions[budget=" + budget + ", layout=" + layout + "]";
    }
}
