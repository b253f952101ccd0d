package io.fdbench.bench.compare;

import io.fdbench.bench.cli.EnvironmentException;
import io.fdbench.bench.compare.ConfirmPlan.Rerun;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.suite.SuiteRunner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code compare --confirm}'s re-runs through the suite runner (the same fork probe, JVM
 * flags, settings and atomic result files as the suite), each into {@code outDir} as
 * {@code <family>.csv}/{@code .json}/{@code -env.csv} (timestamped names after the first). JMH's
 * progress goes to stderr, so stdout stays the comparison (a Markdown comment stays clean).
 */
final class Confirmation {

    private Confirmation() {
    }

    /** The CSV each re-run wrote. */
    static Map<Rerun, Path> run(List<Rerun> reruns, Path outDir, PrintStream log) throws IOException {
        Map<Rerun, Path> written = new LinkedHashMap<>();
        PrintStream stdout = System.out;
        System.setOut(log); // JMH prints its progress to System.out
        try {
            for (Rerun r : reruns) {
                log.println("compare --confirm: " + r.commandLine());
                CommandLineOptions cli;
                try {
                    cli = new CommandLineOptions(r.jmhArgs().toArray(new String[0]));
                } catch (CommandLineOptionException e) {
                    throw new EnvironmentException("--confirm-jmh: JMH refused the re-run's options: " + e.getMessage());
                }
                List<String> commandLine = new java.util.ArrayList<>(List.of("java -jar benchmarks.jar"));
                commandLine.addAll(r.jmhArgs());
                SuiteRunner runner = new SuiteRunner(cli, Profile.FULL, outDir, commandLine, new ResultFiles());
                try {
                    written.put(r, runner.run(new RerunFamily(r.family(), r.include(), r.params()), log).csv());
                } catch (RunnerException e) {
                    String m = e.getMessage() == null ? "JMH failed" : e.getMessage().lines().findFirst().orElse("");
                    throw new EnvironmentException("--confirm: the re-run of " + r.benchmark() + " failed: " + m);
                }
            }
        } finally {
            System.setOut(stdout);
        }
        return written;
    }
}
