package io.fdbench.bench.compare;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row-by-row verdicts between a baseline and a new JMH result table.
 *
 * <p>Rows match on the benchmark name and the values of the parameters both tables have, so a
 * parameter added since the baseline does not break the match (several rows on one side for one
 * key are reported, not judged). Following what performance engineers trust, a row is a
 * regression or an improvement only when its score moved by more than the threshold <em>and</em>
 * the two 99.9 % confidence intervals (score ± error) are disjoint; the unit gives the direction
 * ({@code X/op}: lower is better, {@code ops/X}: higher is better; other units get no verdict). A
 * missing error (NaN: two samples or fewer) counts as a zero-width interval.
 */
public final class Comparison {

    /** What a matched pair of rows says. */
    public enum Verdict {
        REGRESSION, IMPROVEMENT, NOISE, SAME, NO_DIRECTION;

        public String label() {
            return switch (this) {
                case REGRESSION -> "REGRESSION";
                case IMPROVEMENT -> "improvement";
                case NOISE -> "noise (intervals overlap)";
                case SAME -> "same";
                case NO_DIRECTION -> "(unit has no direction)";
            };
        }
    }

    /** One matched row: scores, errors, relative change (new / baseline − 1) and verdict. */
    public record Line(String benchmark, String params, String unit, double baseline, double baselineError,
                       double current, double currentError, double change, Verdict verdict) {
    }

    /** The matched lines, and the keys found on one side only or more than once. */
    public record Result(List<Line> lines, List<String> onlyInBaseline, List<String> onlyInNew,
                         List<String> ambiguous) {

        public long count(Verdict v) {
            return lines.stream().filter(l -> l.verdict() == v).count();
        }
    }

    private Comparison() {
    }

    /** Compares every row of {@code current} with its baseline; {@code threshold} is relative (0.05 = 5 %). */
    public static Result compare(CsvTable baseline, CsvTable current, double threshold) {
        List<String> common = new ArrayList<>();
        for (String h : baseline.header()) {
            if (h.startsWith(JmhCsv.PARAM_PREFIX) && current.header().contains(h)) {
                common.add(h);
            }
        }
        Map<String, List<JmhRow>> before = byKey(baseline, common);
        Map<String, List<JmhRow>> after = byKey(current, common);
        List<Line> lines = new ArrayList<>();
        List<String> onlyInBaseline = new ArrayList<>();
        List<String> onlyInNew = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (Map.Entry<String, List<JmhRow>> e : after.entrySet()) {
            List<JmhRow> old = before.get(e.getKey());
            if (old == null) {
                onlyInNew.add(e.getKey());
            } else if (old.size() > 1 || e.getValue().size() > 1) {
                ambiguous.add(e.getKey() + " (" + old.size() + " baseline rows, " + e.getValue().size() + " new)");
            } else {
                lines.add(line(old.get(0), e.getValue().get(0), common, threshold));
            }
        }
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                onlyInBaseline.add(k);
            }
        }
        return new Result(lines, onlyInBaseline, onlyInNew, ambiguous);
    }

    static Line line(JmhRow old, JmhRow now, List<String> params, double threshold) {
        double a = old.score();
        double b = now.score();
        double ea = errorOf(old);
        double eb = errorOf(now);
        String unit = now.unit();
        double change = b / a - 1;
        Verdict v;
        int direction = direction(unit);
        if (!old.unit().equals(unit)) {
            throw new IllegalArgumentException(old.benchmark() + " " + params(now, params) + ": unit changed from "
                    + old.unit() + " to " + unit + "; re-run the baseline with the same -tu");
        }
        if (direction == 0) {
            v = Verdict.NO_DIRECTION;
        } else if (Math.abs(change) <= threshold) {
            v = Verdict.SAME;
        } else if (a + ea < b - eb || b + eb < a - ea) {
            boolean worse = direction < 0 ? b > a : b < a;
            v = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        } else {
            v = Verdict.NOISE;
        }
        return new Line(now.benchmark(), params(now, params), unit, a, ea, b, eb, change, v);
    }

    /** −1: lower is better (time per op), +1: higher is better (ops per time), 0: unknown. */
    static int direction(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return -1;
        }
        if (u.startsWith("ops/")) {
            return 1;
        }
        return 0;
    }

    private static double errorOf(JmhRow r) {
        double e = r.scoreError();
        return Double.isNaN(e) ? 0 : Math.abs(e);
    }

    private static Map<String, List<JmhRow>> byKey(CsvTable t, List<String> params) {
        Map<String, List<JmhRow>> out = new LinkedHashMap<>();
        for (List<String> cells : t.rows()) {
            JmhRow r = new JmhRow(t.header(), cells);
            out.computeIfAbsent(r.benchmark() + " " + params(r, params), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static String params(JmhRow r, List<String> params) {
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            String v = r.cell(p);
            if (!v.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(p.substring(JmhCsv.PARAM_PREFIX.length())).append('=')
                        .append(v);
            }
        }
        return sb.toString();
    }
}
