package io.fdbench.bench.suite;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.TextTable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short table printed after a suite run: one line per primary result (secondary
 * {@code -prof} rows are in the CSV only) with benchmark, parameters, score ± error, unit and the
 * family's derived columns.
 */
public final class Summary {

    private Summary() {
    }

    public static void print(List<SuiteRunner.Outcome> outcomes, PrintStream out) {
        for (SuiteRunner.Outcome o : outcomes) {
            out.println();
            out.println("== " + o.family().name() + " (kernel in forks: " + o.forks().get("kernel.best") + ")");
            List<String> columns = new ArrayList<>(o.family().derived().names());
            columns.add(ForkAgreement.COLUMN);
            print(o.table(), columns, out);
            List<String> flagged = new ArrayList<>();
            for (List<String> cells : o.table().rows()) {
                JmhRow row = new JmhRow(o.table(), cells);
                if (!row.secondary() && ForkAgreement.disagrees(row)) {
                    flagged.add(TextTable.shortName(row.benchmark()) + " " + row.cell(ForkAgreement.COLUMN));
                }
            }
            if (!flagged.isEmpty()) {
                out.println("WARNING: " + flagged.size() + " row(s) whose forks disagree beyond their 99.9 % error"
                        + " bars (a JIT outcome that differs between JVMs; the pooled score hides it): "
                        + String.join("; ", flagged));
            }
            if (!o.forks().simdAvailable()) {
                out.println("note: simd not measured: " + o.forks().get("kernel.simd"));
            }
            out.println("wrote " + o.csv() + ", " + o.json().getFileName() + " (JMH JSON) and " + o.env().getFileName());
        }
    }

    /** Prints one table. */
    public static void print(CsvTable table, List<String> derived, PrintStream out) {
        List<String> paramCols = new ArrayList<>();
        for (String h : table.header()) {
            if (h.startsWith(JmhCsv.PARAM_PREFIX)) {
                paramCols.add(h);
            }
        }
        List<String[]> lines = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("Benchmark", "Params", "Score", "Error", "Unit"));
        head.addAll(derived);
        lines.add(head.toArray(new String[0]));
        for (List<String> cells : table.rows()) {
            JmhRow row = new JmhRow(table.header(), cells);
            if (row.secondary()) {
                continue;
            }
            List<String> l = new ArrayList<>();
            l.add(TextTable.shortName(row.benchmark()));
            StringBuilder ps = new StringBuilder();
            for (String pc : paramCols) {
                String v = row.cell(pc);
                if (!v.isEmpty()) {
                    ps.append(ps.length() == 0 ? "" : " ").append(pc.substring(JmhCsv.PARAM_PREFIX.length()))
                            .append('=').append(v);
                }
            }
            l.add(ps.toString());
            l.add(String.format(Locale.ROOT, "%.3f", row.score()));
            double err = row.scoreError();
            l.add(Double.isNaN(err) ? "" : String.format(Locale.ROOT, "± %.3f", err));
            l.add(row.unit());
            for (String d : derived) {
                l.add(row.cell(d));
            }
            lines.add(l.toArray(new String[0]));
        }
        TextTable.print(lines, i -> i >= 2 && i != 4, out);
    }
}
