package io.fdbench.bench.suite;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.ResultFiles;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs families through the JMH Runner API and post-processes their CSV.
 *
 * <p>For each family: probe the forks ({@link ForkProbe}), build options on top of the user's JMH
 * command line with {@code OptionsBuilder().parent(cli)} setting only what the user did not give
 * (forks, warmup/measurement iterations and times, {@code -foe true}, family parameter defaults),
 * run with CSV output into a temp file in the output folder, append the family's
 * {@link DerivedColumns}, and write {@code <family>.csv} plus {@code <family>-env.csv} through
 * {@link ResultFiles}. The temp file is deleted afterwards.
 */
public final class SuiteRunner {

    /** JVM flags every fork needs; mirrors the benchmarks' {@code @Fork(jvmArgsPrepend)}. */
    public static final List<String> FORK_FLAGS = List.of("--add-modules=jdk.incubator.vector", "-Duser.language=en");

    /** Appended to every fork's arguments so fork output uses a decimal point. */
    public static final List<String> LOCALE_FLAGS = List.of("-Duser.language=en", "-Duser.country=US");

    /** What one family produced. */
    public record Outcome(Family family, Path csv, Path env, CsvTable table, ForkInfo forks) {
    }

    private final Options cli;
    private final boolean quick;
    private final Path outDir;
    private final List<String> commandLine;
    private final ResultFiles files;

    public SuiteRunner(Options cli, boolean quick, Path outDir, List<String> commandLine, ResultFiles files) {
        this.cli = cli;
        this.quick = quick;
        this.outDir = outDir;
        this.commandLine = List.copyOf(commandLine);
        this.files = files;
    }

    /** Runs the families in order; stops at the first failure (JMH's {@code -foe}). */
    public List<Outcome> run(List<Family> families, PrintStream log) throws RunnerException, IOException {
        List<Outcome> outcomes = new ArrayList<>();
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT); // JMH formats its CSV with the host's default locale
        try {
            for (Family f : families) {
                outcomes.add(runFamily(f, log));
            }
        } finally {
            Locale.setDefault(before);
        }
        return outcomes;
    }

    Outcome runFamily(Family family, PrintStream log) throws RunnerException, IOException {
        Settings s = family.settings(quick);
        int forks = cli.getForkCount().orElse(s.forks());
        ForkInfo forkInfo = ForkProbe.probe(cli, family.benchmark(), forks);
        log.println("# fdbench family " + family.name() + ": forks use kernel " + forkInfo.get("kernel.best")
                + "; simd " + forkInfo.get("kernel.simd"));

        Files.createDirectories(outDir);
        Path tmp = Files.createTempFile(outDir, ".jmh-" + family.name() + "-", ".csv");
        try {
            Options opts = options(family, s, forkInfo, tmp);
            Collection<RunResult> results = new Runner(opts).run();
            CsvTable jmh = JmhCsv.read(tmp);
            CsvTable table = DerivedColumns.apply(jmh, family.derived());
            Map<String, Path> written = files.write(outDir, family.name(), List.of(".csv", "-env.csv"), paths -> {
                Map<String, String> env = Environment.collect(family, quick,
                        paths.get(".csv").getFileName().toString(), commandLine, forkInfo, results);
                return Map.of(".csv", JmhCsv.format(table), "-env.csv", Environment.format(env));
            });
            Path csv = written.get(".csv");
            Path envFile = written.get("-env.csv");
            return new Outcome(family, csv, envFile, table, forkInfo);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The effective options: the user's command line wins; the family fills in the rest. */
    Options options(Family family, Settings s, ForkInfo forkInfo, Path resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).include(family.include());
        if (!cli.getForkCount().hasValue()) {
            b.forks(s.forks());
        }
        if (!cli.getWarmupIterations().hasValue()) {
            b.warmupIterations(s.warmupIterations());
        }
        if (!cli.getWarmupTime().hasValue()) {
            b.warmupTime(s.warmupTime());
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            b.measurementIterations(s.measurementIterations());
        }
        if (!cli.getMeasurementTime().hasValue()) {
            b.measurementTime(s.measurementTime());
        }
        if (!cli.shouldFailOnError().hasValue()) {
            b.shouldFailOnError(true);
        }
        if (cli.getJvmArgsPrepend().hasValue()) {
            // A command-line -jvmArgsPrepend replaces @Fork's list: keep the flags the forks need.
            List<String> prepend = new ArrayList<>(FORK_FLAGS);
            for (String a : cli.getJvmArgsPrepend().get()) {
                if (!prepend.contains(a)) {
                    prepend.add(a);
                }
            }
            b.jvmArgsPrepend(prepend.toArray(new String[0]));
        }
        // Host JVM arguments (e.g. -Duser.language=de) reach the forks after @Fork's prepend list;
        // the append list comes last, so the locale pin goes there.
        List<String> append = new ArrayList<>(LOCALE_FLAGS);
        if (cli.getJvmArgsAppend().hasValue()) {
            append.addAll(cli.getJvmArgsAppend().get());
        }
        b.jvmArgsAppend(append.toArray(new String[0]));
        family.paramsFor(forkInfo, quick).forEach((name, values) -> {
            if (!cli.getParameter(name).hasValue()) {
                b.param(name, values.toArray(new String[0]));
            }
        });
        b.resultFormat(ResultFormatType.CSV).result(resultFile.toString());
        return b.build();
    }
}
