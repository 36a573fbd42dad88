package org.jdistarray.plot;

import java.awt.Color;
import java.util.Locale;

/** Draws a 2-D (or 1-D) array of values as a heat map with a colour bar, in the viridis colour map. */
final class HeatmapPainter {
    /** Most pixels per axis: larger arrays are sampled evenly. */
    static final int MAX_PIXELS = 800;
    private static final Color INK = new Color(0x222222);
    /** Viridis at 9 evenly spaced stops (perceptually uniform, readable in grey and with colour-blindness). */
    private static final int[] VIRIDIS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
    };

    private HeatmapPainter() {
    }

    static Color viridis(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        double f = x - i;
        Color a = new Color(VIRIDIS[i]);
        Color b = new Color(VIRIDIS[i + 1]);
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** {@code values} in C order of {@code shape} (1-D or 2-D). */
    static Picture paint(double[] values, long[] shape, String title) {
        long rows = shape.length == 2 ? shape[0] : 1;
        long cols = shape.length == 2 ? shape[1] : shape[0];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double cell = Math.max(1, Math.min(24, Math.floor(640.0 / Math.max(rows, cols))));
        long[] r = sample(rows, (int) Math.min(rows, MAX_PIXELS));
        long[] c = sample(cols, (int) Math.min(cols, MAX_PIXELS));
        if (rows * cell > MAX_PIXELS || cols * cell > MAX_PIXELS) {
            cell = 1;
        }
        double x0 = 60;
        double y0 = title != null ? 62 : 44;
        double w = c.length * cell;
        double h = r.length * cell;
        String line = "shape " + LayoutPainter.tuple(shape) + "  values " + LayoutPainter.format(lo) + " .. "
                + LayoutPainter.format(hi);
        int width = (int) Math.ceil(Math.max(x0 + w + 110, Canvas.textWidth(line, 13) + 20));
        Canvas cv = new Canvas(width, (int) Math.ceil(y0 + h + 50));
        double y = 22;
        if (title != null) {
            cv.boldText(10, y, title, 15, INK, Canvas.Anchor.START);
            y += 20;
        }
        cv.text(10, y, line, 13, INK, Canvas.Anchor.START);
        double span = hi - lo;
        for (int i = 0; i < r.length; i++) {
            // one rectangle per run of equal colour keeps the SVG small
            int j = 0;
            while (j < c.length) {
                Color col = viridis(span == 0 ? 0.5 : (values[(int) (r[i] * cols + c[j])] - lo) / span);
                int k = j + 1;
                while (k < c.length && viridis(span == 0 ? 0.5 : (values[(int) (r[i] * cols + c[k])] - lo) / span)
                        .equals(col)) {
                    k++;
                }
                cv.rect(x0 + j * cell, y0 + i * cell, (k - j) * cell, cell, col, null);
                j = k;
            }
        }
        cv.rect(x0, y0, w, h, null, INK);
        double bx = x0 + w + 20;
        int steps = 64;
        for (int s = 0; s < steps; s++) {
            cv.rect(bx, y0 + h - (s + 1) * h / steps, 16, h / steps + 0.5, viridis((s + 0.5) / steps), null);
        }
        cv.rect(bx, y0, 16, h, null, INK);
        cv.text(bx + 20, y0 + 10, LayoutPainter.format(hi), 10, INK, Canvas.Anchor.START);
        cv.text(bx + 20, y0 + h, LayoutPainter.format(lo), 10, INK, Canvas.Anchor.START);
        cv.text(x0 + w / 2, y0 + h + 18, String.format(Locale.ROOT, "axis %d (%d columns)", shape.length - 1, cols),
                11, INK, Canvas.Anchor.MIDDLE);
        if (shape.length == 2) {
            cv.verticalText(20, y0 + h / 2, "axis 0 (" + rows + " rows)", 11, INK);
        }
        return new Picture(cv, new Picture.Grid(x0, y0, cell, r, c));
    }

    private static long[] sample(long n, int drawn) {
        long[] idx = new long[drawn];
        for (int i = 0; i < drawn; i++) {
            idx[i] = drawn == n ? i : (long) Math.floor((double) i * n / drawn);
        }
        return idx;
    }
}
