package io.fdbench.bench.compare;

import io.fdbench.bench.compare.Comparison.Line;
import io.fdbench.bench.compare.Comparison.Verdict;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhResults;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.JmhRowSource;
import io.fdbench.bench.results.ResultFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code compare --confirm} re-runs: the flagged rows (a regression or an improvement) of the
 * new side, each as one JMH run of just its benchmark method ({@link Rerun#include}, an exact
 * regex) and just its parameter values ({@code -p name=value}, every parameter the row has), with
 * more forks. A flagged secondary row ({@code gemm:mflop}) re-runs its primary benchmark; rows of
 * one benchmark and parameter set are run once. The family comes from the file's stem (a
 * timestamped name such as {@code kernel-20250601-142233.csv} counts as {@code kernel}).
 */
final class ConfirmPlan {

    /** {@code -yyyyMMdd-HHmmss} and an optional {@code -N}, as {@code ResultFiles} names a second file. */
    private static final Pattern STAMPED = Pattern.compile("(.+)-[0-9]{8}-[0-9]{6}(-[0-9]+)?");

    /**
     * One re-run.
     *
     * @param file      the new side's file the flagged rows came from
     * @param family    the family that measures them
     * @param benchmark the primary benchmark's full name
     * @param params    every parameter of the row, by name (sorted)
     * @param flagged   the flagged lines this re-run decides
     * @param jmhArgs   the JMH command line: forks, parameters, extra options, the include regex
     */
    record Rerun(Path file, JmhFamily family, String benchmark, Map<String, String> params, List<Line> flagged,
                 List<String> jmhArgs) {

        /** The JMH include regex that matches this benchmark method and no other. */
        String include() {
            return include(benchmark);
        }

        static String include(String benchmark) {
            return "^" + Pattern.quote(benchmark) + "$";
        }

        /** The same run as a command a user can paste (arguments in single quotes where needed). */
        String commandLine() {
            StringBuilder sb = new StringBuilder("java -jar benchmarks.jar");
            for (String a : jmhArgs) {
                sb.append(' ').append(a.matches("[A-Za-z0-9_.,=:/+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
            return sb.toString();
        }
    }

    /** The new side's file and what comparing it gave. */
    record Input(Path current, Comparison.Result result) {
    }

    private ConfirmPlan() {
    }

    /** Whether a verdict is one {@code --confirm} re-runs before it stands. */
    static boolean flagged(Verdict v) {
        return v == Verdict.REGRESSION || v == Verdict.IMPROVEMENT;
    }

    /**
     * The re-runs for every flagged row of {@code inputs}.
     *
     * @param forks     forks of each re-run
     * @param extraArgs further JMH options for every re-run (e.g. {@code -i 10}), before the regex
     * @throws ResultFileException naming the file when no JMH family of {@code registry} owns it
     */
    static List<Rerun> plan(List<Input> inputs, List<BenchmarkFamily> registry, int forks, List<String> extraArgs) {
        List<Rerun> out = new ArrayList<>();
        for (Input in : inputs) {
            Map<String, List<Line>> byRun = new LinkedHashMap<>();
            Map<String, Map<String, String>> paramsByRun = new LinkedHashMap<>();
            Map<Long, List<JmhRow>> rowsByLine = null;
            for (Line l : in.result().lines()) {
                if (!flagged(l.verdict())) {
                    continue;
                }
                if (rowsByLine == null) {
                    rowsByLine = rowsByLine(in.current());
                }
                Measurement m = l.current();
                String primary = primary(m.benchmark());
                Map<String, String> params = params(rowsByLine, m, in.current());
                String key = primary + " " + params;
                byRun.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
                paramsByRun.putIfAbsent(key, params);
            }
            if (byRun.isEmpty()) {
                continue;
            }
            JmhFamily family = family(in.current(), registry);
            for (Map.Entry<String, List<Line>> e : byRun.entrySet()) {
                Map<String, String> params = paramsByRun.get(e.getKey());
                String benchmark = primary(e.getValue().get(0).current().benchmark());
                List<String> args = new ArrayList<>(List.of("-f", Integer.toString(forks)));
                params.forEach((name, value) -> args.addAll(List.of("-p", name + "=" + value)));
                args.addAll(extraArgs);
                args.add(Rerun.include(benchmark));
                out.add(new Rerun(in.current(), family, benchmark, params, List.copyOf(e.getValue()), List.copyOf(args)));
            }
        }
        return out;
    }

    /** {@code b.K.gemm} for {@code b.K.gemm:mflop}. */
    static String primary(String benchmark) {
        int colon = benchmark.indexOf(':');
        return colon < 0 ? benchmark : benchmark.substring(0, colon);
    }

    /** The family whose results {@code file} holds, by its stem. */
    static JmhFamily family(Path file, List<BenchmarkFamily> registry) {
        String stem = JmhResults.stem(file);
        var stamped = STAMPED.matcher(stem);
        String name = stamped.matches() ? stamped.group(1) : stem;
        for (BenchmarkFamily f : registry) {
            if (f.name().equals(name) && f instanceof JmhFamily j) {
                return j;
            }
        }
        throw new ResultFileException(file, "--confirm cannot re-run its rows: no JMH family of this suite is named '"
                + name + "'");
    }

    private static Map<Long, List<JmhRow>> rowsByLine(Path file) {
        Map<Long, List<JmhRow>> rows = new LinkedHashMap<>();
        try (JmhRowSource r = JmhResults.open(file)) {
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                rows.computeIfAbsent(r.line(), k -> new ArrayList<>()).add(row);
            }
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(file, e);
        }
        return rows;
    }

    /** Every parameter of the row {@code m} was read from (not only those both sides share). */
    private static Map<String, String> params(Map<Long, List<JmhRow>> rowsByLine, Measurement m, Path file) {
        for (JmhRow row : rowsByLine.getOrDefault(m.line(), List.of())) {
            if (row.benchmark().equals(m.benchmark())) {
                Map<String, String> params = new TreeMap<>();
                for (int i = 0; i < row.header().size(); i++) {
                    String h = row.header().get(i);
                    if (h.startsWith(JmhCsv.PARAM_PREFIX) && !row.cells().get(i).isEmpty()) {
                        params.put(h.substring(JmhCsv.PARAM_PREFIX.length()), row.cells().get(i));
                    }
                }
                return params;
            }
        }
        throw new ResultFileException(file, "line " + m.line() + ": " + m.benchmark() + " changed while compare read it");
    }
}
