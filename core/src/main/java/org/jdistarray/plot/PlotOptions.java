package org.jdistarray.plot;

import java.util.Arrays;

/**
 * The options of a distribution picture, as one immutable value: start with {@link #defaults()} and change what
 * you need with the withers, {@code PlotOptions.defaults().title("u").rankPanels(true)}.
 *
 * <ul>
 *   <li>{@link #title} a first title line (the second always names shape, axis types and grid);</li>
 *   <li>{@link #axes} which two axes of an N-d array are drawn (rows, columns; default the last two) and
 *       {@link #at} the fixed indices of the other axes (default 0) — the 2-D slice drawn;</li>
 *   <li>{@link #values} print each cell's value (arrays only, when the cells are large enough; default on for at
 *       most {@link #VALUE_LIMIT} drawn cells);</li>
 *   <li>{@link #ghosts} hatch the cells that other ranks hold as ghost (communication padding) copies (default on);</li>
 *   <li>{@link #rankPanels} add one panel per rank showing its local block, padding cells hatched;</li>
 *   <li>{@link #cellPixels} the side of a cell in pixels (0: chosen to fit about 640 pixels).</li>
 * </ul>
 */
public final class PlotOptions {
    /** Most drawn cells for which values are printed. */
    public static final int VALUE_LIMIT = 1024;
    private static final PlotOptions DEFAULTS = new PlotOptions(null, null, null, true, true, false, 0);

    private final String title;
    private final int[] axes;
    private final long[] at;
    private final boolean values;
    private final boolean ghosts;
    private final boolean rankPanels;
    private final int cellPixels;

    private PlotOptions(String title, int[] axes, long[] at, boolean values, boolean ghosts, boolean rankPanels,
                        int cellPixels) {
        this.title = title;
        this.axes = axes;
        this.at = at;
        this.values = values;
        this.ghosts = ghosts;
        this.rankPanels = rankPanels;
        this.cellPixels = cellPixels;
    }

    /** <b>Not collective.</b> The defaults: last two axes, index 0 elsewhere, values, ghosts, no rank panels. */
    public static PlotOptions defaults() {
        return DEFAULTS;
    }

    /** <b>Not collective.</b> A copy with the first title line {@code value} (null: none). */
    public PlotOptions title(String value) {
        return new PlotOptions(value, axes, at, values, ghosts, rankPanels, cellPixels);
    }

    /** <b>Not collective.</b> A copy drawing axis {@code rows} down and axis {@code cols} across (N-d arrays). */
    public PlotOptions axes(int rows, int cols) {
        if (rows == cols) {
            throw new IllegalArgumentException("axes: the row and column axes must differ, got " + rows + " twice");
        }
        return new PlotOptions(title, new int[] {rows, cols}, at, values, ghosts, rankPanels, cellPixels);
    }

    /**
     * <b>Not collective.</b> A copy with the slice position: one index per axis of the array (the entries of the
     * drawn axes are ignored).
     */
    public PlotOptions at(long... index) {
        if (index == null) {
            throw new IllegalArgumentException("at: the index is null");
        }
        return new PlotOptions(title, axes, index.clone(), values, ghosts, rankPanels, cellPixels);
    }

    /** <b>Not collective.</b> A copy that prints (or not) the cell values of small arrays. */
    public PlotOptions values(boolean value) {
        return new PlotOptions(title, axes, at, value, ghosts, rankPanels, cellPixels);
    }

    /** <b>Not collective.</b> A copy that hatches (or not) the ghost cells. */
    public PlotOptions ghosts(boolean value) {
        return new PlotOptions(title, axes, at, values, value, rankPanels, cellPixels);
    }

    /** <b>Not collective.</b> A copy that adds (or not) one panel per rank with its local block. */
    public PlotOptions rankPanels(boolean value) {
        return new PlotOptions(title, axes, at, values, ghosts, value, cellPixels);
    }

    /** <b>Not collective.</b> A copy with cells of {@code value} pixels (1..200; 0 = automatic). */
    public PlotOptions cellPixels(int value) {
        if (value < 0 || value > 200) {
            throw new IllegalArgumentException("cellPixels must be in 0..200, got " + value);
        }
        return new PlotOptions(title, axes, at, values, ghosts, rankPanels, value);
    }

    /** The first title line, or null. */
    public String title() {
        return title;
    }

    /** The drawn axes (rows, columns), or null for the last two. */
    public int[] axes() {
        return axes == null ? null : axes.clone();
    }

    /** The slice position, or null for index 0 on every axis not drawn. */
    public long[] at() {
        return at == null ? null : at.clone();
    }

    public boolean values() {
        return values;
    }

    public boolean ghosts() {
        return ghosts;
    }

    public boolean rankPanels() {
        return rankPanels;
    }

    public int cellPixels() {
        return cellPixels;
    }

    @Override
    public String toString() {
        return "PlotOptions[title=" + title + ", axes=" + Arrays.toString(axes) + ", at=" + Arrays.toString(at)
                + ", values=" + values + ", ghosts=" + ghosts + ", rankPanels=" + rankPanels + ", cellPixels="
                + cellPixels + "]";
    }
}
