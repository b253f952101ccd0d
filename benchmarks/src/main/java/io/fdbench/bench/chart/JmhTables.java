package io.fdbench.bench.chart;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.List;

/** Row access shared by the timing charts: a JMH table's rows as {@link JmhRow}s. */
public final class JmhTables {

    private JmhTables() {
    }

    /** The rows of a JMH CSV; a table without JMH's leading columns is an error naming what is missing. */
    public static List<JmhRow> rows(CsvTable t) {
        if (t.header().size() < JmhCsv.COLUMNS.size()
                || !t.header().subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS)) {
            throw new IllegalArgumentException("not a JMH CSV: the header does not start with " + JmhCsv.COLUMNS);
        }
        List<JmhRow> rows = new ArrayList<>();
        for (List<String> cells : t.rows()) {
            rows.add(new JmhRow(t.header(), cells));
        }
        return rows;
    }

    /** Whether the row sets {@code @Param name} to {@code value}. */
    public static boolean is(JmhRow r, String name, String value) {
        return r.param(name).map(value::equals).orElse(false);
    }

    /** The cell of a column the row may lack: empty when the column is absent. */
    public static String cell(JmhRow r, List<String> header, String column) {
        return header.contains(column) ? r.cell(column) : "";
    }

    /** The last segment of a benchmark name: {@code ...GradientCostBenchmark.backprop} → {@code backprop}. */
    public static String method(JmhRow r) {
        String b = r.benchmark();
        int colon = b.indexOf(':');
        String primary = colon < 0 ? b : b.substring(0, colon);
        return primary.substring(primary.lastIndexOf('.') + 1);
    }

    /** A caption sentence about the points drawn without an error bar, or "" when there are none. */
    public static String unknownErrorNote(DotPlot plot) {
        StringBuilder sb = new StringBuilder();
        List<String> unknown = plot.unknownErrors();
        if (unknown.isEmpty()) {
            sb.append("Every point has its error bar.");
        } else {
            sb.append("Error unknown (JMH reported NaN: a quick run or a single sample), so no bar, for ")
                    .append(unknown.size()).append(" point").append(unknown.size() == 1 ? "" : "s").append(": ")
                    .append(String.join("; ", unknown.size() > 8 ? unknown.subList(0, 8) : unknown))
                    .append(unknown.size() > 8 ? "; ..." : "").append(".");
        }
        if (plot.clipped() > 0) {
            sb.append(" ").append(plot.clipped()).append(" bar end").append(plot.clipped() == 1 ? " reaches" : "s reach")
                    .append(" zero or infinity and ").append(plot.clipped() == 1 ? "is" : "are")
                    .append(" cut at the edge of the plot.");
        }
        return sb.toString();
    }

    /** The index of {@code column}; a table without it cannot be drawn. */
    public static int require(CsvTable t, String column) {
        int i = t.column(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "'");
        }
        return i;
    }
}
