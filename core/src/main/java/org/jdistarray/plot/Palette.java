package org.jdistarray.plot;

import java.awt.Color;

/**
 * The rank colours: Okabe and Ito's eight colour-blind-safe colours, then Paul Tol's muted set for ranks 8 to 15;
 * beyond 16 ranks the colours repeat and every cell and legend entry carries its rank number, so a repeated colour
 * is never the only clue.
 */
public final class Palette {
    private static final int[] RGB = {
        // Okabe-Ito (black replaced by grey so that black text stays readable on it)
        0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x999999,
        // Paul Tol's muted scheme
        0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0xAA4499,
    };

    private Palette() {
    }

    /** <b>Not collective.</b> Number of distinct colours before the cycle repeats (16). */
    public static int size() {
        return RGB.length;
    }

    /** <b>Not collective.</b> The colour of rank {@code rank} (cycling beyond {@link #size()}). */
    public static Color rankColor(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank " + rank + " is negative");
        }
        return new Color(RGB[rank % RGB.length]);
    }

    /** <b>Not collective.</b> Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double y = 0.2126 * lin(background.getRed()) + 0.7152 * lin(background.getGreen())
                + 0.0722 * lin(background.getBlue());
        return y > 0.22 ? Color.BLACK : Color.WHITE;
    }

    private static double lin(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
