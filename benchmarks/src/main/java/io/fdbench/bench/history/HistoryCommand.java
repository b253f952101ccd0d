package io.fdbench.bench.history;

import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.TextTable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history [--benchmark REGEX] [-p name=value]... [--machine TEXT] [--csv] [--db ...]}:
 * the stored series, one line per point (date, commit, score ± error, unit), as a table grouped
 * by machine or as CSV. Points of different machines are never one series: the table has one
 * section per machine and says how many machines the selection spans.
 */
public final class HistoryCommand extends FlagCommand {

    public static final String NAME = "history";

    /** The CSV columns. */
    static final List<String> CSV_HEADER = List.of("benchmark", "mode", "threads", "params", "profile", "unit", "machine",
            "host", "cpu", "os", "jdk", "date", "commit", "dirty", "score", "score_error", "samples", "run", "folder");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String summary() {
        return "List the recorded series (date, commit, score ± error) as a table or CSV";
    }

    @Override
    protected Flags flags() {
        return HistoryLocation.declare(SeriesFilter.declare(new Flags()))
                .flag("csv", "CSV on stdout (full precision, one row per point) instead of the table");
    }

    @Override
    public String help() {
        return super.help() + "  -p NAME=VALUE      only series with this @Param value (repeatable)" + System.lineSeparator();
    }

    @Override
    protected int execute(Flags.Parsed flags, PrintStream out, PrintStream err) {
        SeriesFilter filter = SeriesFilter.of(flags);
        HistoryLocation location = HistoryLocation.of(flags);
        List<Series> series;
        try (HistoryStore store = HistoryStore.open(location, HistoryStore.Access.READ)) {
            series = Series.of(store.points()).stream().filter(s -> filter.test(s.key())).toList();
        }
        if (series.isEmpty()) {
            err.println(NAME + ": no series in " + location.shown() + " matches " + filter.describe());
            return Exit.FAILURE;
        }
        if (flags.has("csv")) {
            out.print(csv(series));
        } else {
            table(series, out);
        }
        return Exit.OK;
    }

    /** Every point of {@code series} as CSV, full precision (Java's shortest round-trip double text). */
    static String csv(List<Series> series) {
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            SeriesKey k = s.key();
            Machine m = k.machine();
            for (SeriesPoint p : s.points()) {
                rows.add(List.of(k.benchmark(), k.mode(), Integer.toString(k.threads()), k.paramText(), k.profile(), k.unit(),
                        m.key(), m.host(), m.cpu(), m.os(), m.jdk(), Dates.text(p.date()), p.commit(),
                        Boolean.toString(p.dirty()), number(p.score()), number(p.scoreError()),
                        Long.toString(p.samples()), p.runKey().substring(0, 12), p.folder()));
            }
        }
        return Csv.format(new CsvTable(CSV_HEADER, rows), (column, cell) -> false);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }

    /** One section per machine: its line, then a table of its series' points. */
    static void table(List<Series> series, PrintStream out) {
        Map<Machine, List<Series>> byMachine = new LinkedHashMap<>();
        for (Series s : series) {
            byMachine.computeIfAbsent(s.key().machine(), k -> new ArrayList<>()).add(s);
        }
        boolean first = true;
        for (Map.Entry<Machine, List<Series>> e : byMachine.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            int points = e.getValue().stream().mapToInt(s -> s.points().size()).sum();
            out.println("machine " + e.getKey().key() + ": " + e.getKey().label() + " (" + e.getValue().size()
                    + " series, " + points + (points == 1 ? " point)" : " points)"));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"benchmark", "params", "date (UTC)", "commit", "score", "", "error", "unit"});
            for (Series s : e.getValue()) {
                for (SeriesPoint p : s.points()) {
                    boolean known = !Double.isNaN(p.scoreError());
                    rows.add(new String[] {s.key().shortBenchmark(), s.key().settingsText(), Dates.shown(p.date()),
                            p.shortCommit(), Measurement.num(p.score()), "±",
                            known ? Measurement.num(p.scoreError()) : "?", s.key().unit()});
                }
            }
            TextTable.print(rows, i -> i == 4 || i == 6, out);
        }
        out.println();
        if (byMachine.size() > 1) {
            out.println(byMachine.size() + " machines: a series holds the points of one machine only (host, CPU, OS"
                    + " kernel and JDK alike); choose one with --machine KEY");
        } else {
            out.println("1 machine (host, CPU, OS kernel and JDK alike for every point shown)");
        }
        out.println("error: half width of JMH's 99.9 % interval ('?' unknown); commit+ : uncommitted changes;"
                + " scores in double as JMH wrote them");
    }
}
