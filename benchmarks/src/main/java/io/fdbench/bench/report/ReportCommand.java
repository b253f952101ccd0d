package io.fdbench.bench.report;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.results.RunFolders;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report}: draws the charts of a results folder as PNG files (XChart, headless), each with
 * its provenance under the title and a caption, and one self-contained HTML page with every chart,
 * the key tables and the list of missing inputs. Each family of the registry draws its own charts
 * ({@link BenchmarkFamily#figures}) from its {@code <family>.csv}, or JMH's {@code <family>.json}
 * where there is no CSV (with the family's derived columns added); the default folder is the latest run, or the baseline
 * run ({@code results/baseline} names it) when there is none. Never overwrites a file (a second report writes
 * timestamped names beside the first).
 */
public final class ReportCommand extends FlagCommand {

    private final List<BenchmarkFamily> registry;

    public ReportCommand(List<BenchmarkFamily> registry) {
        this.registry = List.copyOf(registry);
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    protected String summary() {
        return "Draw the report charts (PNG) and one HTML page from a results folder";
    }

    @Override
    protected Flags flags() {
        return new Flags()
                .value("results", "DIR", "folder with the suite's CSV (or JMH JSON) files: a path, a run's name or 'latest'"
                        + " (default: the latest run under results/runs/, else the baseline run)")
                .value("out", "DIR", "folder for the PNG files and report.html (default: <results>/report; existing"
                        + " files are never overwritten)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path results = resultsFolder(p);
        Path outDir = Path.of(p.string("out", results.resolve("report").toString()));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out", outDir + " is a file, not a folder");
        }
        RunTables run;
        try {
            run = RunTables.load(results, this::derivedColumns);
        } catch (RuntimeException e) {
            throw new UsageException(results.toString(), e.getMessage());
        }
        List<Figure> figures = new ArrayList<>();
        List<KeyTable> tables = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (BenchmarkFamily f : registry) {
            if (run.table(f.name()).isEmpty()) {
                missing.add(f.name() + ".csv: " + f.description() + " (its charts are left out)");
                continue;
            }
            if (run.env(f.name()).isEmpty()) {
                missing.add(f.name() + "-env.csv: its charts say \"no env file\" instead of date, commit, profile,"
                        + " JDK and kernel");
            }
            for (String stem : f.tableInputs()) {
                if (run.table(stem).isEmpty()) {
                    missing.add(stem + ".csv: its table is left out of the page");
                }
            }
            try {
                figures.addAll(f.figures(run));
                tables.addAll(f.keyTables(run));
            } catch (RuntimeException e) {
                throw new UsageException(results.resolve(f.name() + ".csv").toString(), "cannot be drawn: " + e.getMessage());
            }
        }
        // The ratio lines the suite prints after a run, again: peers measured after the suite
        // (scripts/peers/run-java-peers.sh) are then set against the engine too.
        List<String> ratioLines = new ArrayList<>();
        for (BenchmarkFamily f : registry) {
            List<String> lines = f.ratios(run);
            if (!lines.isEmpty()) {
                ratioLines.add("== ratios (" + f.name() + "; float32)");
                ratioLines.addAll(lines);
                tables.add(new KeyTable("Ratios (" + f.name() + "; float32)", List.of("ratio and its target"),
                        lines.stream().map(List::of).toList(),
                        "as the suite prints them after a run; docs/results.md quotes them with their runs"));
            }
        }
        out.println("report of " + results);
        for (String m : missing) {
            out.println("missing " + m);
        }
        ratioLines.forEach(out::println);
        if (figures.isEmpty()) {
            err.println(name() + ": no chart drawn: " + results + " has no family's results with rows to draw");
            return Exit.FAILURE;
        }
        ResultFiles files = new ResultFiles();
        List<ReportPage.Entry> entries = new ArrayList<>();
        for (Figure f : figures) {
            byte[] png = f.png();
            Path written = files.write(outDir, f.name(), ".png", png);
            out.println("wrote " + written);
            entries.add(new ReportPage.Entry(f, png, written.getFileName().toString()));
        }
        String html = ReportPage.html(results.toString(), entries, tables, missing);
        out.println("wrote " + files.write(outDir, "report", ".html", html));
        return Exit.OK;
    }

    /** The derived columns of the family named {@code stem}, for its results read from JMH JSON. */
    private DerivedColumns derivedColumns(String stem) {
        for (BenchmarkFamily f : registry) {
            if (f.name().equals(stem) && f instanceof JmhFamily jmh) {
                return jmh.derived();
            }
        }
        return DerivedColumns.NONE;
    }

    /** --results as a path, a run name or 'latest'; by default the latest run, else the baseline run. */
    private static Path resultsFolder(Flags.Parsed p) throws IOException {
        RunFolders runs = new RunFolders(Path.of("results"));
        Path results;
        if (p.has("results")) {
            try {
                results = runs.resolve(p.string("results", "results"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--results", p.string("results", "") + ": " + e.getMessage());
            }
        } else {
            results = runs.latest().orElseGet(runs::baseline);
        }
        if (!Files.isDirectory(results)) {
            throw new UsageException("--results", results + " is not a folder");
        }
        return results;
    }
}
