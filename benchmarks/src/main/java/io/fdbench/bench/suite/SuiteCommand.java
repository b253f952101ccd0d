package io.fdbench.bench.suite;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.family.Availability;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.history.HistoryLocation;
import io.fdbench.bench.history.RecordCommand;
import io.fdbench.bench.results.ResultFiles;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code suite}: the default action of benchmarks.jar. Runs the registered families (those in the
 * default suite, or those named by {@code --family}; {@code --with-peers} adds the peers first)
 * with the full or {@code --quick} profile, each JMH family through {@link SuiteRunner} and each
 * computed one in this JVM, into a run folder of its own ({@code results/runs/<date>-<time>-<commit>/},
 * or {@code --out DIR}), then prints a summary, writes the families' derived files and prints the
 * ratio lines. JMH's own single-dash options may be mixed in ({@code -f 1 -wi 2 -p impl=scalar
 * -prof gc -jvm PATH}); they override the family defaults. Not accepted here: a regex (use
 * {@code --family}), {@code -rf}/{@code -rff} (the suite always writes CSV), and the listing
 * options {@code -l -lp -lrf -lprof -h}.
 */
public final class SuiteCommand extends FlagCommand {

    public static final String NAME = "suite";

    /** The family {@code --with-peers} adds. */
    static final String PEERS = "peers";

    /** JMH options that take no value. */
    private static final Set<String> JMH_SWITCHES = Set.of("l", "lp", "lrf", "lprof", "h");

    private static final Flags FLAGS_FOR_ROUTING = flagsDeclared();

    private final List<BenchmarkFamily> registry;

    /** The suite over {@code registry}, in its order. */
    public SuiteCommand(List<BenchmarkFamily> registry) {
        this.registry = List.copyOf(registry);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String summary() {
        return "Run the benchmark families into a run folder of their own (the default action)";
    }

    @Override
    public String help() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(super.help());
        sb.append("  JMH options      -f N, -wi N, -w TIME, -i N, -r TIME, -t N, -p name=v1,v2, -prof gc, -jvm PATH, ...:")
                .append(nl).append("                   override the family defaults (see java -jar benchmarks.jar -h)")
                .append(nl).append(nl).append("families:").append(nl);
        for (BenchmarkFamily f : registry) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-14s %s%s%n", f.name(), f.description(),
                    f.inDefaultSuite() ? "" : " [not in the default suite]"));
        }
        return sb.toString();
    }

    @Override
    protected Flags flags() {
        return flagsDeclared();
    }

    private static Flags flagsDeclared() {
        return CommonFlags.output(new Flags())
                .value("family", "NAMES", "comma-separated families to run (default: every family of the default suite)")
                .flag("with-peers", "measure NumPy and PyTorch first, so the ratio lines compare figures of one run")
                .flag("wait", "wait for another JMH run's lock instead of stopping")
                .flag("record", "when the suite finishes, store its run folder in the history database (see record)")
                .value(HistoryLocation.FLAG, "PATH_OR_JDBC_URL", "the history database of --record (default "
                        + HistoryLocation.DEFAULT_FILE_NAME + ", or a jdbc:postgresql:// URL)")
                .passSingleDash(JMH_SWITCHES);
    }

    /** Whether {@code token} is one of this command's {@code --} flags (routes a command line here). */
    public static boolean isSuiteFlag(String token) {
        return !token.equals("--help") && FLAGS_FOR_ROUTING.declares(token);
    }

    @Override
    protected int execute(Flags.Parsed flags, PrintStream out, PrintStream err) throws Exception {
        if (!flags.positional().isEmpty()) {
            throw new UsageException(flags.positional().get(0),
                    "the suite takes no regex; use --family NAME, or plain JMH without suite flags");
        }
        Profile profile = Profile.of(flags.has("quick"));
        List<BenchmarkFamily> chosen = families(flags);
        List<String> jmhArgs = flags.passedThrough();
        CommandLineOptions cli = jmhOptions(jmhArgs);
        Path outDir = CommonFlags.outDir(flags);
        if (flags.has(HistoryLocation.FLAG) && !flags.has("record")) {
            throw new UsageException("--" + HistoryLocation.FLAG, "only used with --record");
        }
        // Before an hour of benchmarks: the history database of --record answers and can take the run.
        HistoryLocation history = flags.has("record") ? RecordCommand.checkBeforeRun(flags) : null;

        List<BenchmarkFamily> runnable = new ArrayList<>();
        for (BenchmarkFamily f : chosen) {
            Availability a = f.availability();
            if (a.available()) {
                runnable.add(f);
            } else {
                out.println("skipping family " + f.name() + ": " + a.reason());
            }
        }
        if (runnable.stream().anyMatch(f -> f instanceof JmhFamily)) {
            Path lock = JmhLock.file();
            if (flags.has("wait")) {
                JmhLock.await(lock, err);
            } else {
                var held = JmhLock.probe(lock);
                if (held.isPresent()) {
                    err.println(NAME + ": error: " + held.get() + "; wait for it with --wait, or stop that run");
                    return Exit.ENVIRONMENT;
                }
            }
        }
        // Before anything runs: the folder exists and takes a probe, and the disk has room for the
        // CSVs (a full suite writes well under 1 MB; 4 MiB leaves a margin). Failing is exit 3.
        ResultFiles.checkWritable(outDir, 4L << 20);

        List<String> commandLine = new ArrayList<>();
        commandLine.add("java -jar benchmarks.jar");
        commandLine.addAll(profile == Profile.QUICK ? List.of("--quick") : List.of());
        commandLine.addAll(List.of("--out", outDir.toString()));
        flags.string("family").ifPresent(f -> commandLine.addAll(List.of("--family", f)));
        if (flags.has("with-peers")) {
            commandLine.add("--with-peers");
        }
        commandLine.addAll(jmhArgs);

        Map<BenchmarkFamily, Double> estimate = new LinkedHashMap<>();
        for (BenchmarkFamily f : runnable) {
            estimate.put(f, estimatedSeconds(f, cli, profile));
        }
        out.println("suite: " + runnable.size() + " families into " + outDir + ", about "
                + SuitePlan.duration(estimate.values().stream().mapToDouble(Double::doubleValue).sum()));

        SuiteRunner runner = new SuiteRunner(cli, profile, outDir, commandLine, new ResultFiles());
        List<SuiteRunner.Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        // The JMH families' estimate is rescaled by how the finished ones compared with theirs
        // (fork start-up and @Setup checks vary by machine); a computed family keeps its own.
        double jmhEstimated = 0;
        double jmhElapsed = 0;
        for (int i = 0; i < runnable.size(); i++) {
            BenchmarkFamily f = runnable.get(i);
            double scale = jmhEstimated > 0 ? jmhElapsed / jmhEstimated : 1;
            double left = 0;
            for (BenchmarkFamily g : runnable.subList(i, runnable.size())) {
                left += estimate.get(g) * (g instanceof JmhFamily ? scale : 1);
            }
            err.println(progressLine(i, runnable.size(), f.name(), (System.nanoTime() - start) / 1e9, left));
            long familyStart = System.nanoTime();
            try {
                if (f instanceof JmhFamily j) {
                    outcomes.add(runner.run(j, out));
                } else if (f instanceof ComputedFamily c) {
                    c.run(new ComputedFamily.Context(outDir, profile, out, err));
                }
            } catch (RunnerException e) {
                err.println(NAME + ": family " + f.name() + " failed: " + e.getMessage());
                return Exit.FAILURE;
            }
            if (f instanceof JmhFamily) {
                jmhEstimated += estimate.get(f);
                jmhElapsed += (System.nanoTime() - familyStart) / 1e9;
            }
        }
        Summary.print(outcomes, out);
        RunTables run = RunTables.load(outDir);
        for (BenchmarkFamily f : runnable) {
            for (Map.Entry<String, String> file : f.derivedFiles(run).entrySet()) {
                out.println("derived (not run): " + new ResultFiles().write(outDir, file.getKey(), ".csv", file.getValue()));
            }
        }
        for (BenchmarkFamily f : registry) {
            List<String> lines = f.ratios(run);
            if (!lines.isEmpty()) {
                out.println();
                out.println("== ratios (" + f.name() + "; float32)");
                lines.forEach(out::println);
            }
        }
        out.println();
        out.println("run folder: " + outDir);
        if (history != null) {
            return RecordCommand.recordFinishedRun(outDir, history, out, err);
        }
        return Exit.OK;
    }

    private static String progressLine(int index, int count, String name, double elapsed, double left) {
        return String.format(java.util.Locale.ROOT, "suite: family %d/%d %s; %s elapsed, about %s left (until %s)",
                index + 1, count, name, SuitePlan.duration(elapsed), SuitePlan.duration(left),
                LocalTime.now().plusSeconds(Math.round(left)).format(DateTimeFormatter.ofPattern("HH:mm")));
    }

    private double estimatedSeconds(BenchmarkFamily f, CommandLineOptions cli, Profile profile) {
        if (f instanceof JmhFamily j) {
            // Parameter defaults for a machine with SIMD; the forks' probe may drop one value.
            Map<String, List<String>> defaults = j.params(new ForkInfo(Map.of("kernel.simd", "available")), profile);
            return SuitePlan.seconds(SuitePlan.rows(j, cli, defaults), j.settings(profile), cli);
        }
        return ((ComputedFamily) f).estimatedSeconds(profile);
    }

    private static CommandLineOptions jmhOptions(List<String> jmhArgs) {
        for (String a : jmhArgs) {
            if (a.equals("-rf") || a.equals("-rff")) {
                throw new UsageException(a, "not used by the suite, which always writes CSV into its run folder;"
                        + " run plain JMH (no suite flags) for other result files");
            }
            if (a.startsWith("-") && JMH_SWITCHES.contains(a.substring(1))) {
                throw new UsageException(a, "works in plain JMH mode only: java -jar benchmarks.jar " + a);
            }
        }
        try {
            return new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            String message = String.valueOf(e.getMessage()).replace('\n', ' ');
            throw new UsageException(jmhFlagNamedIn(message, jmhArgs), message);
        }
    }

    /** The option a JMH parse error is about: named in the message, or the one it abbreviates. */
    static String jmhFlagNamedIn(String message, List<String> jmhArgs) {
        for (String a : jmhArgs) {
            if (a.startsWith("-") && Pattern.compile("\\b" + Pattern.quote(a.substring(1)) + "\\b").matcher(message).find()) {
                return a;
            }
        }
        String first = message.split(" ", 2)[0].replace("'", "");
        return jmhArgs.stream().filter(a -> !first.isEmpty() && a.startsWith("-" + first))
                .findFirst().orElse("JMH options");
    }

    /** The families to run, in registry order: --family's names, else the default suite; peers first with --with-peers. */
    List<BenchmarkFamily> families(Flags.Parsed flags) {
        List<BenchmarkFamily> chosen = new ArrayList<>();
        if (flags.has("family")) {
            // an empty item (--family , or a,,b) is refused by list(), naming --family
            List<String> names = flags.list("family", registry.stream().map(BenchmarkFamily::name)
                    .collect(Collectors.joining(",")));
            for (String name : names) {
                if (registry.stream().noneMatch(f -> f.name().equals(name))) {
                    throw new UsageException("--family", "unknown family '" + name + "' (known: " + known() + ")");
                }
            }
            registry.stream().filter(f -> names.contains(f.name())).forEach(chosen::add);
        } else {
            registry.stream().filter(BenchmarkFamily::inDefaultSuite).forEach(chosen::add);
        }
        if (flags.has("with-peers")) {
            registry.stream().filter(f -> f.name().equals(PEERS) && !chosen.contains(f)).forEach(f -> chosen.add(0, f));
        }
        return chosen;
    }

    private String known() {
        return registry.stream().map(BenchmarkFamily::name).collect(Collectors.joining(", "));
    }
}
