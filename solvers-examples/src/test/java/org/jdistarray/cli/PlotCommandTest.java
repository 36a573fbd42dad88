package org.jdistarray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.jdistarray.plot.Palette;
import org.jdistarray.plot.Picture;
import org.jdistarray.plot.PlotOptions;
import org.jdistarray.plot.Plots;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdistarray plot}: the written PNG's cell centres have the owners' colours; SVG; bad input exits 2. */
class PlotCommandTest {
    @TempDir
    Path dir;

    @Test
    void pngCellsHaveTheOwnersColours() throws Exception {
        Path png = dir.resolve("dist.png");
        CliRun run = CliRun.of("plot", "--shape", "24,20", "--dist", "b,c", "--grid", "2,2", "--cell", "10", "-o",
                png.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("wrote " + png), run.out());
        BufferedImage img = ImageIO.read(png.toFile());
        GlobalLayout layout = GlobalLayout.fromShape(new long[] {24, 20}, List.of(DistKind.BLOCK, DistKind.CYCLIC),
                new int[] {2, 2}, null, 4);
        Picture same = Plots.distribution(layout, PlotOptions.defaults().cellPixels(10));
        assertEquals(same.width(), img.getWidth());
        for (long i = 0; i < 24; i++) {
            for (long j = 0; j < 20; j++) {
                Point2D c = same.cellCenter(i, j);
                assertEquals(Palette.rankColor(layout.ownerOf(i, j)).getRGB(), img.getRGB((int) c.getX(),
                        (int) c.getY()), "cell " + i + "," + j);
            }
        }
    }

    @Test
    void svgGhostsValuesAndPlans() throws Exception {
        Path svg = dir.resolve("g.svg");
        CliRun run = CliRun.of("plot", "--shape", "6,8", "--grid", "2,2", "--ghosts", "1", "--panels", "--values",
                "--title", "ghosts", "-o", svg.toString());
        assertEquals(0, run.code(), run.err());
        String text = Files.readString(svg);
        assertTrue(text.contains(">47</text>") && text.contains("clipPath") && text.contains(">ghosts</text>"), text);
        Path plan = dir.resolve("plan.png");
        run = CliRun.of("plot", "--shape", "8,8", "--grid", "2,1", "--to", "n,b", "-o", plan.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(ImageIO.read(plan.toFile()).getWidth() > 100);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String out = dir.resolve("x.gif").toString();
        CliRun run = CliRun.of("plot", "--shape", "4,4", "--grid", "2,1", "-o", out);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("must end with .png or .svg"), run.err());
        run = CliRun.of("plot", "--shape", "4,4", "--grid", "2,1", "--axes", "0,0", "-o", dir.resolve("a.png").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("must differ"), run.err());
        run = CliRun.of("plot", "--shape", "4,4", "-o", dir.resolve("a.png").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--grid or --ranks"), run.err());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
    }
}
