package io.fdbench.bench.history;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.report.ReportPage;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.results.TextTable;
import io.fdbench.bench.trend.ChangePoint;
import io.fdbench.bench.trend.EDivisive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code trend [--benchmark REGEX] [-p name=value]... [--machine TEXT] [--db ...] [--out DIR]}:
 * change-point detection over every recorded series ({@link EDivisive}: E-divisive means with a
 * permutation test), each shift reported with the commit where the new level starts, the levels
 * before and after, the change and its p-value; one chart per benchmark and machine
 * ({@link TrendChart}), a page {@code trend.html} with every chart and the table of shifts, and
 * {@code trend-shifts.csv}, in {@code --out} (default {@value #DEFAULT_OUT}; files are never
 * overwritten). Series of different machines are analysed and drawn apart.
 */
public final class TrendCommand extends FlagCommand {

    public static final String NAME = "trend";
    static final String DEFAULT_OUT = "results/trend";

    /** Columns of {@code trend-shifts.csv}. */
    static final List<String> SHIFT_COLUMNS = List.of("benchmark", "mode", "threads", "params", "profile", "unit",
            "machine", "index", "points", "commit", "date", "mean_before", "mean_after", "relative_change", "p_value",
            "run");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String summary() {
        return "Find shifts in the recorded series (E-divisive means) and draw one trend chart per benchmark";
    }

    @Override
    public String help() {
        return super.help() + "  -p NAME=VALUE        only series with this @Param value (repeatable)" + System.lineSeparator();
    }

    @Override
    protected Flags flags() {
        return HistoryLocation.declare(SeriesFilter.declare(new Flags()))
                .value("out", "DIR", "folder for the charts, trend.html and trend-shifts.csv (default " + DEFAULT_OUT
                        + "; existing files are never overwritten)")
                .value("significance", "P", "largest p-value of a shift (default " + EDivisive.DEFAULT_SIGNIFICANCE + ")")
                .value("permutations", "N", "shuffles per permutation test (default " + EDivisive.DEFAULT_PERMUTATIONS
                        + "; at least 1/P - 1)")
                .value("min-segment", "N", "fewest runs on each level (default " + EDivisive.DEFAULT_MIN_SEGMENT + ")")
                .value("seed", "N", "seed of the permutations (default " + EDivisive.DEFAULT_SEED + ")");
    }

    @Override
    protected int execute(Flags.Parsed flags, PrintStream out, PrintStream err) throws IOException {
        System.setProperty("java.awt.headless", "true");
        SeriesFilter filter = SeriesFilter.of(flags);
        HistoryLocation location = HistoryLocation.of(flags);
        EDivisive method = method(flags);
        Path outDir = flags.outputDirectory("out", Path.of(DEFAULT_OUT));
        List<Series> series;
        try (HistoryStore store = HistoryStore.open(location, HistoryStore.Access.READ)) {
            series = Series.of(store.points()).stream().filter(s -> filter.test(s.key())).toList();
        }
        if (series.isEmpty()) {
            err.println(NAME + ": no series in " + location.shown() + " matches " + filter.describe());
            return Exit.FAILURE;
        }
        List<SeriesTrend> trends = series.stream().map(s -> SeriesTrend.of(s, method)).toList();
        long machines = series.stream().map(s -> s.key().machine()).distinct().count();
        out.println("trend of " + location.shown() + ": " + series.size() + " series on " + machines
                + (machines == 1 ? " machine" : " machines (analysed apart: a series never mixes machines)"));
        out.println(String.format(Locale.ROOT, "E-divisive means: significance %s, %d permutations, at least %d runs"
                        + " per level, seed %d", Measurement.num(method.significance()), method.permutations(),
                method.minSegment(), method.seed()));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "settings", "machine", "from commit", "date (UTC)", "before", "after",
                "change", "p-value"});
        List<List<String>> keyRows = new ArrayList<>();
        List<List<String>> csvRows = new ArrayList<>();
        for (SeriesTrend t : trends) {
            for (ChangePoint c : t.shifts()) {
                SeriesPoint start = t.start(c);
                String change = String.format(Locale.ROOT, "%+.1f %% (%s)", 100 * c.relativeShift(), t.direction(c));
                String p = String.format(Locale.ROOT, "%.4f", c.pValue());
                String[] row = {t.key().shortBenchmark(), t.key().settingsText(), t.key().machine().key(),
                        start.shortCommit(), Dates.shown(start.date()), Measurement.num(c.meanBefore()) + " " + t.key().unit(),
                        Measurement.num(c.meanAfter()) + " " + t.key().unit(), change, p};
                rows.add(row);
                keyRows.add(List.of(row));
                csvRows.add(List.of(t.key().benchmark(), t.key().mode(), Integer.toString(t.key().threads()),
                        t.key().paramText(), t.key().profile(), t.key().unit(), t.key().machine().key(),
                        Integer.toString(c.index()), Integer.toString(t.points().size()), start.commit(),
                        Dates.text(start.date()), Double.toString(c.meanBefore()), Double.toString(c.meanAfter()),
                        Double.toString(c.relativeShift()), Double.toString(c.pValue()), start.runKey().substring(0, 12)));
            }
        }
        long shortSeries = trends.stream().filter(t -> !t.longEnough(method)).count();
        long withShift = trends.stream().filter(t -> !t.shifts().isEmpty()).count();
        out.println();
        if (csvRows.isEmpty()) {
            out.println("no shift found");
        } else {
            out.println(csvRows.size() + (csvRows.size() == 1 ? " shift" : " shifts") + " in " + withShift + " series:");
            TextTable.print(rows, i -> i >= 5, out);
        }
        out.println((trends.size() - withShift - shortSeries) + " series without shift; " + shortSeries
                + " series too short to test (fewer than " + 2 * method.minSegment() + " runs with a score)");

        List<Figure> figures = new ArrayList<>();
        int single = 0;
        for (List<SeriesTrend> group : TrendChart.groups(trends)) {
            if (group.stream().allMatch(t -> t.points().size() < 2)) {
                single++;
                continue;
            }
            figures.add(TrendChart.of(group, method, location.kind() == HistoryLocation.Kind.SQLITE
                    ? location.file().getFileName().toString() : location.shown()));
        }
        List<String> notes = new ArrayList<>();
        if (single > 0) {
            notes.add(single + " benchmarks with a single run: no chart (record more runs)");
        }
        if (shortSeries > 0) {
            notes.add(shortSeries + " series have fewer than " + 2 * method.minSegment()
                    + " runs with a score: drawn, but too short for change-point detection");
        }
        ResultFiles files = new ResultFiles();
        List<ReportPage.Entry> entries = new ArrayList<>();
        for (Figure f : figures) {
            byte[] png = f.png();
            Path written = files.write(outDir, f.name(), ".png", png);
            out.println("wrote " + written);
            entries.add(new ReportPage.Entry(f, png, written.getFileName().toString()));
        }
        KeyTable table = new KeyTable("Shifts found (E-divisive means, significance "
                + Measurement.num(method.significance()) + ")", List.of(rows.get(0)), keyRows,
                "before/after: mean score of the level before and after the shift (double, as JMH wrote it);"
                        + " from commit: the first run on the new level; + marks uncommitted changes");
        String html = ReportPage.html(location.shown() + " (trend)", entries, List.of(table), notes);
        out.println("wrote " + files.write(outDir, "trend", ".html", html));
        out.println("wrote " + files.write(outDir, "trend-shifts", ".csv",
                Csv.format(new CsvTable(SHIFT_COLUMNS, csvRows), (column, cell) -> false)));
        return Exit.OK;
    }

    /** The detector the flags describe; a combination E-divisive refuses names its flag. */
    static EDivisive method(Flags.Parsed flags) {
        double significance = flags.decimal("significance", EDivisive.DEFAULT_SIGNIFICANCE, Double.MIN_VALUE, 0.5);
        int permutations = flags.integer("permutations", EDivisive.DEFAULT_PERMUTATIONS, 1, 1_000_000);
        int minSegment = flags.integer("min-segment", EDivisive.DEFAULT_MIN_SEGMENT, 2, 1000);
        long seed = flags.longInteger("seed", EDivisive.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        try {
            return new EDivisive(significance, permutations, seed, minSegment);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--permutations", e.getMessage());
        }
    }
}
