package org.jdistarray.plot;

import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.GlobalLayout;

/**
 * Pictures of distributions and of redistribution plans, as PNG or SVG ({@link Picture#write}). A distribution
 * picture is a grid of cells coloured by the rank that owns them (a 1-D array is one row; of an N-d array a 2-D
 * slice, {@link PlotOptions#axes} and {@link PlotOptions#at}), with a legend of rank colours and grid coordinates,
 * labelled axes and a title naming shape, axis types and process grid. Cells that other ranks hold as ghost copies
 * are hatched in the colour of (the first) such rank; {@link PlotOptions#rankPanels} adds every rank's local block.
 * Colours are colour-blind safe for up to 16 ranks ({@link Palette}); beyond that they repeat and each cell shows
 * its rank number where it fits. Axes longer than 256 are sampled evenly ({@link Picture#drawnRows()}).
 *
 * <p>Drawing needs only the layout, which every rank knows: the distribution pictures are not collective, except
 * the one of an array, which gathers the values of small arrays to print them in the cells. Rendering is headless
 * (Java2D into an image, no display): the class sets {@code java.awt.headless=true} unless it was set.
 */
public final class Plots {
    /** Arrays of at most this many elements have their values gathered and printed. */
    public static final long VALUE_GATHER_LIMIT = PlotOptions.VALUE_LIMIT;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * <b>Not collective.</b> The picture of {@code dist} (every rank draws the same picture).
     *
     * @throws IllegalArgumentException for bad options (axes, slice index) or an empty array
     */
    public static Picture distribution(Distribution dist, PlotOptions options) {
        int holders = dist.isReplicated() ? dist.communicator().size() : dist.layout().rankCount();
        return new LayoutPainter(dist.layout(), holders, options, null).paint();
    }

    /** <b>Not collective.</b> The picture of a layout (for example from {@link GlobalLayout#fromShape}). */
    public static Picture distribution(GlobalLayout layout, PlotOptions options) {
        return new LayoutPainter(layout, layout.rankCount(), options, null).paint();
    }

    /**
     * <b>Collective.</b> The picture of {@code array}'s distribution on rank {@code root}, null on the others.
     * With {@link PlotOptions#values} (the default) an array of at most {@link #VALUE_GATHER_LIMIT} elements is
     * gathered to {@code root} and its values are printed in the cells (where they fit).
     *
     * @throws IllegalArgumentException on every rank for bad options or a root out of range
     */
    public static Picture distribution(DistArray array, PlotOptions options, int root) {
        Distribution d = array.distribution();
        int size = d.communicator().size();
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " is out of range [0, " + size + ")");
        }
        double[] values = options.values() && array.globalSize() <= VALUE_GATHER_LIMIT
                ? array.toDoubleArray(root) : null;
        return d.rank() == root ? new LayoutPainter(d.layout(), d.isReplicated() ? size : d.layout().rankCount(),
                options, values).paint() : null;
    }

    /**
     * <b>Collective.</b> A heat map of the values of a 1-D or 2-D {@code array} on rank {@code root} (null on the
     * others): the array is gathered to {@code root} (with {@link DistArray#toDoubleArray(int)}'s size guard), each
     * element a cell (a pixel for large arrays, sampled evenly beyond 800 per axis) in the viridis colour map
     * between the smallest and largest value, with a colour bar.
     *
     * @throws IllegalArgumentException on every rank for an array of more than 2 dimensions, an empty array or a
     *     root out of range
     */
    public static Picture values(DistArray array, String titleOrNull, int root) {
        long[] shape = array.distribution().shape();
        int size = array.distribution().communicator().size();
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " is out of range [0, " + size + ")");
        }
        if (shape.length < 1 || shape.length > 2 || array.globalSize() == 0) {
            throw new IllegalArgumentException("Plots.values draws a non-empty 1-D or 2-D array, got shape "
                    + java.util.Arrays.toString(shape));
        }
        double[] v = array.toDoubleArray(root);
        return v == null ? null : HeatmapPainter.paint(v, shape, titleOrNull);
    }

    /**
     * <b>Not collective.</b> The picture of a redistribution plan: a matrix with one row per sending rank and one
     * column per receiving rank, each cell the number of elements moved (the diagonal: kept on the rank, copied
     * locally), coloured by the sender and shaded by amount, with each rank's totals; the numbers are those of
     * {@link Redistribution#elements(int, int)} and {@link Redistribution#explain}.
     */
    public static Picture redistribution(Redistribution plan, String titleOrNull) {
        return PlanPainter.paint(plan, titleOrNull);
    }
}
