package org.jdistarray.plot;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A drawn picture (from {@link Plots}): write it as PNG or SVG, or look at its pixels. Both formats show the same
 * drawing. Rendering is headless: no display is needed.
 */
public final class Picture {
    private final Canvas canvas;
    private final Grid grid;
    private BufferedImage image;

    Picture(Canvas canvas, Grid grid) {
        this.canvas = canvas;
        this.grid = grid;
    }

    /** Where the cells of the main grid are: origin, cell size, the global index of each drawn row and column. */
    record Grid(double x0, double y0, double cell, long[] rowIndex, long[] colIndex) {
    }

    /** <b>Not collective.</b> Width in pixels. */
    public int width() {
        return canvas.width();
    }

    /** <b>Not collective.</b> Height in pixels. */
    public int height() {
        return canvas.height();
    }

    /** <b>Not collective.</b> The picture as an RGB image (rendered once, then cached: do not modify it). */
    public synchronized BufferedImage image() {
        if (image == null) {
            image = canvas.toImage();
        }
        return image;
    }

    /** <b>Not collective.</b> The picture as an SVG document. */
    public String svg() {
        return canvas.toSvg();
    }

    /**
     * <b>Not collective.</b> Writes the picture to {@code file}, as SVG if its name ends with {@code .svg}, as PNG
     * if it ends with {@code .png}.
     *
     * @throws IllegalArgumentException for another file name extension
     * @throws UncheckedIOException if writing fails
     */
    public void write(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".svg")) {
                Files.writeString(file, svg(), StandardCharsets.UTF_8);
            } else if (name.endsWith(".png")) {
                if (!ImageIO.write(image(), "png", file.toFile())) {
                    throw new IOException("no PNG writer available");
                }
            } else {
                throw new IllegalArgumentException("cannot tell the picture format of '" + file.getFileName()
                        + "': the name must end with .png or .svg");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * <b>Not collective.</b> The pixel centre of the cell drawn for global row index {@code row} and column index
     * {@code col} of the main grid (a 1-D picture has the single row 0; a redistribution picture has sender rows
     * and receiver columns).
     *
     * @throws IllegalArgumentException if that cell is not drawn (large arrays draw a sample of their indices)
     */
    public Point2D cellCenter(long row, long col) {
        int i = find(grid.rowIndex(), row, "row");
        int j = find(grid.colIndex(), col, "column");
        return new Point2D.Double(grid.x0() + (j + 0.5) * grid.cell(), grid.y0() + (i + 0.5) * grid.cell());
    }

    /** <b>Not collective.</b> The global row indices drawn, top to bottom (a copy). */
    public long[] drawnRows() {
        return grid.rowIndex().clone();
    }

    /** <b>Not collective.</b> The global column indices drawn, left to right (a copy). */
    public long[] drawnColumns() {
        return grid.colIndex().clone();
    }

    private static int find(long[] drawn, long index, String what) {
        int i = java.util.Arrays.binarySearch(drawn, index);
        if (i < 0) {
            throw new IllegalArgumentException(what + " index " + index + " is not drawn (the picture shows "
                    + drawn.length + " " + what + "s)");
        }
        return i;
    }
}
