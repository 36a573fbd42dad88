package org.jdistarray.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A display list of rectangles, lines and text, painted either with Java2D (PNG) or written as SVG, so both
 * formats show exactly the same picture.
 */
final class Canvas {
    /** Text anchor: where the given x lies in the text. */
    enum Anchor { START, MIDDLE, END }

    private sealed interface Op permits Rect, Line, Text, Hatch {
    }

    private record Rect(double x, double y, double w, double h, Color fill, Color stroke) implements Op {
    }

    private record Line(double x1, double y1, double x2, double y2, Color color, double width) implements Op {
    }

    private record Text(double x, double y, String text, double size, Color color, Anchor anchor, boolean bold,
                        boolean vertical) implements Op {
    }

    /** Diagonal lines inside a rectangle, leaving a centred square of side {@code keep} free. */
    private record Hatch(double x, double y, double w, double h, double keep, Color color) implements Op {
    }

    private final int width;
    private final int height;
    private final List<Op> ops = new ArrayList<>();

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        rect(0, 0, width, height, Color.WHITE, null);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        ops.add(new Rect(x, y, w, h, fill, stroke));
    }

    void line(double x1, double y1, double x2, double y2, Color color, double lineWidth) {
        ops.add(new Line(x1, y1, x2, y2, color, lineWidth));
    }

    void text(double x, double y, String s, double size, Color color, Anchor anchor) {
        ops.add(new Text(x, y, s, size, color, anchor, false, false));
    }

    void boldText(double x, double y, String s, double size, Color color, Anchor anchor) {
        ops.add(new Text(x, y, s, size, color, anchor, true, false));
    }

    /** Text rotated by -90 degrees (reading upwards), centred on {@code (x, y)}. */
    void verticalText(double x, double y, String s, double size, Color color) {
        ops.add(new Text(x, y, s, size, color, Anchor.MIDDLE, false, true));
    }

    void hatch(double x, double y, double w, double h, double keep, Color color) {
        ops.add(new Hatch(x, y, w, h, keep, color));
    }

    static double textWidth(String s, double size) {
        return s.length() * size * 0.6; // a conservative estimate for layout (SVG has no metrics here)
    }

    BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (Op op : ops) {
                paint(g, op);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void paint(Graphics2D g, Op op) {
        if (op instanceof Rect r) {
            Rectangle2D.Double box = new Rectangle2D.Double(r.x, r.y, r.w, r.h);
            if (r.fill != null) {
                g.setColor(r.fill);
                g.fill(box);
            }
            if (r.stroke != null) {
                g.setColor(r.stroke);
                g.setStroke(new BasicStroke(1f));
                g.draw(box);
            }
        } else if (op instanceof Line l) {
            g.setColor(l.color);
            g.setStroke(new BasicStroke((float) l.width));
            g.draw(new java.awt.geom.Line2D.Double(l.x1, l.y1, l.x2, l.y2));
        } else if (op instanceof Text t) {
            Font font = new Font(Font.SANS_SERIF, t.bold ? Font.BOLD : Font.PLAIN, (int) Math.round(t.size));
            g.setFont(font);
            g.setColor(t.color);
            FontMetrics fm = g.getFontMetrics();
            int w = fm.stringWidth(t.text);
            double dx = t.anchor == Anchor.START ? 0 : t.anchor == Anchor.MIDDLE ? -w / 2.0 : -w;
            if (t.vertical) {
                Graphics2D r = (Graphics2D) g.create();
                r.translate(t.x, t.y);
                r.rotate(-Math.PI / 2);
                r.drawString(t.text, (float) dx, (float) (fm.getAscent() / 2.0 - 1));
                r.dispose();
            } else {
                g.drawString(t.text, (float) (t.x + dx), (float) t.y);
            }
        } else if (op instanceof Hatch h) {
            Graphics2D c = (Graphics2D) g.create();
            Shape clip = hatchClip(h);
            c.clip(clip);
            c.setColor(h.color);
            c.setStroke(new BasicStroke(1.5f));
            double step = 5;
            for (double d = -h.h; d < h.w; d += step) {
                c.draw(new java.awt.geom.Line2D.Double(h.x + d, h.y + h.h, h.x + d + h.h, h.y));
            }
            c.dispose();
        }
    }

    private static Shape hatchClip(Hatch h) {
        java.awt.geom.Area a = new java.awt.geom.Area(new Rectangle2D.Double(h.x, h.y, h.w, h.h));
        if (h.keep > 0) {
            a.subtract(new java.awt.geom.Area(new Rectangle2D.Double(h.x + (h.w - h.keep) / 2,
                    h.y + (h.h - h.keep) / 2, h.keep, h.keep)));
        }
        return a;
    }

    String toSvg() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\">\n");
        int clip = 0;
        for (Op op : ops) {
            if (op instanceof Rect r) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\""
                        + " fill=\"%s\"%s/>\n", r.x, r.y, r.w, r.h, r.fill == null ? "none" : hex(r.fill),
                        r.stroke == null ? "" : " stroke=\"" + hex(r.stroke) + "\" stroke-width=\"1\""));
            } else if (op instanceof Line l) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\""
                        + " stroke=\"%s\" stroke-width=\"%.2f\"/>\n", l.x1, l.y1, l.x2, l.y2, hex(l.color), l.width));
            } else if (op instanceof Text t) {
                String anchor = t.anchor == Anchor.START ? "start" : t.anchor == Anchor.MIDDLE ? "middle" : "end";
                String pos = t.vertical
                        ? String.format(Locale.ROOT, "x=\"0\" y=\"0\" dominant-baseline=\"central\""
                                + " transform=\"translate(%.2f %.2f) rotate(-90)\"", t.x, t.y)
                        : String.format(Locale.ROOT, "x=\"%.2f\" y=\"%.2f\"", t.x, t.y);
                sb.append(String.format(Locale.ROOT, "<text %s font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\"%s>",
                        pos, t.size, hex(t.color), anchor, t.bold ? " font-weight=\"bold\"" : ""))
                        .append(escape(t.text)).append("</text>\n");
            } else if (op instanceof Hatch h) {
                String id = "h" + clip++;
                sb.append(String.format(Locale.ROOT, "<clipPath id=\"%s\"><path clip-rule=\"evenodd\" d=\"M%.2f %.2fh%.2fv%.2fh%.2fz",
                        id, h.x, h.y, h.w, h.h, -h.w));
                if (h.keep > 0) {
                    sb.append(String.format(Locale.ROOT, "M%.2f %.2fh%.2fv%.2fh%.2fz", h.x + (h.w - h.keep) / 2,
                            h.y + (h.h - h.keep) / 2, h.keep, h.keep, -h.keep));
                }
                sb.append("\"/></clipPath><g clip-path=\"url(#").append(id).append(")\" stroke=\"")
                        .append(hex(h.color)).append("\" stroke-width=\"1.5\">");
                for (double d = -h.h; d < h.w; d += 5) {
                    sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>",
                            h.x + d, h.y + h.h, h.x + d + h.h, h.y));
                }
                sb.append("</g>\n");
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
