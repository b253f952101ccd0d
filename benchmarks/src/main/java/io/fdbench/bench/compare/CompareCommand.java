package io.fdbench.bench.compare;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.compare.Comparison.Line;
import io.fdbench.bench.compare.Comparison.Result;
import io.fdbench.bench.compare.Comparison.Verdict;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.TextTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code compare BASELINE NEW}: regression verdicts between two result files, or between the
 * same-named result files of two folders (a committed {@code results/} and a fresh run). Reads
 * only; exits 1 with {@code --fail-on-regression} when a row regressed.
 */
public final class CompareCommand extends FlagCommand {

    /** Env keys that must agree for a comparison to mean anything. */
    private static final List<String> MACHINE_KEYS = List.of("cpu.model", "cpu.cores", "kernel.best");

    @Override
    public String name() {
        return "compare";
    }

    @Override
    protected String summary() {
        return "Compare two result files (or folders of them) row by row and flag regressions";
    }

    @Override
    public String help() {
        return summary() + System.lineSeparator() + System.lineSeparator()
                + "usage: java -jar benchmarks.jar compare [flags] BASELINE NEW" + System.lineSeparator()
                + "  BASELINE, NEW   two JMH CSV files (as the suite, plain JMH -rf csv or the peers write them),"
                + System.lineSeparator()
                + "                  or two folders: every <name>.csv in both is compared (not the *-env.csv files)"
                + System.lineSeparator()
                + flags().usage()
                + "A row is a REGRESSION (or an improvement) only when its score moved by more than the threshold"
                + System.lineSeparator()
                + "and the 99.9 % intervals (score ± error) are disjoint; X/op: lower is better, ops/X: higher."
                + System.lineSeparator();
    }

    @Override
    protected Flags flags() {
        return new Flags()
                .value("threshold", "PCT", "smallest change in percent that can count (default 5)")
                .flag("fail-on-regression", "exit 1 when any row regressed (for CI)");
    }

    @Override
    protected boolean acceptsPositional() {
        return true;
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = p.positional();
        if (paths.size() != 2) {
            throw new UsageException(paths.size() < 2 ? "BASELINE NEW" : paths.get(2),
                    paths.size() < 2 ? "two paths are needed, got " + paths.size() : "only two paths are compared");
        }
        double threshold = p.decimal("threshold", 5, 0, 1000) / 100;
        Path baseline = Path.of(paths.get(0));
        Path current = Path.of(paths.get(1));
        for (Path path : List.of(baseline, current)) {
            if (!Files.exists(path)) {
                throw new UsageException(path.toString(), "no such file or folder");
            }
        }
        List<Path[]> pairs = new ArrayList<>();
        if (Files.isDirectory(baseline) && Files.isDirectory(current)) {
            for (Path b : resultFiles(baseline)) {
                Path c = current.resolve(b.getFileName().toString());
                if (Files.isRegularFile(c)) {
                    if (isJmhCsv(b) && isJmhCsv(c)) {
                        pairs.add(new Path[] {b, c});
                    } else {
                        out.println("not a JMH result file, skipped: " + b.getFileName());
                    }
                } else {
                    out.println("only in " + baseline + ": " + b.getFileName());
                }
            }
            for (Path c : resultFiles(current)) {
                if (!Files.isRegularFile(baseline.resolve(c.getFileName().toString()))) {
                    out.println("only in " + current + ": " + c.getFileName());
                }
            }
            if (pairs.isEmpty()) {
                throw new UsageException(current.toString(), "no result file of the same name as in " + baseline);
            }
        } else if (Files.isRegularFile(baseline) && Files.isRegularFile(current)) {
            pairs.add(new Path[] {baseline, current});
        } else {
            throw new UsageException(current.toString(), "compare two files or two folders, not one of each");
        }
        long regressions = 0;
        for (Path[] pair : pairs) {
            Result r = Comparison.compare(read(pair[0]), read(pair[1]), threshold);
            out.println();
            out.println("== " + pair[0] + " -> " + pair[1]);
            machineWarning(pair[0], pair[1]).ifPresent(out::println);
            print(r, out);
            regressions += r.count(Verdict.REGRESSION);
        }
        out.println();
        out.printf(Locale.ROOT, "%d regression(s) beyond %.1f %% with disjoint intervals%n", regressions,
                threshold * 100);
        return regressions > 0 && p.has("fail-on-regression") ? Exit.FAILURE : Exit.OK;
    }

    private static List<Path> resultFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".csv") && !n.endsWith("-env.csv") && !n.startsWith(".") && Files.isRegularFile(f);
            }).sorted().toList();
        }
    }

    /** Whether the file starts with JMH's CSV columns (folder mode skips others, e.g. extrapolations). */
    private static boolean isJmhCsv(Path file) throws IOException {
        try {
            List<String> h = Csv.parse(Files.readString(file)).header();
            return h.size() >= JmhCsv.COLUMNS.size() && h.subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A JMH result table (extra derived columns allowed), or a usage error naming the file. */
    static CsvTable read(Path file) throws IOException {
        CsvTable t;
        try {
            t = Csv.parse(Files.readString(file));
        } catch (RuntimeException e) {
            throw new UsageException(file.toString(), "not a CSV file: " + e.getMessage());
        }
        List<String> h = t.header();
        for (int i = 0; i < JmhCsv.COLUMNS.size(); i++) {
            if (i >= h.size() || !JmhCsv.COLUMNS.get(i).equals(h.get(i))) {
                throw new UsageException(file.toString(), "not a JMH result CSV: column " + (i + 1) + " is '"
                        + (i < h.size() ? h.get(i) : "(missing)") + "', expected '" + JmhCsv.COLUMNS.get(i) + "'");
            }
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> cells = t.rows().get(r);
            for (String col : List.of("Score", "Score Error (99.9%)")) {
                String v = cells.get(t.column(col));
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UsageException(file.toString(), "line " + (r + 2) + ": " + col + " '" + v
                            + "' is not a number");
                }
            }
        }
        return t;
    }

    /** A warning when the two files' env files name different machines or kernels. */
    static java.util.Optional<String> machineWarning(Path baseline, Path current) throws IOException {
        Map<String, String> a = env(baseline);
        Map<String, String> b = env(current);
        List<String> differ = new ArrayList<>();
        for (String k : MACHINE_KEYS) {
            if (a.containsKey(k) && b.containsKey(k) && !a.get(k).equals(b.get(k))) {
                differ.add(k + " " + a.get(k) + " vs " + b.get(k));
            }
        }
        return differ.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("warning: different machines or kernels (" + String.join(", ", differ)
                + "): scores from different machines are not comparable");
    }

    private static Map<String, String> env(Path resultFile) throws IOException {
        String n = resultFile.getFileName().toString();
        Path envFile = resultFile.resolveSibling(n.substring(0, n.length() - ".csv".length()) + "-env.csv");
        Map<String, String> env = new HashMap<>();
        if (n.endsWith(".csv") && Files.isRegularFile(envFile)) {
            for (List<String> row : Csv.parse(Files.readString(envFile)).rows()) {
                if (row.size() >= 2) {
                    env.put(row.get(row.size() - 2), row.get(row.size() - 1));
                }
            }
        }
        return env;
    }

    private static void print(Result r, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Benchmark", "Params", "Baseline", "New", "Unit", "Change", "Verdict"});
        for (Line l : r.lines()) {
            rows.add(new String[] {TextTable.shortName(l.benchmark()), l.params(),
                    String.format(Locale.ROOT, "%.3f ± %.3f", l.baseline(), l.baselineError()),
                    String.format(Locale.ROOT, "%.3f ± %.3f", l.current(), l.currentError()), l.unit(),
                    String.format(Locale.ROOT, "%+.1f %%", l.change() * 100), l.verdict().label()});
        }
        TextTable.print(rows, i -> i == 2 || i == 3 || i == 5, out);
        r.onlyInBaseline().forEach(k -> out.println("only in the baseline: " + k));
        r.onlyInNew().forEach(k -> out.println("only in the new file: " + k));
        r.ambiguous().forEach(k -> out.println("not compared, several rows match: " + k));
        out.printf(Locale.ROOT, "%d regression(s), %d improvement(s), %d noise, %d same%n",
                r.count(Verdict.REGRESSION), r.count(Verdict.IMPROVEMENT), r.count(Verdict.NOISE),
                r.count(Verdict.SAME));
    }
}
