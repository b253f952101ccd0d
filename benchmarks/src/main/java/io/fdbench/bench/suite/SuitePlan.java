package io.fdbench.bench.suite;

import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.RunSettings;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How long a JMH family will take: its parameter combinations (the benchmark list's {@code @Param}
 * values, replaced by the family's defaults and the user's {@code -p}) × forks × timed iterations,
 * plus an allowance per fork for JVM start-up and the {@code @Setup} checks. The suite sums these
 * into one estimate for the whole run and updates it as families finish.
 */
final class SuitePlan {

    /** JVM start, class loading and the {@code @Setup} answer checks of one fork, measured roughly. */
    static final double SECONDS_PER_FORK = 2.0;

    private SuitePlan() {
    }

    /** Parameter combinations the family will run. */
    static int rows(JmhFamily family, Options cli, Map<String, List<String>> defaults) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        int rows = 0;
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(silent, List.of(family.include()), List.of())) {
            int combos = 1;
            if (e.getParams().hasValue()) {
                for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
                    Collection<String> user = cli.getParameter(p.getKey()).orElse(null);
                    List<String> family1 = defaults.get(p.getKey());
                    combos *= user != null ? user.size() : family1 != null ? family1.size() : p.getValue().length;
                }
            }
            rows += combos;
        }
        return rows;
    }

    /** Estimated seconds for {@code rows} combinations under {@code s} (the user's options win). */
    static double seconds(int rows, RunSettings s, Options cli) {
        int forks = cli.getForkCount().orElse(s.forks());
        RunSettings effective = new RunSettings(Math.max(forks, 1),
                cli.getWarmupIterations().orElse(s.warmupIterations()), cli.getWarmupTime().orElse(s.warmupTime()),
                cli.getMeasurementIterations().orElse(s.measurementIterations()),
                cli.getMeasurementTime().orElse(s.measurementTime()));
        return rows * (effective.secondsPerRow() + effective.forks() * SECONDS_PER_FORK);
    }

    /** "12 min 30 s", "45 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
