package io.fdbench.bench.family;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;

import java.util.List;
import java.util.Map;

/**
 * A benchmark family: the unit of the suite, of {@code --family}, of a run folder's files
 * ({@code <name>.csv}, {@code <name>-env.csv}), of the report's charts and of the ratio lines.
 * Everything the suite, {@code report} and {@code compare} need to know about a family is asked
 * here, so adding a family is one new package that implements {@link JmhFamily} (timed by JMH in
 * forks) or {@link ComputedFamily} (computed in this JVM, like the step-size sweep) and one line
 * in the registry ({@code io.fdbench.bench.Families}).
 */
public interface BenchmarkFamily {

    /** File stem and {@code --family} value, e.g. {@code kernel}. */
    String name();

    /** One line for {@code --help} and the report: what the family measures. */
    String description();

    /** Whether the family can run on this machine (its data or peer programs are present). */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /** Whether a plain suite run includes it ({@code --family} can still name it). */
    default boolean inDefaultSuite() {
        return true;
    }

    /**
     * Files derived from a finished run, written into the run folder after every family ran
     * (e.g. the extrapolated FULL-evaluation epochs), keyed by file stem; each must say in its
     * rows what it was derived from.
     */
    default Map<String, String> derivedFiles(RunTables run) {
        return Map.of();
    }

    /**
     * The family's charts for {@code report}, drawn from a run folder's tables, each with the
     * provenance of the files it shows; empty when the run has none of its files.
     */
    default List<Figure> figures(RunTables run) {
        return List.of();
    }

    /** Further files of a run (stems) whose tables the report shows; their absence is listed as missing. */
    default List<String> tableInputs() {
        return List.of();
    }

    /** The key tables {@code report}'s page shows beside the charts. */
    default List<KeyTable> keyTables(RunTables run) {
        return List.of();
    }

    /**
     * Lines comparing this run with other implementations (the peers), printed after the suite's
     * summary; empty when the run holds nothing to compare.
     */
    default List<String> ratios(RunTables run) {
        return List.of();
    }
}
