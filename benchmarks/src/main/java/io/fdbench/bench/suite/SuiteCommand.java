package io.fdbench.bench.suite;

import io.fdbench.bench.command.SweepCommand;
import io.fdbench.bench.epoch.FullEpochExtrapolation;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.ResultFiles;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code suite}: the default action of benchmarks.jar. Runs every registered {@link Families
 * family} (or those named by {@code --family}) with the full or {@code --quick} settings, writes
 * {@code <family>.csv} and {@code <family>-env.csv} into {@code --out DIR} (default
 * {@code results/}) and prints a summary table. JMH's own single-dash options may be mixed in
 * ({@code -f 1 -wi 2 -p impl=scalar -prof gc -jvm PATH}); they override the family defaults.
 * Not accepted here: a regex (use {@code --family}), {@code -rf}/{@code -rff} (the suite always
 * writes CSV into {@code --out}), and the listing options {@code -l -lp -lrf -lprof -h}.
 */
public final class SuiteCommand extends FlagCommand {

    public static final String NAME = "suite";

    /** The non-JMH family: the step-size sweep, written by {@link SweepCommand}. */
    public static final String STEPSIZE = "stepsize";

    /** JMH options that take no value. */
    private static final Set<String> JMH_SWITCHES = Set.of("l", "lp", "lrf", "lprof", "h");

    private static final Flags FLAGS_FOR_ROUTING = flagsDeclared();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String summary() {
        return "Run the benchmark families and write results/<family>.csv and <family>-env.csv (the default)";
    }

    @Override
    public String help() {
        String nl = System.lineSeparator();
        return super.help()
                + "  JMH options      -f N, -wi N, -w TIME, -i N, -r TIME, -t N, -p name=v1,v2, -prof gc, -jvm PATH, ...:" + nl
                + "                   override the family defaults (see java -jar benchmarks.jar -h)" + nl
                + nl + "families: " + Families.ALL.stream().map(Family::name).collect(Collectors.joining(", "))
                + ", " + STEPSIZE + " (the sweep subcommand)" + nl;
    }

    @Override
    protected Flags flags() {
        return flagsDeclared();
    }

    private static Flags flagsDeclared() {
        return CommonFlags.output(new Flags())
                .value("family", "NAMES", "comma-separated families to run (default: all)")
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
        Path outDir = CommonFlags.outDir(flags);
        boolean sweep = !flags.has("family") || names(flags).contains(STEPSIZE);
        List<Family> families = new ArrayList<>();
        for (Family f : families(flags)) {
            java.util.Optional<String> skip = Families.skipReason(f);
            if (skip.isPresent()) {
                out.println("skipping family " + f.name() + ": " + skip.get());
            } else {
                families.add(f);
            }
        }
        List<String> jmhArgs = flags.passedThrough();
        for (String a : jmhArgs) {
            if (a.equals("-rf") || a.equals("-rff")) {
                throw new UsageException(a, "not used by the suite, which always writes CSV into --out DIR;"
                        + " run plain JMH (no suite flags) for other result files");
            }
            if (a.startsWith("-") && JMH_SWITCHES.contains(a.substring(1))) {
                throw new UsageException(a, "works in plain JMH mode only: java -jar benchmarks.jar " + a);
            }
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            String message = String.valueOf(e.getMessage()).replace('\n', ' ');
            throw new UsageException(jmhFlagNamedIn(message, jmhArgs), message);
        }
        List<String> commandLine = new ArrayList<>();
        commandLine.add("java -jar benchmarks.jar");
        commandLine.addAll(flags.has("quick") ? List.of("--quick") : List.of());
        commandLine.addAll(List.of("--out", outDir.toString()));
        flags.string("family").ifPresent(f -> commandLine.addAll(List.of("--family", f)));
        commandLine.addAll(jmhArgs);

        SuiteRunner runner = new SuiteRunner(cli, flags.has("quick"), outDir, commandLine, new ResultFiles());
        List<SuiteRunner.Outcome> outcomes;
        try {
            outcomes = runner.run(families, out);
        } catch (RunnerException e) {
            err.println(NAME + ": benchmark run failed: " + e.getMessage());
            return Exit.FAILURE;
        }
        Summary.print(outcomes, out);
        Map<String, CsvTable> tables = new LinkedHashMap<>();
        outcomes.forEach(o -> tables.put(o.family().name(), o.table()));
        PeerRatios.print(tables, outDir, out);
        for (SuiteRunner.Outcome o : outcomes) {
            if (o.family() == GradientCostFamily.FAMILY) {
                CsvTable full = FullEpochExtrapolation.from(o.table(), o.csv().getFileName().toString());
                if (!full.rows().isEmpty()) {
                    Path written = new ResultFiles().write(outDir, "epoch-full-extrapolated", ".csv",
                            Csv.format(full, (column, cell) -> false));
                    out.println("extrapolated FULL-evaluation epochs (not run): " + written);
                }
            }
        }
        if (sweep) {
            out.println();
            out.println("step-size error curves (" + STEPSIZE + ")");
            List<String> sweepArgs = new ArrayList<>(List.of("--out", outDir.toString()));
            if (flags.has("quick")) {
                sweepArgs.add("--quick");
            }
            return new SweepCommand().run(sweepArgs.toArray(new String[0]), out, err);
        }
        return Exit.OK;
    }

    private static List<String> names(Flags.Parsed flags) {
        List<String> names = new ArrayList<>();
        for (String n : flags.string("family").orElse("").split(",")) {
            names.add(n.trim());
        }
        return names;
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

    private static List<Family> families(Flags.Parsed flags) {
        if (!flags.has("family")) {
            return Families.ALL;
        }
        List<Family> chosen = new ArrayList<>();
        for (String name : names(flags)) {
            if (name.equals(STEPSIZE)) {
                continue;
            }
            Family f = Families.find(name).orElseThrow(() -> new UsageException("--family",
                    "unknown family '" + name + "' (known: "
                            + Families.ALL.stream().map(Family::name).collect(Collectors.joining(", ")) + ", "
                            + STEPSIZE + ")"));
            if (!chosen.contains(f)) {
                chosen.add(f);
            }
        }
        return chosen;
    }
}
