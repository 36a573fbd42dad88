package org.jdistarray.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javax.imageio.ImageIO;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Pictures checked against the owner map: the pixel at every drawn cell's centre has the colour of
 * {@link Distribution#ownerOf} of that cell; ghost cells carry hatching in the colour of a rank holding the ghost,
 * other cells none; a redistribution picture's cells show a serial count of who sends what to whom.
 */
public abstract class PlotsContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private static final PlotOptions PLAIN = PlotOptions.defaults().cellPixels(20).values(false);

    /** Every drawn cell's centre pixel is the owner's colour. */
    static void assertOwnerColours(Picture pic, Distribution d, Function<long[], long[]> index) {
        BufferedImage img = pic.image();
        for (long i : pic.drawnRows()) {
            for (long j : pic.drawnColumns()) {
                long[] g = index.apply(new long[] {i, j});
                Point2D p = pic.cellCenter(i, j);
                int rgb = img.getRGB((int) p.getX(), (int) p.getY()) & 0xFFFFFF;
                int want = Palette.rankColor(d.ownerOf(g)).getRGB() & 0xFFFFFF;
                assertEquals(Integer.toHexString(want), Integer.toHexString(rgb),
                        "cell " + java.util.Arrays.toString(g) + " of " + d);
            }
        }
    }

    private static Distribution build(Communicator comm, Function<DistributionBuilder, DistributionBuilder> f) {
        return f.apply(Distribution.builder(comm)).build();
    }

    @Test
    void twoDLayoutsColourEveryCellByItsOwner() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            Distribution[] ds = {
                build(comm, b -> b.shape(7, 9)),
                build(comm, b -> b.shape(7, 9).cyclic(1)),
                build(comm, b -> b.shape(7, 9).cyclic(0, 2).block(1)),
                build(comm, b -> b.shape(5, 11).undistributed(0).cyclic(1)),
                build(comm, b -> b.shape(3, 2)), // more ranks than rows: empty blocks
            };
            for (Distribution d : ds) {
                Picture pic = Plots.distribution(d, PLAIN);
                assertEquals(d.shape()[0], pic.drawnRows().length);
                assertEquals(d.shape()[1], pic.drawnColumns().length);
                assertOwnerColours(pic, d, ij -> ij);
                String svg = pic.svg();
                assertTrue(svg.contains("grid " + LayoutPainter.tuple(d.gridShape())), svg);
                for (int r = 0; r < p; r++) {
                    assertTrue(svg.contains(">rank " + r), "legend lists rank " + r);
                }
            }
        });
    }

    @Test
    void oneDAndSlicesOfThreeD() throws Exception {
        onRanks(comm -> {
            Distribution d1 = build(comm, b -> b.shape(13).cyclic(0));
            Picture pic = Plots.distribution(d1, PLAIN);
            assertEquals(1, pic.drawnRows().length);
            assertOwnerColours(pic, d1, ij -> new long[] {ij[1]});
            Distribution d3 = build(comm, b -> b.shape(3, 5, 6).cyclic(2));
            Picture slice = Plots.distribution(d3, PLAIN.axes(0, 2).at(0, -4, 0));
            assertOwnerColours(slice, d3, ij -> new long[] {ij[0], 1, ij[1]});
            assertTrue(slice.svg().contains("slice [:, 1, :]"), slice.svg());
            assertThrows(IllegalArgumentException.class, () -> Plots.distribution(d3, PLAIN.axes(0, 3)));
            assertThrows(IndexOutOfBoundsException.class, () -> Plots.distribution(d3, PLAIN.axes(0, 2).at(0, 5, 0)));
            assertThrows(IllegalArgumentException.class, () -> Plots.distribution(d1, PLAIN.axes(0, 1)));
        });
    }

    @Test
    void ghostCellsAreHatchedInTheHoldersColourAndOthersAreNot() throws Exception {
        onRanks(comm -> {
            Distribution d = build(comm, b -> b.shape(6, 14).grid(1, comm.size()).padding(1, 1, 0));
            Picture pic = Plots.distribution(d, PLAIN.rankPanels(true));
            assertOwnerColours(pic, d, ij -> ij);
            BufferedImage img = pic.image();
            int ghosts = 0;
            for (long i : pic.drawnRows()) {
                for (long j : pic.drawnColumns()) {
                    int holder = -1;
                    for (int r = 0; r < comm.size() && holder < 0; r++) {
                        if (d.mapOf(r).holds(i, j) && !d.mapOf(r).owns(i, j)) {
                            holder = r;
                        }
                    }
                    Color hatch = Palette.rankColor(Math.max(holder, 0)).darker();
                    int n = countInRim(img, pic.cellCenter(i, j), hatch.getRGB());
                    if (holder >= 0) {
                        ghosts++;
                        assertTrue(n >= 10, "ghost cell (" + i + ", " + j + ") has " + n + " hatch pixels");
                    } else {
                        assertEquals(0, n, "cell (" + i + ", " + j + ") is no ghost but has hatch pixels");
                    }
                }
            }
            assertEquals(comm.size() == 1 ? 0 : 6 * 2 * (comm.size() - 1), ghosts);
        });
    }

    /** Pixels of colour {@code rgb} in a cell of 20 px around {@code centre}, outside the free centre square. */
    private static int countInRim(BufferedImage img, Point2D centre, int rgb) {
        int n = 0;
        int cx = (int) centre.getX();
        int cy = (int) centre.getY();
        for (int y = cy - 8; y < cy + 8; y++) {
            for (int x = cx - 8; x < cx + 8; x++) {
                if ((Math.abs(x - cx) > 5 || Math.abs(y - cy) > 5) && img.getRGB(x, y) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void smallArraysShowTheirValues() throws Exception {
        onRanks(comm -> {
            Distribution d = build(comm, b -> b.shape(4, 5).cyclic(1));
            DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> 10 * g[0] + g[1] + 0.5 * (g[1] % 2));
            Picture pic = Plots.distribution(a, PlotOptions.defaults().cellPixels(30), 0);
            if (comm.rank() != 0) {
                assertNull(pic);
                return;
            }
            assertNotNull(pic);
            String svg = pic.svg();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    String v = LayoutPainter.format(10 * i + j + 0.5 * (j % 2));
                    assertTrue(svg.contains(">" + v + "</text>"), "value " + v + " in\n" + svg);
                }
            }
            assertOwnerColours(Plots.distribution(a.distribution(), PLAIN), d, ij -> ij);
        });
    }

    @Test
    void redistributionPictureShowsWhoSendsHowMuchToWhom() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            Distribution from = build(comm, b -> b.shape(9, 8));
            Distribution to = build(comm, b -> b.shape(9, 8).cyclic(0).undistributed(1));
            Redistribution plan = Redistribution.plan(from, to);
            long[][] count = new long[p][p];
            for (long i = 0; i < 9; i++) {
                for (long j = 0; j < 8; j++) {
                    count[from.ownerOf(i, j)][to.ownerOf(i, j)]++;
                }
            }
            long max = 1;
            for (long[] row : count) {
                for (long n : row) {
                    max = Math.max(max, n);
                }
            }
            Picture pic = Plots.redistribution(plan, "block to cyclic");
            BufferedImage img = pic.image();
            for (int s = 0; s < p; s++) {
                for (int t = 0; t < p; t++) {
                    assertEquals(count[s][t], plan.elements(s, t));
                    Point2D c = pic.cellCenter(s, t);
                    // probe left of the centre, clear of the number printed there
                    int rgb = img.getRGB((int) c.getX() - 10, (int) c.getY() - 8) & 0xFFFFFF;
                    Color want = count[s][t] == 0 ? Color.WHITE
                            : PlanPainter.shade(Palette.rankColor(s), (double) count[s][t] / max);
                    assertEquals(Integer.toHexString(want.getRGB() & 0xFFFFFF), Integer.toHexString(rgb),
                            "cell " + s + " -> " + t);
                }
            }
        });
    }

    @Test
    void heatMapCellsHaveTheColourOfTheirValue() throws Exception {
        onRanks(comm -> {
            Distribution d = build(comm, b -> b.shape(5, 13).cyclic(1));
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * g[1] - 3.0)) {
                Picture pic = Plots.values(a, "product", comm.size() - 1);
                if (comm.rank() != comm.size() - 1) {
                    assertNull(pic);
                    return;
                }
                BufferedImage img = pic.image();
                for (long i = 0; i < 5; i++) {
                    for (long j = 0; j < 13; j++) {
                        Point2D c = pic.cellCenter(i, j);
                        Color want = HeatmapPainter.viridis((i * j - 3.0 + 3.0) / 48.0);
                        assertEquals(want.getRGB(), img.getRGB((int) c.getX(), (int) c.getY()), "cell " + i + "," + j);
                    }
                }
            }
            try (DistArray three = DistArrays.zeros(build(comm, b -> b.shape(2, 2, 2)), DType.FLOAT64)) {
                assertThrows(IllegalArgumentException.class, () -> Plots.values(three, null, 0));
            }
        });
    }

    @Test
    void writesPngAndSvgFiles() throws Exception {
        onRanks(comm -> {
            Distribution d = build(comm, b -> b.shape(6, 6).cyclic(0));
            Picture pic = Plots.distribution(d, PLAIN);
            Path dir = Files.createTempDirectory("plots");
            try {
                Path png = dir.resolve("d.png");
                pic.write(png);
                BufferedImage back = ImageIO.read(png.toFile());
                assertEquals(pic.width(), back.getWidth());
                Point2D c = pic.cellCenter(5, 5);
                assertEquals(pic.image().getRGB((int) c.getX(), (int) c.getY()), back.getRGB((int) c.getX(),
                        (int) c.getY()));
                Path svg = dir.resolve("d.svg");
                pic.write(svg);
                assertTrue(Files.readString(svg).startsWith("<?xml"));
                assertThrows(IllegalArgumentException.class, () -> pic.write(dir.resolve("d.gif")));
            } finally {
                try (var s = Files.list(dir)) {
                    s.forEach(f -> f.toFile().delete());
                }
                Files.delete(dir);
            }
        });
    }
}
