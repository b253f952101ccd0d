package io.fdbench.bench.suite;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a row's forks agree. The JIT can compile the same code differently in two JVMs (the
 * "noise and JIT variance" of docs/results.md: boxed vector code in some forks), and pooling both forks'
 * samples into one error bar hides that. So every primary row gets a {@value #COLUMN} column:
 * {@code ok} when the forks' own 99.9 % confidence intervals overlap pairwise, {@code disagree}
 * followed by each fork's mean when two of them are disjoint, and empty with one fork (or fewer
 * than two samples per fork, where no interval exists).
 */
public final class ForkAgreement {

    /** The column's name. */
    public static final String COLUMN = "forks";

    public static final String OK = "ok";
    public static final String DISAGREE = "disagree";

    private static final double CONFIDENCE = 0.999;

    private ForkAgreement() {
    }

    /** The table with {@link #COLUMN} appended, from the per-fork statistics of {@code results}. */
    public static CsvTable apply(CsvTable table, Collection<RunResult> results) {
        Map<String, String> verdicts = new HashMap<>();
        for (RunResult r : results) {
            verdicts.put(key(r.getParams()), verdict(r));
        }
        return table.withColumns(List.of(COLUMN), cells -> {
            JmhRow row = new JmhRow(table, cells);
            return List.of(row.secondary() ? "" : verdicts.getOrDefault(key(row), ""));
        });
    }

    /** Whether a table's row was flagged. */
    public static boolean disagrees(JmhRow row) {
        return row.cell(COLUMN).startsWith(DISAGREE);
    }

    static String verdict(RunResult r) {
        List<Statistics> forks = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            forks.add(b.getPrimaryResult().getStatistics());
        }
        return verdict(forks);
    }

    /** The verdict over each fork's statistics. */
    static String verdict(List<Statistics> forks) {
        if (forks.size() < 2 || forks.stream().anyMatch(s -> s.getN() < 2)) {
            return "";
        }
        boolean disjoint = false;
        for (int i = 0; i < forks.size(); i++) {
            for (int j = i + 1; j < forks.size(); j++) {
                double[] a = forks.get(i).getConfidenceIntervalAt(CONFIDENCE);
                double[] b = forks.get(j).getConfidenceIntervalAt(CONFIDENCE);
                if (a[1] < b[0] || b[1] < a[0]) {
                    disjoint = true;
                }
            }
        }
        if (!disjoint) {
            return OK;
        }
        List<String> means = new ArrayList<>();
        for (Statistics s : forks) {
            means.add(Num.format(s.getMean()));
        }
        return DISAGREE + " " + String.join(" | ", means);
    }

    private static String key(BenchmarkParams p) {
        Map<String, String> params = new TreeMap<>();
        for (String k : p.getParamsKeys()) {
            params.put(k, p.getParam(k));
        }
        return p.getBenchmark() + " " + params;
    }

    private static String key(JmhRow row) {
        Map<String, String> params = new TreeMap<>();
        for (String h : row.header()) {
            if (h.startsWith(JmhCsv.PARAM_PREFIX)) {
                String v = row.cell(h);
                if (!v.isEmpty()) {
                    params.put(h.substring(JmhCsv.PARAM_PREFIX.length()), v);
                }
            }
        }
        return row.benchmark() + " " + params;
    }
}
