package org.jdistarray.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.NdMap;

/** Draws a 2-D slice of a layout: cells coloured by owner, ghosts hatched, legend, axes, optional rank panels. */
final class LayoutPainter {
    /** Most rows or columns drawn; larger axes are sampled evenly. */
    static final int MAX_DRAWN = 256;
    private static final int MAX_LEGEND = 64;
    private static final int MAX_PANELS = 64;
    private static final double GRID_PIXELS = 640;
    private static final Color GRID_LINE = new Color(0xFFFFFF);
    private static final Color INK = new Color(0x222222);

    private final GlobalLayout layout;
    private final int holders;
    private final PlotOptions opt;
    private final double[] values;
    private final int rowAxis;
    private final int colAxis;
    private final long[] base;
    private final NdMap[] maps;
    private final boolean padded;

    LayoutPainter(GlobalLayout layout, int holders, PlotOptions opt, double[] valuesOrNull) {
        this.layout = layout;
        this.holders = holders;
        this.opt = opt;
        this.values = valuesOrNull;
        int nd = layout.ndim();
        int[] ax = opt.axes();
        if (ax != null && nd < 2) {
            throw new IllegalArgumentException("axes(" + ax[0] + ", " + ax[1] + ") for a " + nd
                    + "-d array: choosing axes needs at least 2 dimensions");
        }
        if (ax == null) {
            rowAxis = nd >= 2 ? nd - 2 : -1;
            colAxis = nd >= 1 ? nd - 1 : -1;
        } else {
            rowAxis = normalize(ax[0], nd);
            colAxis = normalize(ax[1], nd);
            if (rowAxis == colAxis) {
                throw new IllegalArgumentException("axes " + ax[0] + " and " + ax[1] + " are the same axis of a "
                        + nd + "-d array");
            }
        }
        long[] shape = layout.shape();
        long[] at = opt.at();
        base = new long[nd];
        if (at != null) {
            if (at.length != nd) {
                throw new IllegalArgumentException("at has " + at.length + " indices for a " + nd + "-d array");
            }
            for (int k = 0; k < nd; k++) {
                if (k == rowAxis || k == colAxis) {
                    continue;
                }
                long g = at[k] < 0 ? at[k] + shape[k] : at[k];
                if (g < 0 || g >= shape[k]) {
                    throw new IndexOutOfBoundsException("index " + at[k] + " is out of bounds for axis " + k
                            + " with size " + shape[k]);
                }
                base[k] = g;
            }
        }
        for (int k = 0; k < nd; k++) {
            if (shape[k] == 0) {
                throw new IllegalArgumentException("cannot draw an empty array: axis " + k + " has size 0 (shape "
                        + Arrays.toString(shape) + ")");
            }
        }
        int ranks = layout.rankCount();
        maps = new NdMap[ranks];
        boolean p = false;
        for (int r = 0; r < ranks; r++) {
            maps[r] = layout.mapFor(r);
            for (DimDistribution d : maps[r].dims()) {
                p |= d instanceof Block b && (b.commPadLeft() > 0 || b.commPadRight() > 0);
            }
        }
        padded = p;
    }

    private static int normalize(int axis, int nd) {
        int a = axis < 0 ? axis + nd : axis;
        if (a < 0 || a >= nd) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + nd);
        }
        return a;
    }

    Picture paint() {
        long[] shape = layout.shape();
        long nRows = rowAxis < 0 ? 1 : shape[rowAxis];
        long nCols = colAxis < 0 ? 1 : shape[colAxis];
        long[] rows = sample(nRows);
        long[] cols = sample(nCols);
        double cell = opt.cellPixels() > 0 ? opt.cellPixels()
                : Math.max(1, Math.min(40, Math.floor(GRID_PIXELS / Math.max(rows.length, cols.length))));
        double gridW = cols.length * cell;
        double gridH = rows.length * cell;
        int shownLegend = Math.min(holders, MAX_LEGEND);
        int legendRows = Math.max(1, Math.min(shownLegend, (int) Math.max(16, gridH / 18)));
        int legendCols = (shownLegend + legendRows - 1) / legendRows;
        double legendW = legendCols * 130;
        double x0 = 70;
        double y0 = opt.title() != null ? 62 : 44;
        double legendX = x0 + gridW + 24;
        List<int[]> panelRanks = panelRanks();
        double panelCell = Math.max(4, Math.min(cell, 16));
        double width = Math.max(Math.max(legendX + legendW + 10, 420), Canvas.textWidth(titleLine(), 13) + 20);
        if (opt.title() != null) {
            width = Math.max(width, Canvas.textWidth(opt.title(), 15) * 1.1 + 20);
        }
        PanelLayout panels = new PanelLayout(panelRanks, panelCell, width - 20);
        double bottom = Math.max(y0 + gridH + 52, y0 + legendRows * 18 + 20);
        Canvas c = new Canvas((int) Math.ceil(width), (int) Math.ceil(bottom + panels.height));
        title(c);
        drawCells(c, rows, cols, x0, y0, cell);
        axes(c, rows, cols, x0, y0, cell);
        legend(c, legendX, y0, legendRows, shownLegend);
        panels.draw(c, 10, bottom);
        return new Picture(c, new Picture.Grid(x0, y0, cell, rows, cols));
    }

    private static long[] sample(long n) {
        int drawn = (int) Math.min(n, MAX_DRAWN);
        long[] idx = new long[drawn];
        for (int i = 0; i < drawn; i++) {
            idx[i] = drawn == n ? i : (long) Math.floor((double) i * n / drawn);
        }
        return idx;
    }

    private long[] index(long row, long col) {
        long[] g = base.clone();
        if (rowAxis >= 0) {
            g[rowAxis] = row;
        }
        if (colAxis >= 0) {
            g[colAxis] = col;
        }
        return g;
    }

    private int owner(long[] g) {
        try {
            return layout.ownerOf(g);
        } catch (DistributionException e) {
            return -1; // an unstructured axis with several holders
        }
    }

    private void title(Canvas c) {
        double y = 22;
        if (opt.title() != null) {
            c.boldText(10, y, opt.title(), 15, INK, Canvas.Anchor.START);
            y += 20;
        }
        c.text(10, y, titleLine(), 13, INK, Canvas.Anchor.START);
    }

    private String titleLine() {
        StringBuilder kinds = new StringBuilder();
        for (int k = 0; k < layout.ndim(); k++) {
            kinds.append(k == 0 ? "" : ",").append(layout.axes().get(k).kind().code());
        }
        String s = "shape " + tuple(layout.shape()) + "  dist (" + kinds + ")  grid "
                + tuple(layout.grid().shape()) + "  " + holders + (holders == 1 ? " rank" : " ranks")
                + (holders > layout.rankCount() ? " (replicated)" : "");
        if (layout.ndim() > 2) {
            StringBuilder at = new StringBuilder();
            for (int k = 0; k < layout.ndim(); k++) {
                at.append(k == 0 ? "" : ", ").append(k == rowAxis || k == colAxis ? ":" : Long.toString(base[k]));
            }
            s += "  slice [" + at + "]";
        }
        return s;
    }

    static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    static String tuple(int[] v) {
        return tuple(Arrays.stream(v).asLongStream().toArray());
    }

    private void drawCells(Canvas c, long[] rows, long[] cols, double x0, double y0, double cell) {
        boolean showValues = values != null && opt.values() && (long) rows.length * cols.length <= PlotOptions.VALUE_LIMIT
                && cell >= 18;
        boolean showRanks = !showValues && holders > Palette.size() && cell >= 14;
        double font = Math.min(11, cell * 0.42);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                long[] g = index(rows[i], cols[j]);
                int o = owner(g);
                Color fill = o < 0 ? Color.LIGHT_GRAY : Palette.rankColor(o);
                double x = x0 + j * cell;
                double y = y0 + i * cell;
                c.rect(x, y, cell, cell, fill, null);
                if (opt.ghosts() && padded && cell >= 6) {
                    int ghostOf = ghostHolder(g);
                    if (ghostOf >= 0) {
                        c.hatch(x, y, cell, cell, cell * 0.4, Palette.rankColor(ghostOf).darker());
                    }
                }
                if (showValues) {
                    String v = format(values[flat(g)]);
                    double f = Math.min(font, (cell - 2) / (0.6 * Math.max(1, v.length())));
                    c.text(x + cell / 2, y + cell / 2 + f * 0.35, v, f, Palette.textOn(fill), Canvas.Anchor.MIDDLE);
                } else if (showRanks && o >= 0) {
                    c.text(x + cell / 2, y + cell / 2 + font * 0.35, Integer.toString(o), font, Palette.textOn(fill),
                            Canvas.Anchor.MIDDLE);
                }
            }
        }
        if (cell >= 5) {
            for (int i = 0; i <= rows.length; i++) {
                c.line(x0, y0 + i * cell, x0 + cols.length * cell, y0 + i * cell, GRID_LINE, 0.6);
            }
            for (int j = 0; j <= cols.length; j++) {
                c.line(x0 + j * cell, y0, x0 + j * cell, y0 + rows.length * cell, GRID_LINE, 0.6);
            }
        }
        c.rect(x0, y0, cols.length * cell, rows.length * cell, null, INK);
    }

    /** The first rank holding {@code g} as a ghost (held, not owned), or -1. */
    private int ghostHolder(long[] g) {
        for (int r = 0; r < maps.length; r++) {
            if (maps[r].holds(g) && !maps[r].owns(g)) {
                return r;
            }
        }
        return -1;
    }

    private int flat(long[] g) {
        long[] shape = layout.shape();
        long f = 0;
        for (int k = 0; k < shape.length; k++) {
            f = f * shape[k] + g[k];
        }
        return (int) f;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private void axes(Canvas c, long[] rows, long[] cols, double x0, double y0, double cell) {
        double gridW = cols.length * cell;
        double gridH = rows.length * cell;
        int colStep = tickStep(cols.length, cell, 36);
        for (int j = 0; j < cols.length; j += colStep) {
            double x = x0 + (j + 0.5) * cell;
            c.line(x, y0 + gridH, x, y0 + gridH + 4, INK, 1);
            c.text(x, y0 + gridH + 16, Long.toString(cols[j]), 10, INK, Canvas.Anchor.MIDDLE);
        }
        int rowStep = tickStep(rows.length, cell, 16);
        if (rowAxis >= 0) {
            for (int i = 0; i < rows.length; i += rowStep) {
                double y = y0 + (i + 0.5) * cell;
                c.line(x0 - 4, y, x0, y, INK, 1);
                c.text(x0 - 6, y + 3.5, Long.toString(rows[i]), 10, INK, Canvas.Anchor.END);
            }
            c.verticalText(14, y0 + gridH / 2, "axis " + rowAxis + " (rows)", 12, INK);
        }
        if (colAxis >= 0) {
            c.text(x0 + gridW / 2, y0 + gridH + 34, "axis " + colAxis + (rowAxis >= 0 ? " (columns)" : ""), 12, INK,
                    Canvas.Anchor.MIDDLE);
        }
    }

    private static int tickStep(int n, double cell, double minPixels) {
        int[] nice = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500};
        for (int s : nice) {
            if (s * cell >= minPixels || s >= n) {
                return s;
            }
        }
        return 1000;
    }

    private void legend(Canvas c, double x, double y, int perColumn, int shown) {
        for (int r = 0; r < shown; r++) {
            double lx = x + (r / perColumn) * 130;
            double ly = y + (r % perColumn) * 18;
            c.rect(lx, ly, 14, 14, Palette.rankColor(r), INK);
            String label = "rank " + r;
            if (layout.rankCount() == holders && layout.grid().ndim() > 1) {
                label += " " + tuple(layout.grid().coordsOf(r));
            }
            c.text(lx + 20, ly + 11, label, 11, INK, Canvas.Anchor.START);
        }
        if (shown < holders) {
            c.text(x, y + perColumn * 18 + 12, "... " + (holders - shown) + " more ranks (colours repeat)", 11, INK,
                    Canvas.Anchor.START);
        }
    }

    /** The ranks drawn as panels with their local extent along the drawn axes: {rank, rows, cols}. */
    private List<int[]> panelRanks() {
        List<int[]> out = new ArrayList<>();
        if (!opt.rankPanels()) {
            return out;
        }
        for (int r = 0; r < maps.length && out.size() < MAX_PANELS; r++) {
            NdMap m = maps[r];
            boolean holdsSlice = true;
            for (int k = 0; k < base.length; k++) {
                if (k != rowAxis && k != colAxis && !m.dims().get(k).holds(base[k])) {
                    holdsSlice = false;
                }
            }
            long lr = rowAxis < 0 ? 1 : m.dims().get(rowAxis).localSize();
            long lc = colAxis < 0 ? 1 : m.dims().get(colAxis).localSize();
            if (holdsSlice) {
                out.add(new int[] {r, (int) Math.min(lr, MAX_DRAWN), (int) Math.min(lc, MAX_DRAWN)});
            }
        }
        return out;
    }

    /** The rank panels, wrapped in rows across the picture's width. */
    private final class PanelLayout {
        private final List<int[]> ranks;
        private final double cell;
        private final List<double[]> at = new ArrayList<>();
        final double height;

        PanelLayout(List<int[]> ranks, double cell, double width) {
            this.ranks = ranks;
            this.cell = cell;
            double x = 0;
            double y = ranks.isEmpty() ? 0 : 24;
            double rowH = 0;
            for (int[] p : ranks) {
                double w = Math.max(p[2] * cell, 60);
                double h = p[1] * cell + 22;
                if (x > 0 && x + w > width) {
                    x = 0;
                    y += rowH + 10;
                    rowH = 0;
                }
                at.add(new double[] {x, y});
                x += w + 16;
                rowH = Math.max(rowH, h);
            }
            height = ranks.isEmpty() ? 0 : y + rowH + 10;
        }

        void draw(Canvas c, double ox, double oy) {
            if (ranks.isEmpty()) {
                return;
            }
            c.boldText(ox, oy + 14, "local blocks (hatched: padding cells, coloured by the owner of the cell "
                    + "they copy)", 12, INK, Canvas.Anchor.START);
            for (int n = 0; n < ranks.size(); n++) {
                int[] p = ranks.get(n);
                NdMap m = maps[p[0]];
                double px = ox + at.get(n)[0];
                double py = oy + at.get(n)[1];
                c.text(px, py + 12, "rank " + p[0] + " " + tuple(m.localShape()), 11, INK, Canvas.Anchor.START);
                double gy = py + 18;
                for (int i = 0; i < p[1]; i++) {
                    for (int j = 0; j < p[2]; j++) {
                        long[] g = base.clone();
                        if (rowAxis >= 0) {
                            g[rowAxis] = m.dims().get(rowAxis).globalFromLocal(i);
                        }
                        if (colAxis >= 0) {
                            g[colAxis] = m.dims().get(colAxis).globalFromLocal(j);
                        }
                        int o = owner(g);
                        Color col = o < 0 ? Color.LIGHT_GRAY : Palette.rankColor(o);
                        double x = px + j * cell;
                        double y = gy + i * cell;
                        if (m.owns(g)) {
                            c.rect(x, y, cell, cell, col, null);
                        } else {
                            c.rect(x, y, cell, cell, Color.WHITE, null);
                            c.hatch(x, y, cell, cell, 0, col.darker());
                        }
                    }
                }
                c.rect(px, gy, p[2] * cell, p[1] * cell, null, INK);
            }
        }
    }
}
