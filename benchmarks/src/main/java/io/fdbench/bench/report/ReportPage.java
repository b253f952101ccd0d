package io.fdbench.bench.report;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Provenance;

import java.util.Base64;
import java.util.List;

/**
 * The report as one self-contained HTML page: every chart (PNG embedded as base64) with its
 * provenance and caption, the key tables, and the list of inputs that were missing. Opens in any
 * browser without the folder beside it.
 */
public final class ReportPage {

    private ReportPage() {
    }

    /**
     * A chart on the page.
     *
     * @param figure the chart
     * @param png    its picture
     * @param file   the PNG file it was also written to, as shown, or ""
     */
    public record Entry(Figure figure, byte[] png, String file) {
    }

    /**
     * @param source   the results folder, as shown
     * @param figures the charts, in order
     * @param tables  the key tables
     * @param missing "file: consequence" per missing input
     */
    public static String html(String source, List<Entry> figures, List<KeyTable> tables, List<String> missing) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>fdbench report: ").append(esc(source)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1060px;margin:2em auto;padding:0 1em;color:#111}\n")
                .append("figure{margin:2em 0;border-top:1px solid #ccc;padding-top:1em}\n")
                .append("img{max-width:100%;height:auto;border:1px solid #ddd}\n")
                .append(".prov{color:#444;font-size:90%}\n.quick{color:#c00000;font-weight:bold}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:90%}\n")
                .append("th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\n.missing li{color:#8a3b00}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>fdbench report</h1>\n<p>Drawn from <code>").append(esc(source)).append("</code>: ")
                .append(figures.size()).append(" chart").append(figures.size() == 1 ? "" : "s").append(", ")
                .append(tables.size()).append(" table").append(tables.size() == 1 ? "" : "s")
                .append(". Each chart names under its title the run it comes from.</p>\n");
        h.append("<h2 id=\"missing\">Missing inputs</h2>\n");
        if (missing.isEmpty()) {
            h.append("<p>None: every input file the report looks for was found.</p>\n");
        } else {
            h.append("<ul class=\"missing\">\n");
            for (String m : missing) {
                h.append("<li>").append(esc(m)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Contents</h2>\n<ol>\n");
        for (Entry e : figures) {
            Figure f = e.figure();
            h.append("<li><a href=\"#").append(esc(f.name())).append("\">").append(esc(f.title())).append("</a></li>\n");
        }
        for (int i = 0; i < tables.size(); i++) {
            h.append("<li><a href=\"#table-").append(i + 1).append("\">").append(esc(tables.get(i).title()))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n<h2>Charts</h2>\n");
        for (Entry e : figures) {
            Figure f = e.figure();
            h.append("<figure id=\"").append(esc(f.name())).append("\">\n<h3>").append(esc(f.title())).append("</h3>\n");
            for (Provenance p : f.provenance()) {
                h.append("<p class=\"prov").append(p.quick() ? " quick" : "").append("\">").append(esc(p.line()))
                        .append("</p>\n");
            }
            h.append("<img alt=\"").append(esc(f.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.png())).append("\">\n");
            h.append("<figcaption>").append(esc(f.caption()));
            if (!e.file().isEmpty()) {
                h.append(" <small>(").append(esc(e.file())).append(")</small>");
            }
            h.append("</figcaption>\n</figure>\n");
        }
        h.append("<h2>Key tables</h2>\n");
        if (tables.isEmpty()) {
            h.append("<p>No table: the files they come from are missing (see above).</p>\n");
        }
        for (int i = 0; i < tables.size(); i++) {
            KeyTable t = tables.get(i);
            h.append("<h3 id=\"table-").append(i + 1).append("\">").append(esc(t.title())).append("</h3>\n<table>\n<tr>");
            for (String c : t.header()) {
                h.append("<th>").append(esc(c)).append("</th>");
            }
            h.append("</tr>\n");
            for (List<String> r : t.rows()) {
                h.append("<tr>");
                for (String c : r) {
                    h.append("<td>").append(esc(c)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            if (!t.note().isEmpty()) {
                h.append("<p class=\"prov\">").append(esc(t.note())).append("</p>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
