package io.fdbench.bench.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of one {@link SeriesKey}, oldest first (by date, then run key, so the order repeats).
 *
 * @param key    what the points share
 * @param points the points, in time order
 */
public record Series(SeriesKey key, List<SeriesPoint> points) {

    /** Time order of points: date, then run key. */
    public static final Comparator<SeriesPoint> TIME_ORDER =
            Comparator.comparing(SeriesPoint::date).thenComparing(SeriesPoint::runKey);

    public Series {
        points = points.stream().sorted(TIME_ORDER).toList();
    }

    /** Groups points into series, ordered by machine, benchmark, mode, unit and parameters. */
    public static List<Series> of(List<SeriesPoint> points) {
        Map<SeriesKey, List<SeriesPoint>> byKey = new LinkedHashMap<>();
        for (SeriesPoint p : points) {
            byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        List<Series> series = new ArrayList<>();
        byKey.forEach((k, v) -> series.add(new Series(k, v)));
        series.sort(Comparator.comparing((Series s) -> s.key().machine().label())
                .thenComparing(s -> s.key().benchmark())
                .thenComparing(s -> s.key().mode())
                .thenComparing(s -> s.key().unit())
                .thenComparing(s -> s.key().settingsText()));
        return series;
    }

    /** The scores in time order (double). */
    public double[] scores() {
        return points.stream().mapToDouble(SeriesPoint::score).toArray();
    }
}
