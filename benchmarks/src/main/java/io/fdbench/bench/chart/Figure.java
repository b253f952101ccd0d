package io.fdbench.bench.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of the report as a reader sees it: the title, the provenance of every results file
 * it draws from (one line each, under the title), the XChart chart and a caption saying what is
 * drawn and what is left out. {@link #image} draws all of it into one picture.
 *
 * @param name       file stem, e.g. {@code kernel-gflops}
 * @param title      the headline
 * @param provenance one entry per results file the chart reads
 * @param chart      the XChart chart (its own title hidden; see {@link ChartStyle#xyChart})
 * @param caption    what the chart shows, how to read it, and what it leaves out
 */
public record Figure(String name, String title, List<Provenance> provenance, Chart<?, ?> chart, String caption) {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LINE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font QUICK = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Color QUICK_COLOR = new Color(0xC00000);
    private static final int PAD = 12;

    public Figure {
        provenance = List.copyOf(provenance);
    }

    /** The lines printed under the title. */
    public List<String> provenanceLines() {
        return provenance.stream().map(Provenance::line).toList();
    }

    /** Whether any input is a quick run (its line is printed in red). */
    public boolean quick() {
        return provenance.stream().anyMatch(Provenance::quick);
    }

    /** Title, provenance lines, the chart and the caption, top to bottom, on white. */
    public BufferedImage image() {
        int width = chart.getWidth();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        List<String> captionLines = wrap(caption, pg.getFontMetrics(LINE), width - 2 * PAD);
        List<String> headLines = new ArrayList<>();
        List<Boolean> headQuick = new ArrayList<>();
        for (Provenance p : provenance) {
            for (String line : wrap(p.line(), pg.getFontMetrics(QUICK), width - 2 * PAD)) {
                headLines.add(line);
                headQuick.add(p.quick());
            }
        }
        int titleHeight = pg.getFontMetrics(TITLE).getHeight();
        int lineHeight = pg.getFontMetrics(LINE).getHeight();
        pg.dispose();
        int header = PAD + titleHeight + headLines.size() * lineHeight + PAD / 2;
        int footer = captionLines.isEmpty() ? 0 : PAD / 2 + captionLines.size() * lineHeight + PAD;
        BufferedImage image = new BufferedImage(width, header + chart.getHeight() + footer, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int y = PAD + g.getFontMetrics(TITLE).getAscent();
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, y);
        y += g.getFontMetrics(TITLE).getDescent();
        for (int i = 0; i < headLines.size(); i++) {
            boolean quick = headQuick.get(i);
            g.setFont(quick ? QUICK : LINE);
            g.setColor(quick ? QUICK_COLOR : Color.DARK_GRAY);
            y += lineHeight;
            g.drawString(headLines.get(i), PAD, y - g.getFontMetrics().getDescent());
        }
        Graphics2D cg = (Graphics2D) g.create(0, header, width, chart.getHeight());
        chart.paint(cg, width, chart.getHeight());
        cg.dispose();
        g.setFont(LINE);
        g.setColor(Color.BLACK);
        y = header + chart.getHeight() + PAD / 2;
        for (String line : captionLines) {
            y += lineHeight;
            g.drawString(line, PAD, y - g.getFontMetrics().getDescent());
        }
        g.dispose();
        return image;
    }

    /** {@link #image} as PNG bytes. */
    public byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image(), "png", out);
        return out.toByteArray();
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** A file-name-safe form of a chart name. */
    public static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "chart" : out;
    }
}
