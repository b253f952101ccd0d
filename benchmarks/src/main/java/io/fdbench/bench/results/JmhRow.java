package io.fdbench.bench.results;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Named access to one row of a JMH CSV, for {@link DerivedColumns} functions. */
public final class JmhRow {

    private final List<String> header;
    private final List<String> cells;
    private final CsvTable table;

    public JmhRow(List<String> header, List<String> cells) {
        this(header, cells, null);
    }

    /** A row of {@code table}, which {@link #secondaryResult(String)} searches for the row's secondary results. */
    public JmhRow(CsvTable table, List<String> cells) {
        this(table.header(), cells, table);
    }

    private JmhRow(List<String> header, List<String> cells, CsvTable table) {
        this.header = header;
        this.cells = cells;
        this.table = table;
    }

    /**
     * The secondary result {@code label} of this primary row (an {@code @AuxCounters} counter such
     * as {@code :mflop}, or a {@code -prof} row): the row named {@code benchmark:label} with the
     * same parameters, in the table this row was read from.
     */
    public Optional<JmhRow> secondaryResult(String label) {
        if (table == null) {
            return Optional.empty();
        }
        String name = benchmark() + ":" + label;
        for (List<String> other : table.rows()) {
            JmhRow r = new JmhRow(table, other);
            if (r.benchmark().equals(name) && sameParams(r)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private boolean sameParams(JmhRow other) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(JmhCsv.PARAM_PREFIX) && !cells.get(i).equals(other.cells.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The table's column names. */
    public List<String> header() {
        return header;
    }

    /** The row's cells, in header order. */
    public List<String> cells() {
        return cells;
    }

    /** The cell of a column; throws if the column is absent. */
    public String cell(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "'");
        }
        return cells.get(i);
    }

    /** Full benchmark name, e.g. {@code io.fdbench.bench.kernel.KernelBenchmark.gemm}, or with a
     *  {@code :label} suffix for secondary results ({@code -prof gc}, percentiles). */
    public String benchmark() {
        return cell("Benchmark");
    }

    /** Whether this row is a secondary result (profiler counter, percentile). */
    public boolean secondary() {
        return benchmark().contains(":");
    }

    public String mode() {
        return cell("Mode");
    }

    public String unit() {
        return cell("Unit");
    }

    public double score() {
        return Num.parse(cell("Score"));
    }

    public double scoreError() {
        return Num.parse(cell("Score Error (99.9%)"));
    }

    /** The value of {@code @Param name}, if the CSV has that column and the row sets it. */
    public Optional<String> param(String name) {
        int i = header.indexOf(JmhCsv.PARAM_PREFIX + name);
        return i < 0 || cells.get(i).isEmpty() ? Optional.empty() : Optional.of(cells.get(i));
    }

    /**
     * Seconds per operation from the score and its unit: {@code X/op} (avgt, sample, ss) or
     * {@code ops/X} (thrpt) with X one of JMH's time units. Empty for other units ({@code B/op},
     * {@code MB/sec}) or a non-positive score.
     */
    public OptionalDouble secondsPerOp() {
        String u = unit().trim().toLowerCase(Locale.ROOT);
        double score = score();
        if (!(score > 0) || Double.isInfinite(score)) {
            return OptionalDouble.empty();
        }
        if (u.endsWith("/op")) {
            double s = secondsOf(u.substring(0, u.length() - 3));
            return Double.isNaN(s) ? OptionalDouble.empty() : OptionalDouble.of(score * s);
        }
        if (u.startsWith("ops/")) {
            double s = secondsOf(u.substring(4));
            return Double.isNaN(s) ? OptionalDouble.empty() : OptionalDouble.of(s / score);
        }
        return OptionalDouble.empty();
    }

    private static double secondsOf(String timeUnit) {
        switch (timeUnit) {
            case "ns": return 1e-9;
            case "us": return 1e-6;
            case "ms": return 1e-3;
            case "s": return 1;
            case "min": return 60;
            case "hr": return 3600;
            case "day": return 86400;
            default: return Double.NaN;
        }
    }
}
