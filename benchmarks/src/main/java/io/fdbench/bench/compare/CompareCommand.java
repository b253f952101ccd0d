package io.fdbench.bench.compare;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.EnvironmentException;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.compare.Comparison.Line;
import io.fdbench.bench.compare.Comparison.Result;
import io.fdbench.bench.compare.Comparison.Verdict;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.results.EnvFile;
import io.fdbench.bench.results.JmhResults;
import io.fdbench.bench.results.ResultFileException;
import io.fdbench.bench.results.RunFolders;
import io.fdbench.bench.results.TextTable;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code compare [BASELINE] [NEW]}: regression verdicts between two result files, or between the
 * same-named result files of two folders; by default the committed baseline ({@code results/})
 * against the newest run ({@code results/runs/<name>/}). Reads only. Every input is checked
 * before anything is printed: a file that cannot be compared is one line naming it, exit 2.
 * Exit 1 with {@code --fail-on-regression} when a row regressed between sides that ran alike
 * (the same profile, settings, JDK, kernel and machine, by their env files).
 */
public final class CompareCommand extends FlagCommand {

    /** One-side lists longer than this collapse to a count unless {@code --list-unmatched}. */
    static final int LIST_LIMIT = 5;

    /** Forks of a {@code --confirm} re-run unless {@code --confirm-forks}. */
    static final int DEFAULT_CONFIRM_FORKS = 5;

    private final List<BenchmarkFamily> registry;

    /** Without families: everything but {@code --confirm}, which needs to know what runs a file's rows. */
    public CompareCommand() {
        this(List.of());
    }

    /** With the families whose rows {@code --confirm} can re-run. */
    public CompareCommand(List<BenchmarkFamily> registry) {
        this.registry = List.copyOf(registry);
    }

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
        String nl = System.lineSeparator();
        return summary() + nl + nl
                + "usage: java -jar benchmarks.jar compare [flags] [BASELINE] [NEW]" + nl
                + "  no paths        the baseline run (the one results/baseline names) against the latest run" + nl
                + "                  (results/runs/<newest>/)" + nl
                + "  NEW             the baseline run against NEW (a folder, a run name, or 'latest'; a file" + nl
                + "                  against the same-named file in the baseline run)" + nl
                + "  BASELINE NEW    two JMH result files (CSV or JSON, either on either side), or two folders:" + nl
                + "                  every <name>.csv or <name>.json in both is compared (the CSV where a folder" + nl
                + "                  has both; not the *-env.csv files); 'latest' and run names work for either" + nl
                + flags().usage()
                + "A row is a REGRESSION (or an improvement) only when its score moved by more than the threshold" + nl
                + "and the 99.9 % intervals (score ± error) are disjoint; X/op: lower is better, ops/X: higher." + nl
                + "A row without an error (fewer than " + Measurement.MIN_SAMPLES_FOR_ERROR + " samples, e.g. --quick) shows"
                + " '± n/a' and is at most" + nl
                + "'changed, no error estimate', never a regression. When the env files show that the sides differ" + nl
                + "in profile, settings, JDK, kernel or machine, compare warns once and does not gate on them." + nl
                + "Exit 0 ok, 1 a regression with --fail-on-regression, 2 bad usage or an input that cannot be" + nl
                + "compared (unreadable, empty, header-only, not UTF-8, a non-finite or non-positive time score," + nl
                + "a unit or mode that differs between the sides)." + nl;
    }

    @Override
    protected Flags flags() {
        return new Flags()
                .value("threshold", "PCT", "smallest change in percent that can count (default 5)")
                .flag("fail-on-regression", "exit 1 when any row regressed (for CI)")
                .flag("gate-mismatched", "with --fail-on-regression, also fail on files whose sides differ in profile,"
                        + " settings, JDK, kernel or machine (not by default)")
                .flag("list-unmatched", "list every row and file found on one side only (default: up to "
                        + LIST_LIMIT + ", then a count)")
                .value("results", "DIR", "folder of runs/ and the baseline pointer file naming one of them (default results/)")
                .value("format", "FORMAT", "text (default) or markdown (a table for a pull-request comment)")
                .flag("confirm", "re-run the flagged rows (regressions, improvements) of the new side with more forks"
                        + " and judge them again: a regression stands only when the re-run confirms it (runs JMH)")
                .value("confirm-forks", "N", "forks of each --confirm re-run (default " + DEFAULT_CONFIRM_FORKS
                        + "; 0 runs in this JVM, for tests only)")
                .value("confirm-jmh", "ARGS", "further JMH options for the re-runs, one string (e.g. \"-i 10\")")
                .value("confirm-out", "DIR", "folder for the re-runs' result files (default: confirm/ beside the new"
                        + " side's files)");
    }

    @Override
    protected boolean acceptsPositional() {
        return true;
    }

    /**
     * Two same-named JMH result files to compare, and what comparing them gave.
     *
     * @param params   the parameter columns both files have (what rows are matched on)
     * @param rerunOf  for a line {@code --confirm} judged again, the line it replaced
     */
    private record Pair(Path baseline, Path current, Result result, List<SetupDifference> differences,
                        boolean envMissing, List<String> params, Map<Line, Line> rerunOf) {
        boolean mismatched() {
            return !differences.isEmpty();
        }
    }

    /** The output formats of {@code --format}. */
    enum Format { TEXT, MARKDOWN }

    /** The files of two folders that were not compared. */
    private record Unpaired(Path baseline, Path current, List<String> onlyInBaseline, List<String> onlyInNew,
                            List<String> notJmh) {
        static Unpaired none(Path baseline, Path current) {
            return new Unpaired(baseline, current, List.of(), List.of(), List.of());
        }
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        double threshold = p.decimal("threshold", 5, 0, 1000) / 100;
        RunFolders runs = new RunFolders(p.path("results", CommonFlags.DEFAULT_OUT));
        Format format = format(p);
        int confirmForks = p.integer("confirm-forks", DEFAULT_CONFIRM_FORKS, 0, 100);
        List<String> confirmJmh = p.string("confirm-jmh").map(a -> List.of(a.trim().split("\\s+")))
                .filter(a -> !a.get(0).isEmpty()).orElse(List.of());
        for (String f : List.of("confirm-forks", "confirm-jmh", "confirm-out")) {
            if (p.has(f) && !p.has("confirm")) {
                throw new UsageException("--" + f, "only with --confirm");
            }
        }
        try {
            Path[] sides = sides(p.positional(), runs);
            List<Pair> pairs = new ArrayList<>();
            Unpaired unpaired = Unpaired.none(sides[0], sides[1]);
            if (Files.isDirectory(sides[0]) && Files.isDirectory(sides[1])) {
                List<Path[]> files = new ArrayList<>();
                unpaired = pairFolders(sides[0], sides[1], files);
                for (Path[] f : files) {
                    pairs.add(pair(f[0], f[1], threshold));
                }
            } else if (Files.isRegularFile(sides[0]) && Files.isRegularFile(sides[1])) {
                pairs.add(pair(sides[0], sides[1], threshold));
            } else {
                throw new UsageException(sides[1].toString(), "compare two files or two folders, not one of each");
            }
            if (p.has("confirm")) {
                Path confirmOut = p.has("confirm-out") ? p.path("confirm-out", null)
                        : (Files.isDirectory(sides[1]) ? sides[1] : sides[1].toAbsolutePath().getParent()).resolve("confirm");
                pairs = confirm(pairs, confirmForks, confirmJmh, confirmOut, threshold, err);
            }
            return format == Format.MARKDOWN ? MarkdownOutput.print(pairs.stream().map(CompareCommand::view).toList(),
                    unpaired.onlyInBaseline(), unpaired.onlyInNew(), unpaired.notJmh(), threshold,
                    p.has("gate-mismatched"), p.has("fail-on-regression"), out)
                    : print(pairs, unpaired, threshold, p, out);
        } catch (ResultFileException e) {
            err.println(name() + ": error: " + e.getMessage());
            return Exit.USAGE;
        } catch (UncheckedIOException e) {
            err.println(name() + ": error: " + ResultFileException.describe(e.getCause()));
            return Exit.USAGE;
        } catch (IOException e) {
            err.println(name() + ": error: " + ResultFileException.describe(e));
            return Exit.USAGE;
        }
    }

    /** BASELINE and NEW from zero, one or two words. */
    private static Path[] sides(List<String> words, RunFolders runs) throws IOException {
        if (words.size() > 2) {
            throw new UsageException(words.get(2), "at most two paths are compared (BASELINE NEW)");
        }
        if (words.size() == 2) {
            return new Path[] {resolve(words.get(0), runs), resolve(words.get(1), runs)};
        }
        if (!Files.isDirectory(runs.runsDir())) {
            throw new UsageException(runs.runsDir().toString(), "no such folder: run compare from the repository root,"
                    + " give --results DIR, or name BASELINE and NEW");
        }
        Path baseline = runs.baseline();
        if (words.isEmpty()) {
            Optional<Path> latest = runs.latest();
            if (latest.isEmpty() || latest.get().equals(baseline)) {
                throw new UsageException(RunFolders.LATEST, "no run newer than the baseline " + baseline + " yet: "
                        + runs.howToMakeRun() + ", or name BASELINE and NEW");
            }
            return new Path[] {baseline, latest.get()};
        }
        Path current = resolve(words.get(0), runs);
        if (Files.isDirectory(current)) {
            return new Path[] {baseline, current};
        }
        Path same = baseline.resolve(current.getFileName());
        if (!Files.isRegularFile(same)) {
            // the same results in the other format (kernel.json against the baseline's kernel.csv)
            String stem = JmhResults.stem(current);
            Path csv = baseline.resolve(stem + JmhResults.CSV_SUFFIX);
            Path json = baseline.resolve(stem + JmhResults.JSON_SUFFIX);
            same = Files.isRegularFile(csv) ? csv : Files.isRegularFile(json) ? json : same;
        }
        if (!Files.isRegularFile(same)) {
            throw new UsageException(same.toString(), "no such file in the baseline; name BASELINE and NEW");
        }
        return new Path[] {same, current};
    }

    private static Path resolve(String word, RunFolders runs) throws IOException {
        try {
            return runs.resolve(word);
        } catch (IllegalArgumentException e) {
            throw new UsageException(word, e.getMessage());
        }
    }

    /**
     * The JMH result files of two folders with the same stem into {@code pairs} ({@code kernel.csv}
     * or {@code kernel.json}: either format on either side; where a folder has both, as the suite
     * writes them, the CSV); every result file of both folders is checked (readable, not empty,
     * rows), and a JMH file may not face another kind.
     */
    private static Unpaired pairFolders(Path baseline, Path current, List<Path[]> pairs) throws IOException {
        Map<String, Path> inBaseline = resultFiles(baseline);
        Map<String, Path> inCurrent = resultFiles(current);
        Set<String> stems = new TreeSet<>();
        stems.addAll(inBaseline.keySet());
        stems.addAll(inCurrent.keySet());
        List<String> onlyInBaseline = new ArrayList<>();
        List<String> onlyInNew = new ArrayList<>();
        List<String> notJmh = new ArrayList<>();
        for (String stem : stems) {
            Path b = inBaseline.get(stem);
            Path c = inCurrent.get(stem);
            boolean inB = b != null;
            boolean inC = c != null;
            Measurements.Kind kb = inB ? Measurements.kind(b) : null;
            Measurements.Kind kc = inC ? Measurements.kind(c) : null;
            if (inB && inC) {
                if (kb == Measurements.Kind.JMH && kc == Measurements.Kind.JMH) {
                    pairs.add(new Path[] {b, c});
                } else if (kb == kc) {
                    notJmh.add(c.getFileName().toString());
                } else {
                    Path other = kb == Measurements.Kind.JMH ? c : b;
                    Measurements.header(other); // throws, naming the column that is wrong
                    throw new IllegalStateException("unreachable: " + other);
                }
            } else {
                Path only = inB ? b : c;
                if ((inB ? kb : kc) == Measurements.Kind.JMH) {
                    Measurements.read(only, List.of()); // checked like a compared file
                }
                (inB ? onlyInBaseline : onlyInNew).add(only.getFileName().toString());
            }
        }
        if (pairs.isEmpty()) {
            throw new ResultFileException(current, "no JMH result file of the same name as in " + baseline);
        }
        return new Unpaired(baseline, current, onlyInBaseline, onlyInNew, notJmh);
    }

    /** A folder's result files by stem ({@link JmhResults#isResultFile}); the CSV where both formats exist. */
    private static Map<String, Path> resultFiles(Path dir) throws IOException {
        Map<String, Path> byStem = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(f -> JmhResults.isResultFile(f) && Files.isRegularFile(f)).sorted().toList()) {
                byStem.merge(JmhResults.stem(f), f, (a, b) -> JmhResults.isJson(a) ? b : a);
            }
        } catch (IOException e) {
            throw ResultFileException.of(dir, e);
        }
        return byStem;
    }

    private static Pair pair(Path baseline, Path current, double threshold) {
        List<String> params = Measurements.commonParams(Measurements.header(baseline), Measurements.header(current));
        List<Measurement> before = Measurements.read(baseline, params);
        List<Measurement> after = Measurements.read(current, params);
        Result r;
        try {
            r = Comparison.compare(before, after, threshold);
        } catch (Comparison.Mismatch e) {
            throw new ResultFileException(current, e.getMessage());
        }
        Optional<Map<String, String>> envB = EnvFile.of(baseline);
        Optional<Map<String, String>> envC = EnvFile.of(current);
        List<SetupDifference> differences = envB.isPresent() && envC.isPresent()
                ? SetupDifference.between(envB.get(), envC.get()) : List.of();
        return new Pair(baseline, current, r, differences, envB.isEmpty() || envC.isEmpty(), params, Map.of());
    }

    private static Format format(Flags.Parsed p) {
        String f = p.string("format", "text");
        return switch (f) {
            case "text" -> Format.TEXT;
            case "markdown", "md" -> Format.MARKDOWN;
            default -> throw new UsageException("--format", "expected text or markdown, got '" + f + "'");
        };
    }

    /** What the Markdown output needs of a pair. */
    private static MarkdownOutput.Compared view(Pair p) {
        return new MarkdownOutput.Compared(p.baseline(), p.current(), p.result(),
                p.differences().stream().map(SetupDifference::describe).toList(), p.envMissing(), p.rerunOf());
    }

    /**
     * {@code --confirm}: re-runs the flagged rows of every pair's new side ({@link ConfirmPlan})
     * and replaces each flagged line by the verdict between the baseline and the re-run.
     */
    private List<Pair> confirm(List<Pair> pairs, int forks, List<String> extra, Path outDir, double threshold,
                               PrintStream log) {
        List<ConfirmPlan.Input> inputs = pairs.stream().map(p -> new ConfirmPlan.Input(p.current(), p.result())).toList();
        List<ConfirmPlan.Rerun> reruns = ConfirmPlan.plan(inputs, registry, forks, extra);
        if (reruns.isEmpty()) {
            return pairs;
        }
        log.println("compare --confirm: re-running " + reruns.size() + " flagged row(s) with " + forks
                + " forks each into " + outDir);
        Map<ConfirmPlan.Rerun, Path> written;
        try {
            written = Confirmation.run(reruns, outDir, log);
        } catch (IOException e) {
            throw new EnvironmentException("--confirm: " + ResultFileException.describe(e));
        }
        List<Pair> out = new ArrayList<>();
        for (Pair pair : pairs) {
            Map<Line, Line> rerunOf = new LinkedHashMap<>();
            for (ConfirmPlan.Rerun r : reruns) {
                if (!r.file().equals(pair.current())) {
                    continue;
                }
                Path csv = written.get(r);
                List<Measurement> again = Measurements.read(csv, pair.params());
                for (Line flagged : r.flagged()) {
                    Measurement now = again.stream().filter(m -> m.key().equals(flagged.current().key())
                            && m.mode().equals(flagged.current().mode())).findFirst()
                            .orElseThrow(() -> new EnvironmentException("--confirm: the re-run in " + csv
                                    + " has no row " + flagged.current().key()));
                    rerunOf.put(Comparison.line(flagged.baseline(), now, threshold), flagged);
                }
            }
            if (rerunOf.isEmpty()) {
                out.add(pair);
                continue;
            }
            Map<Line, Line> byOriginal = new LinkedHashMap<>();
            rerunOf.forEach((again, original) -> byOriginal.put(original, again));
            List<Line> lines = pair.result().lines().stream().map(l -> byOriginal.getOrDefault(l, l)).toList();
            Result r = new Result(lines, pair.result().onlyInBaseline(), pair.result().onlyInNew(),
                    pair.result().ambiguous());
            out.add(new Pair(pair.baseline(), pair.current(), r, pair.differences(), pair.envMissing(), pair.params(),
                    Map.copyOf(rerunOf)));
        }
        return out;
    }

    private int print(List<Pair> pairs, Unpaired unpaired, double threshold, Flags.Parsed p, PrintStream out) {
        boolean gateAll = p.has("gate-mismatched");
        boolean listAll = p.has("list-unmatched");
        Set<String> differences = new LinkedHashSet<>();
        List<String> mismatchedFiles = new ArrayList<>();
        List<String> withoutEnv = new ArrayList<>();
        for (Pair pair : pairs) {
            pair.differences().forEach(d -> differences.add(d.describe()));
            if (pair.mismatched()) {
                mismatchedFiles.add(pair.current().getFileName().toString());
            }
            if (pair.envMissing()) {
                withoutEnv.add(pair.current().getFileName().toString());
            }
        }
        if (!differences.isEmpty()) {
            out.println("warning: the two sides did not run alike (" + String.join("; ", differences) + ") in "
                    + String.join(", ", mismatchedFiles) + ": their scores are not comparable"
                    + (gateAll ? "; gated anyway (--gate-mismatched)"
                    : ", so they do not fail --fail-on-regression (--gate-mismatched gates them)"));
        }
        if (!withoutEnv.isEmpty()) {
            out.println("note: no env file on one or both sides of " + String.join(", ", withoutEnv)
                    + ": cannot tell whether they ran alike");
        }
        long regressions = 0;
        long ungated = 0;
        long unestimated = 0;
        for (Pair pair : pairs) {
            out.println();
            boolean gated = gateAll || !pair.mismatched();
            out.println("== " + pair.baseline() + " -> " + pair.current() + (gated ? "" : "  (sides differ: not gated)"));
            print(pair.result(), pair.rerunOf(), listAll, out);
            long r = pair.result().count(Verdict.REGRESSION);
            regressions += gated ? r : 0;
            ungated += gated ? 0 : r;
            unestimated += pair.result().count(Verdict.CHANGED_NO_ERROR);
        }
        if (!unpaired.onlyInBaseline().isEmpty() || !unpaired.onlyInNew().isEmpty() || !unpaired.notJmh().isEmpty()) {
            out.println();
        }
        list(unpaired.onlyInBaseline(), "file(s) only in " + unpaired.baseline(), listAll, out);
        list(unpaired.onlyInNew(), "file(s) only in " + unpaired.current(), listAll, out);
        list(unpaired.notJmh(), "file(s) not compared, not JMH results", listAll, out);
        out.println();
        out.printf(Locale.ROOT, "%d regression(s) beyond %.1f %% with disjoint intervals%s%n", regressions,
                threshold * 100, ungated == 0 ? "" : "; " + ungated + " more between sides that did not run alike,"
                        + " not gated (--gate-mismatched)");
        if (unestimated > 0) {
            out.printf(Locale.ROOT, "%d row(s) changed beyond %.1f %% without an error estimate (fewer than %d samples):"
                    + " not judged; re-run them with the full profile%n", unestimated, threshold * 100,
                    Measurement.MIN_SAMPLES_FOR_ERROR);
        }
        return regressions > 0 && p.has("fail-on-regression") ? Exit.FAILURE : Exit.OK;
    }

    private static void print(Result r, Map<Line, Line> rerunOf, boolean listAll, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Benchmark", "Params", "Mode", "Baseline", "New", "Unit", "Change", "Verdict"});
        boolean missing = false;
        for (Line l : r.lines()) {
            Measurement b = l.baseline();
            Measurement c = l.current();
            missing |= !b.hasErrorEstimate() || !c.hasErrorEstimate();
            rows.add(new String[] {shortName(c.benchmark()), c.params(), c.mode(), interval(b), interval(c),
                    c.unit(), Double.isNaN(l.change()) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", l.change() * 100),
                    verdict(l, rerunOf.get(l))});
        }
        if (!r.lines().isEmpty()) {
            TextTable.print(rows, i -> i == 3 || i == 4 || i == 6, out);
        }
        if (missing) {
            out.println("± n/a: no error estimate (JMH gives a 99.9 % interval from " + Measurement.MIN_SAMPLES_FOR_ERROR
                    + " samples on)");
        }
        list(r.onlyInBaseline(), "row(s) only in the baseline", listAll, out);
        list(r.onlyInNew(), "row(s) only in the new file", listAll, out);
        list(r.ambiguous(), "row(s) not compared, several rows match", listAll, out);
        List<String> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = r.count(v);
            if (n > 0 || v == Verdict.REGRESSION) {
                counts.add(n + " " + v.counted());
            }
        }
        out.println(String.join(", ", counts));
    }

    /**
     * A line's verdict; for a line {@code --confirm} judged again, what the first run said too:
     * {@code REGRESSION, confirmed by a re-run} or {@code noise (intervals overlap) on a re-run; first run: REGRESSION +12.0 %}.
     */
    static String verdict(Line l, Line original) {
        if (original == null) {
            return l.verdict().label();
        }
        if (l.verdict() == original.verdict()) {
            return l.verdict().label() + ", confirmed by a re-run";
        }
        return l.verdict().label() + " on a re-run; first run: " + original.verdict().label()
                + (Double.isNaN(original.change()) ? "" : String.format(Locale.ROOT, " %+.1f %%", original.change() * 100));
    }

    /** A list that collapses to a count beyond {@link #LIST_LIMIT} entries unless {@code all}. */
    private static void list(List<String> items, String what, boolean all, PrintStream out) {
        if (items.isEmpty()) {
            return;
        }
        if (items.size() > LIST_LIMIT && !all) {
            out.println(items.size() + " " + what + " (--list-unmatched lists them)");
            return;
        }
        items.forEach(i -> out.println(what.replace("(s)", "") + ": " + i));
    }

    /** {@code 13.300 ± 0.512}, or {@code 13.300 ± n/a} without an error estimate. */
    static String interval(Measurement m) {
        return number(m.score()) + " ± " + (m.hasErrorEstimate() ? number(m.error()) : "n/a");
    }

    /** Three decimals from 1 on, four significant digits below (so a small error never reads 0.000). */
    static String number(double x) {
        if (x == 0) {
            return "0";
        }
        if (Math.abs(x) >= 1) {
            return String.format(Locale.ROOT, "%.3f", x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** {@code Class.method}, keeping a secondary result's {@code :label} whole ({@code gemm:gc.alloc.rate}). */
    static String shortName(String benchmark) {
        int colon = benchmark.indexOf(':');
        return colon < 0 ? TextTable.shortName(benchmark)
                : TextTable.shortName(benchmark.substring(0, colon)) + benchmark.substring(colon);
    }
}
