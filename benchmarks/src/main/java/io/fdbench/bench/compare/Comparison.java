package io.fdbench.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row-by-row verdicts between a baseline and a new set of JMH measurements.
 *
 * <p>Rows match on the benchmark, the values of the parameters both files have (so a parameter
 * added since the baseline does not break the match) and the mode; several rows on one side for
 * one key are reported, not judged. A row is a regression or an improvement only when its score
 * moved by more than the threshold <em>and</em> the two 99.9 % confidence intervals (score ±
 * error) are disjoint. A row without an interval on either side (JMH gives none below three
 * samples: a quick run) that moved beyond the threshold is {@link Verdict#CHANGED_NO_ERROR},
 * never a regression. The unit gives the direction ({@code X/op}: lower is better,
 * {@code ops/X}: higher is better; other units get no verdict). The same row measured in
 * another unit or only in another mode cannot be compared: a {@link Mismatch}.
 */
public final class Comparison {

    /** What a matched pair of rows says. */
    public enum Verdict {
        REGRESSION, IMPROVEMENT, NOISE, CHANGED_NO_ERROR, SAME, NO_RATIO, NO_DIRECTION;

        public String label() {
            return switch (this) {
                case REGRESSION -> "REGRESSION";
                case IMPROVEMENT -> "improvement";
                case NOISE -> "noise (intervals overlap)";
                case CHANGED_NO_ERROR -> "changed, no error estimate";
                case SAME -> "same";
                case NO_RATIO -> "(a zero score: no ratio)";
                case NO_DIRECTION -> "(unit has no direction)";
            };
        }

        /** How a count of this verdict reads in a summary line. */
        public String counted() {
            return switch (this) {
                case REGRESSION -> "regression(s)";
                case IMPROVEMENT -> "improvement(s)";
                case NOISE -> "noise";
                case CHANGED_NO_ERROR -> "changed without an error estimate";
                case SAME -> "same";
                case NO_RATIO -> "with a zero score";
                case NO_DIRECTION -> "in units without a direction";
            };
        }
    }

    /** One matched pair of rows; {@code change} is new / baseline − 1 (NaN when the baseline is 0). */
    public record Line(Measurement baseline, Measurement current, double change, Verdict verdict) {
    }

    /** The matched lines, and the keys found on one side only or more than once. */
    public record Result(List<Line> lines, List<String> onlyInBaseline, List<String> onlyInNew,
                         List<String> ambiguous) {

        public long count(Verdict v) {
            return lines.stream().filter(l -> l.verdict() == v).count();
        }
    }

    /** Rows that match but cannot be compared (unit or mode differ); {@link #line()} is the new row's. */
    public static final class Mismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final long line;

        Mismatch(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private Comparison() {
    }

    /** Compares every new row with its baseline; {@code threshold} is relative (0.05 = 5 %). */
    public static Result compare(List<Measurement> baseline, List<Measurement> current, double threshold) {
        Map<String, List<Measurement>> before = byKeyAndMode(baseline);
        Map<String, List<Measurement>> after = byKeyAndMode(current);
        checkModes(baseline, current);
        List<Line> lines = new ArrayList<>();
        List<String> onlyInBaseline = new ArrayList<>();
        List<String> onlyInNew = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : after.entrySet()) {
            List<Measurement> old = before.get(e.getKey());
            Measurement now = e.getValue().get(0);
            if (old == null) {
                onlyInNew.add(label(now));
            } else if (old.size() > 1 || e.getValue().size() > 1) {
                ambiguous.add(label(now) + " (" + old.size() + " baseline rows, " + e.getValue().size() + " new)");
            } else {
                lines.add(line(old.get(0), now, threshold));
            }
        }
        for (Map.Entry<String, List<Measurement>> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                onlyInBaseline.add(label(e.getValue().get(0)));
            }
        }
        return new Result(lines, onlyInBaseline, onlyInNew, ambiguous);
    }

    /** The verdict on one pair of rows with the same key and mode. */
    static Line line(Measurement old, Measurement now, double threshold) {
        if (!old.unit().equals(now.unit())) {
            throw new Mismatch(now.line(), now.key() + " is in " + now.unit() + ", the baseline (line " + old.line()
                    + ") in " + old.unit() + ": re-run one of them with the same -tu");
        }
        double a = old.score();
        double b = now.score();
        double change = a == 0 ? Double.NaN : b / a - 1;
        int direction = direction(now.unit());
        Verdict v;
        if (direction == 0) {
            v = Verdict.NO_DIRECTION;
        } else if (a == 0 || b == 0) {
            v = a == b ? Verdict.SAME : Verdict.NO_RATIO;
        } else if (Math.abs(change) <= threshold) {
            v = Verdict.SAME;
        } else if (!old.hasErrorEstimate() || !now.hasErrorEstimate()) {
            v = Verdict.CHANGED_NO_ERROR;
        } else if (a + old.error() < b - now.error() || b + now.error() < a - old.error()) {
            boolean worse = direction < 0 ? b > a : b < a;
            v = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        } else {
            v = Verdict.NOISE;
        }
        return new Line(old, now, change, v);
    }

    /** −1: lower is better (per op), +1: higher is better (ops per time), 0: unknown. */
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

    private static String label(Measurement m) {
        return m.key() + " [" + m.mode() + "]";
    }

    /** Refuses a row measured on both sides, but in no mode the two sides share. */
    private static void checkModes(List<Measurement> baseline, List<Measurement> current) {
        Map<String, Map<String, Measurement>> before = modesByKey(baseline);
        Map<String, Map<String, Measurement>> after = modesByKey(current);
        for (Map.Entry<String, Map<String, Measurement>> e : after.entrySet()) {
            Map<String, Measurement> old = before.get(e.getKey());
            if (old != null && old.keySet().stream().noneMatch(e.getValue()::containsKey)) {
                Measurement now = e.getValue().values().iterator().next();
                Measurement was = old.values().iterator().next();
                throw new Mismatch(now.line(), now.key() + " is measured in mode " + now.mode() + ", the baseline (line "
                        + was.line() + ") in " + was.mode() + ": run both with the same -bm");
            }
        }
    }

    private static Map<String, Map<String, Measurement>> modesByKey(List<Measurement> side) {
        Map<String, Map<String, Measurement>> out = new LinkedHashMap<>();
        for (Measurement m : side) {
            out.computeIfAbsent(m.key(), k -> new LinkedHashMap<>()).putIfAbsent(m.mode(), m);
        }
        return out;
    }

    private static Map<String, List<Measurement>> byKeyAndMode(List<Measurement> side) {
        Map<String, List<Measurement>> out = new LinkedHashMap<>();
        for (Measurement m : side) {
            out.computeIfAbsent(m.key() + "\u0000" + m.mode(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }
}
