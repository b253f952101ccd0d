package io.fdbench.bench.suite;

import io.fdbench.bench.cli.ResultOutput;
import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.ResultFiles;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs JMH families through the Runner API and post-processes their CSV.
 *
 * <p>For each family: probe the forks ({@link ForkProbe}), build options on top of the user's JMH
 * command line with {@code OptionsBuilder().parent(cli)} setting only what the user did not give
 * (forks, warmup/measurement iterations and times from the family's {@link RunSettings},
 * {@code -foe true}, family parameter defaults), run with CSV output into a hidden temporary in the
 * output folder ({@link ResultFiles#temporary}: deleted afterwards, by the shutdown hook, or by
 * the next run's sweep), append the family's {@link DerivedColumns} and the fork check
 * ({@link ForkAgreement}), and write {@code <family>.csv}, the same results as JMH's own JSON
 * {@code <family>.json} (what {@code -rf json} gives, for tools that read it), and
 * {@code <family>-env.csv} as one group through {@link ResultFiles}.
 */
public final class SuiteRunner {

    /** What one family produced. */
    public record Outcome(JmhFamily family, Path csv, Path json, Path env, CsvTable table, ForkInfo forks) {
    }

    private final Options cli;
    private final Profile profile;
    private final Path outDir;
    private final List<String> commandLine;
    private final ResultFiles files;

    public SuiteRunner(Options cli, Profile profile, Path outDir, List<String> commandLine, ResultFiles files) {
        this.cli = cli;
        this.profile = profile;
        this.outDir = outDir;
        this.commandLine = List.copyOf(commandLine);
        this.files = files;
    }

    /** Runs one family; JMH's {@code -foe} stops it at the first failing benchmark. */
    public Outcome run(JmhFamily family, PrintStream log) throws RunnerException, IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT); // JMH formats its CSV with the host's default locale
        try {
            return runFamily(family, log);
        } finally {
            Locale.setDefault(before);
        }
    }

    private Outcome runFamily(JmhFamily family, PrintStream log) throws RunnerException, IOException {
        RunSettings s = family.settings(profile);
        int forks = cli.getForkCount().orElse(s.forks());
        ForkInfo forkInfo = ForkProbe.probe(cli, family.benchmarks().get(0), forks);
        log.println("# fdbench family " + family.name() + ": forks use kernel " + forkInfo.get("kernel.best")
                + "; simd " + forkInfo.get("kernel.simd"));

        Files.createDirectories(outDir);
        try (ResultFiles.TempFile tmp = ResultFiles.temporary(outDir, "jmh-" + family.name() + ".csv")) {
            Options opts = options(family, s, forkInfo, tmp.path());
            Collection<RunResult> results = new Runner(opts).run();
            CsvTable jmh = JmhCsv.read(tmp.path());
            CsvTable table = ForkAgreement.apply(DerivedColumns.apply(jmh, family.derived()), results);
            String json = jmhJson(results);
            // A write that fails after the measurements (disk full) prints them to stderr, so the run is not lost.
            Map<String, Path> written = ResultOutput.writeOrPrint(files, outDir, family.name(),
                    List.of(".csv", ".json", "-env.csv"), paths -> {
                        Map<String, String> env = Environment.collect(family.name(), profile.label(),
                                paths.get(".csv").getFileName().toString(), commandLine, forkInfo.properties(),
                                results);
                        return Map.of(".csv", JmhCsv.format(table), ".json", json,
                                "-env.csv", Environment.format(env));
                    }, SuiteCommand.NAME, log);
            return new Outcome(family, written.get(".csv"), written.get(".json"), written.get("-env.csv"), table,
                    forkInfo);
        }
    }

    /**
     * The results as JMH's own JSON, the file {@code -rf json} would give (JMH's formatter, so
     * JMH Visualizer, github-action-benchmark and Bencher read it as it is); without the derived
     * columns, which only the CSV has.
     */
    static String jmhJson(Collection<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The effective options: the user's command line wins; the family fills in the rest. */
    Options options(JmhFamily family, RunSettings s, ForkInfo forkInfo, Path resultFile) {
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
            List<String> prepend = new ArrayList<>(ForkFlags.PREPEND);
            for (String a : cli.getJvmArgsPrepend().get()) {
                if (!prepend.contains(a)) {
                    prepend.add(a);
                }
            }
            b.jvmArgsPrepend(prepend.toArray(new String[0]));
        }
        if (!cli.getJvmArgs().hasValue()) {
            b.jvmArgs(ForkProbe.hostJvmArgs().toArray(new String[0]));
        }
        List<String> append = new ArrayList<>(ForkFlags.APPEND);
        if (cli.getJvmArgsAppend().hasValue()) {
            append.addAll(cli.getJvmArgsAppend().get());
        }
        b.jvmArgsAppend(append.toArray(new String[0]));
        family.params(forkInfo, profile).forEach((name, values) -> {
            if (!cli.getParameter(name).hasValue()) {
                b.param(name, values.toArray(new String[0]));
            }
        });
        b.resultFormat(ResultFormatType.CSV).result(resultFile.toString());
        return b.build();
    }
}
