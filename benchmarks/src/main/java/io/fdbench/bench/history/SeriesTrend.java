package io.fdbench.bench.history;

import io.fdbench.bench.trend.ChangePoint;
import io.fdbench.bench.trend.EDivisive;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A series after change-point detection: the points that have a score (JMH writes NaN for a
 * benchmark that failed; those are left out), the shifts found among them, and how many
 * points were left out.
 *
 * @param key     the series
 * @param points  its points with a finite score, oldest first; the most recent
 *                {@link EDivisive#MAX_POINTS} when there are more
 * @param shifts  change points, each index into {@code points}
 * @param dropped points left out (no finite score, or older than the most recent {@link EDivisive#MAX_POINTS})
 */
public record SeriesTrend(SeriesKey key, List<SeriesPoint> points, List<ChangePoint> shifts, int dropped) {

    public SeriesTrend {
        points = List.copyOf(points);
        shifts = List.copyOf(shifts);
    }

    /** Runs {@code method} over the scores of {@code series} (double, in its unit). */
    public static SeriesTrend of(Series series, EDivisive method) {
        List<SeriesPoint> scored = series.points().stream().filter(p -> Double.isFinite(p.score())).toList();
        int dropped = series.points().size() - scored.size();
        if (scored.size() > EDivisive.MAX_POINTS) {
            dropped += scored.size() - EDivisive.MAX_POINTS;
            scored = scored.subList(scored.size() - EDivisive.MAX_POINTS, scored.size());
        }
        double[] scores = scored.stream().mapToDouble(SeriesPoint::score).toArray();
        return new SeriesTrend(series.key(), scored, method.detect(scores), dropped);
    }

    /** Whether the series has enough points for a split at all (two minimum segments). */
    public boolean longEnough(EDivisive method) {
        return points.size() >= 2 * method.minSegment();
    }

    /** The point where a shift starts: the first of the new level. */
    public SeriesPoint start(ChangePoint shift) {
        return points.get(shift.index());
    }

    /**
     * The shift in words for its unit: "slower"/"faster" for a time per operation
     * ({@code us/op}) or a throughput ({@code ops/s}), "higher"/"lower" otherwise.
     */
    public String direction(ChangePoint shift) {
        String unit = key.unit().trim();
        boolean up = shift.meanAfter() > shift.meanBefore();
        if (TIME_PER_OP.matcher(unit).matches()) {
            return up ? "slower" : "faster";
        }
        if (OPS_PER_TIME.matcher(unit).matches()) {
            return up ? "faster" : "slower";
        }
        return up ? "higher" : "lower";
    }

    private static final Pattern TIME_PER_OP = Pattern.compile("(ns|us|ms|s|min|hr|day)/op");
    private static final Pattern OPS_PER_TIME = Pattern.compile("ops/(ns|us|ms|s|min|hr|day)");
}
