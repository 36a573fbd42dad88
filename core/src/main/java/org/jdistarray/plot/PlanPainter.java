package org.jdistarray.plot;

import java.awt.Color;

import org.jdistarray.dist.Redistribution;

/** Draws a redistribution plan as a sender x receiver matrix of element counts with per-rank totals. */
final class PlanPainter {
    /** Most ranks drawn as a matrix. */
    static final int MAX_RANKS = 64;
    private static final Color INK = new Color(0x222222);

    private PlanPainter() {
    }

    static Picture paint(Redistribution plan, String title) {
        int p = plan.from().communicator().size();
        if (p > MAX_RANKS) {
            throw new IllegalArgumentException("a redistribution picture shows at most " + MAX_RANKS
                    + " ranks; this plan has " + p + " (use explain() for the numbers)");
        }
        double cell = Math.max(14, Math.min(56, Math.floor(480.0 / p)));
        double x0 = 90;
        double y0 = (title != null ? 62 : 44) + 30;
        double gridW = p * cell;
        long max = 1;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                max = Math.max(max, plan.elements(s, t));
            }
        }
        long moved = 0;
        long kept = 0;
        for (int r = 0; r < p; r++) {
            moved += plan.elementsSent(r);
            kept += plan.elementsLocal(r);
        }
        String line = "redistribution (" + plan.kind() + ") " + LayoutPainter.tuple(plan.from().shape()) + " grid "
                + LayoutPainter.tuple(plan.from().gridShape()) + " -> " + LayoutPainter.tuple(plan.to().shape())
                + " grid " + LayoutPainter.tuple(plan.to().gridShape()) + ": " + moved + " elements sent, " + kept
                + " kept";
        double totalsX = x0 + gridW + 20;
        double titleW = Math.max(Canvas.textWidth(line, 13), title == null ? 0 : Canvas.textWidth(title, 15) * 1.1);
        int width = (int) Math.ceil(Math.max(Math.max(totalsX + 190, 460), titleW + 20));
        int height = (int) Math.ceil(y0 + gridW + 70);
        Canvas c = new Canvas(width, height);
        double y = 22;
        if (title != null) {
            c.boldText(10, y, title, 15, INK, Canvas.Anchor.START);
            y += 20;
        }
        c.text(10, y, line, 13, INK, Canvas.Anchor.START);
        boolean numbers = cell >= 28;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                long n = plan.elements(s, t);
                double x = x0 + t * cell;
                double yy = y0 + s * cell;
                Color fill = n == 0 ? Color.WHITE : shade(Palette.rankColor(s), (double) n / max);
                c.rect(x, yy, cell, cell, fill, new Color(0xBBBBBB));
                if (s == t) {
                    c.rect(x + 1.5, yy + 1.5, cell - 3, cell - 3, null, INK);
                }
                if (numbers && n > 0) {
                    c.text(x + cell / 2, yy + cell / 2 + 4, compact(n), Math.min(11, cell / 4), Palette.textOn(fill),
                            Canvas.Anchor.MIDDLE);
                }
            }
        }
        c.rect(x0, y0, gridW, gridW, null, INK);
        for (int r = 0; r < p; r++) {
            double mid = (r + 0.5) * cell;
            if (p <= 32 || r % 4 == 0) {
                c.text(x0 + mid, y0 - 6, Integer.toString(r), 10, INK, Canvas.Anchor.MIDDLE);
                c.text(x0 - 6, y0 + mid + 3.5, Integer.toString(r), 10, INK, Canvas.Anchor.END);
            }
            if (p <= 24) {
                c.text(totalsX, y0 + mid + 3.5, "sends " + compact(plan.elementsSent(r)) + ", receives "
                        + compact(plan.elementsReceived(r)), 10, INK, Canvas.Anchor.START);
            }
        }
        c.text(x0 + gridW / 2, y0 - 20, "to rank", 12, INK, Canvas.Anchor.MIDDLE);
        c.verticalText(20, y0 + gridW / 2, "from rank", 12, INK);
        c.text(x0, y0 + gridW + 20, "cells: elements sent (diagonal, outlined: kept on the rank);", 11, INK,
                Canvas.Anchor.START);
        c.text(x0, y0 + gridW + 36, "colour: the sender, darker = more", 11, INK, Canvas.Anchor.START);
        long[] rows = new long[p];
        for (int r = 0; r < p; r++) {
            rows[r] = r;
        }
        return new Picture(c, new Picture.Grid(x0, y0, cell, rows, rows));
    }

    /** {@code base} mixed with white: light for small amounts, the full colour for the largest. */
    static Color shade(Color base, double fraction) {
        double f = 0.25 + 0.75 * Math.max(0, Math.min(1, fraction));
        return new Color(mix(base.getRed(), f), mix(base.getGreen(), f), mix(base.getBlue(), f));
    }

    private static int mix(int c, double f) {
        return (int) Math.round(255 - (255 - c) * f);
    }

    static String compact(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000) {
            return Math.round(n / 1000.0) + "k";
        }
        return Math.round(n / 1_000_000.0) + "M";
    }
}
