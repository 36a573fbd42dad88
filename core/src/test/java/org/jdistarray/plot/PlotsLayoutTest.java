package org.jdistarray.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;
import org.junit.jupiter.api.Test;

/**
 * Pictures of protocol layouts (not collective): the palette, more than 16 ranks (colours cycle, cells carry the
 * rank number), the legend's cap, sampled large axes, always against {@link GlobalLayout#ownerOf}.
 */
class PlotsLayoutTest {
    private static void assertOwnerColours(Picture pic, GlobalLayout l, boolean oneD) {
        BufferedImage img = pic.image();
        for (long i : pic.drawnRows()) {
            for (long j : pic.drawnColumns()) {
                Point2D c = pic.cellCenter(i, j);
                int owner = oneD ? l.ownerOf(j) : l.ownerOf(i, j);
                // probe a pixel off the centre: cells of > 16 ranks print their rank number in the middle
                int rgb = img.getRGB((int) c.getX() - 5, (int) c.getY() - 5);
                assertEquals(Palette.rankColor(owner).getRGB(), rgb, "cell " + i + "," + j);
            }
        }
    }

    @Test
    void sixteenDistinctColoursThenACycle() {
        Set<Integer> seen = new HashSet<>();
        for (int r = 0; r < Palette.size(); r++) {
            seen.add(Palette.rankColor(r).getRGB());
        }
        assertEquals(16, seen.size());
        assertEquals(Palette.rankColor(3), Palette.rankColor(19));
        assertThrows(IllegalArgumentException.class, () -> Palette.rankColor(-1));
    }

    @Test
    void moreThanSixteenRanksCarryTheirNumbers() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {40}, List.of(DistKind.CYCLIC), null, null, 20);
        Picture pic = Plots.distribution(l, PlotOptions.defaults().cellPixels(20));
        assertOwnerColours(pic, l, true);
        String svg = pic.svg();
        for (int r = 0; r < 20; r++) {
            assertTrue(svg.contains(">rank " + r + "</text>"), "legend entry of rank " + r);
            assertTrue(svg.contains(">" + r + "</text>"), "a cell labelled " + r);
        }
    }

    @Test
    void theTitleNamesShapeAxisTypesAndGrid() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {6, 4, 5},
                List.of(DistKind.CYCLIC, DistKind.UNDISTRIBUTED, DistKind.BLOCK), new int[] {2, 1, 3}, null, 6);
        String svg = Plots.distribution(l, PlotOptions.defaults().title("mine").axes(0, 2).at(0, 3, 0)).svg();
        assertTrue(svg.contains(">shape (6, 4, 5)  dist (c,n,b)  grid (2, 1, 3)  6 ranks  slice [:, 3, :]</text>"), svg);
        assertTrue(svg.contains(">mine</text>"), svg);
    }

    @Test
    void theLegendStopsAtSixtyFourRanks() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {100, 100}, List.of(DistKind.BLOCK, DistKind.BLOCK),
                new int[] {10, 10}, null, 100);
        String svg = Plots.distribution(l, PlotOptions.defaults()).svg();
        assertTrue(svg.contains(">rank 63 (6, 3)</text>"), "legend entries name grid coordinates");
        assertTrue(!svg.contains(">rank 64 "), "no legend entry beyond 64");
        assertTrue(svg.contains("... 36 more ranks (colours repeat)"), svg.substring(0, 400));
    }

    @Test
    void largeAxesAreSampledEvenly() {
        GlobalLayout l = GlobalLayout.fromShape(new long[] {1000, 7}, List.of(DistKind.CYCLIC, DistKind.BLOCK),
                new int[] {3, 1}, null, 3);
        Picture pic = Plots.distribution(l, PlotOptions.defaults().cellPixels(12));
        long[] rows = pic.drawnRows();
        assertEquals(LayoutPainter.MAX_DRAWN, rows.length);
        assertEquals(0, rows[0]);
        assertTrue(rows[rows.length - 1] >= 990, "the sample reaches the end: " + rows[rows.length - 1]);
        assertOwnerColours(pic, l, false);
        assertThrows(IllegalArgumentException.class, () -> pic.cellCenter(1, 0)); // row 1 is not drawn
    }

    @Test
    void emptyArraysAndBadOptionsAreRefused() {
        GlobalLayout empty = GlobalLayout.fromShape(new long[] {0, 4}, List.of(DistKind.BLOCK, DistKind.BLOCK),
                null, null, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.distribution(empty, PlotOptions.defaults()));
        assertTrue(e.getMessage().contains("axis 0 has size 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlotOptions.defaults().cellPixels(201));
        assertThrows(IllegalArgumentException.class, () -> PlotOptions.defaults().axes(1, 1));
    }
}
