package io.fdbench.bench.history;

import java.time.Instant;

/**
 * One stored result: a point of the series {@link #key}.
 *
 * @param key        the series
 * @param runKey     the run it belongs to
 * @param folder     the results folder it was recorded from
 * @param stem       its result file's stem ({@code kernel})
 * @param commit     the git commit measured
 * @param dirty      whether that working tree had uncommitted changes
 * @param date       when its family's run ended
 * @param score      the score in the key's unit (double); NaN when unknown
 * @param scoreError half width of the 99.9 % interval; NaN when unknown
 * @param samples    JMH samples
 */
public record SeriesPoint(SeriesKey key, String runKey, String folder, String stem, String commit, boolean dirty,
                          Instant date, double score, double scoreError, long samples) {

    /** The commit as shown: 7 hex digits, {@code +} when the tree was dirty. */
    public String shortCommit() {
        String c = commit.length() > 7 && commit.matches("[0-9a-f]+") ? commit.substring(0, 7) : commit;
        return dirty ? c + "+" : c;
    }
}
