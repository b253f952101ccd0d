package io.fdbench.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;

/**
 * The look every report chart shares: size, fonts, a colour-blind-safe palette (Okabe–Ito and
 * four more) paired with distinct marker shapes, so curves stay apart when they overlap, and the
 * dashed strokes of reference lines. The chart title is not drawn by XChart: {@link Figure} draws
 * it with the provenance line under it.
 */
public final class ChartStyle {

    /** Pixel width of a chart (and of its figure). */
    public static final int WIDTH = 1000;
    /** Pixel height of the chart part of a figure (the title, provenance and caption add to it). */
    public static final int PLOT_HEIGHT = 560;

    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B),
        new Color(0x7F3C8D), new Color(0x999933),
    };

    /**
     * Filled and hollow shapes alternate and the hollow ones are larger, so where two curves
     * coincide (forward and backward errors at large h, full and incremental evaluation) the
     * later marker rings the earlier one instead of covering it.
     */
    private static final Marker[] MARKERS = {
        new Glyph(Glyph.Shape.CIRCLE, true, 1.0), new Glyph(Glyph.Shape.DIAMOND, false, 1.8),
        new Glyph(Glyph.Shape.SQUARE, true, 0.9), new Glyph(Glyph.Shape.TRIANGLE_UP, false, 1.8),
        new Glyph(Glyph.Shape.CROSS, false, 1.3), new Glyph(Glyph.Shape.CIRCLE, false, 1.9),
        new Glyph(Glyph.Shape.PLUS, false, 1.5), new Glyph(Glyph.Shape.TRIANGLE_DOWN, true, 1.1),
        new Glyph(Glyph.Shape.SQUARE, false, 1.7), new Glyph(Glyph.Shape.DIAMOND, true, 1.1),
    };

    /** Grey of reference lines (slopes, peaks). */
    public static final Color REFERENCE = new Color(0x555555);

    private ChartStyle() {
    }

    /** The i-th series colour (cycles after ten). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The i-th marker shape; with {@link #color} two series differ in both until the 10th. */
    public static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    /** A dashed stroke; {@code pattern} selects one of three dash patterns so several reference lines differ. */
    public static BasicStroke dashed(int pattern) {
        float[][] dashes = {{9f, 5f}, {3f, 3f}, {12f, 3f, 3f, 3f}};
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                dashes[Math.floorMod(pattern, dashes.length)], 0f);
    }

    /** The solid stroke of measured curves (set explicitly: XChart's theme would dash some series). */
    public static BasicStroke solid() {
        return new BasicStroke(1.3f);
    }

    /** Whether a stroke is dashed (tests and callers check that reference lines are). */
    public static boolean isDashed(BasicStroke stroke) {
        return stroke != null && stroke.getDashArray() != null && stroke.getDashArray().length > 0;
    }

    /** An XY chart in the report style; XChart's own title is hidden ({@link Figure} draws it). */
    public static XYChart xyChart(String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PLOT_HEIGHT)
                .title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(0xEBEBEB));
        s.setPlotGridLinesStroke(new BasicStroke(0.8f));
        s.setPlotTicksMarksVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setMarkerSize(8);
        s.setLocale(Locale.ROOT);
        return chart;
    }

    /** A marker shape, filled or drawn as an outline, scaled relative to the chart's marker size. */
    public static final class Glyph extends Marker {

        /** The outline. */
        public enum Shape { CIRCLE, DIAMOND, SQUARE, TRIANGLE_UP, TRIANGLE_DOWN, CROSS, PLUS }

        private final Shape shape;
        private final boolean filled;
        private final double scale;

        public Glyph(Shape shape, boolean filled, double scale) {
            this.shape = shape;
            this.filled = filled;
            this.scale = scale;
        }

        public boolean filled() {
            return filled;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double r = markerSize * scale / 2;
            Path2D.Double p = new Path2D.Double();
            switch (shape) {
                case CIRCLE -> p.append(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), false);
                case SQUARE -> p.append(new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r), false);
                case DIAMOND -> polygon(p, x, y - r, x + r, y, x, y + r, x - r, y);
                case TRIANGLE_UP -> polygon(p, x, y - r, x + r, y + 0.8 * r, x - r, y + 0.8 * r);
                case TRIANGLE_DOWN -> polygon(p, x, y + r, x + r, y - 0.8 * r, x - r, y - 0.8 * r);
                case CROSS -> {
                    p.moveTo(x - r, y - r);
                    p.lineTo(x + r, y + r);
                    p.moveTo(x - r, y + r);
                    p.lineTo(x + r, y - r);
                }
                case PLUS -> {
                    p.moveTo(x - r, y);
                    p.lineTo(x + r, y);
                    p.moveTo(x, y - r);
                    p.lineTo(x, y + r);
                }
                default -> throw new IllegalStateException(shape.name());
            }
            if (filled) {
                g.fill(p);
            } else {
                g.setStroke(new BasicStroke(1.7f));
                g.draw(p);
            }
        }

        private static void polygon(Path2D.Double p, double... xy) {
            p.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                p.lineTo(xy[i], xy[i + 1]);
            }
            p.closePath();
        }
    }

    /** A ring around a point, larger than the series markers: marks the best step of a curve. */
    public static final class Ring extends Marker {

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double d = markerSize * 3.0;
            g.setStroke(new BasicStroke(2.6f));
            g.draw(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
        }
    }
}
