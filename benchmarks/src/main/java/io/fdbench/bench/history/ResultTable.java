package io.fdbench.bench.history;

import java.time.Instant;
import java.util.List;

/**
 * One JMH result CSV of a run folder ({@code kernel.csv}) with what its env file says about it.
 *
 * @param stem    the file name without {@code .csv}: the family, e.g. {@code kernel}
 * @param machine what measured it
 * @param commit  the git commit of the code measured ({@code git.commit}), or {@code unknown}
 * @param dirty   whether the working tree had uncommitted changes ({@code git.dirty=true})
 * @param date    when the family's run ended ({@code date}, or the peers' {@code runner.date})
 * @param profile the suite's profile ({@code full}, {@code quick}; the peers' {@code runner.mode}), or {@code unknown}
 * @param rows    every row, primary and secondary results alike, in file order
 */
public record ResultTable(String stem, Machine machine, String commit, boolean dirty, Instant date,
                          String profile, List<ResultRow> rows) {

    public ResultTable {
        rows = List.copyOf(rows);
    }
}
