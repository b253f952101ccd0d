package io.fdbench.bench.results;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The rows of one JMH result file, in file order, whatever its format (CSV: {@link JmhCsvReader},
 * JSON: {@link JmhJsonReader}; {@link JmhResults#open} picks by file name). Rows have the CSV's
 * shape: {@link JmhCsv#COLUMNS}, then the {@code Param:} columns (and, in a suite CSV, derived
 * columns). Problems are {@link IllegalArgumentException}s starting with {@code line N:}.
 */
public interface JmhRowSource extends Closeable {

    /** The column names. */
    List<String> header();

    /** The next row, checked; null at the end. */
    JmhRow next() throws IOException;

    /** The line the last row returned by {@link #next} starts on (a JSON result's opening brace). */
    long line();
}
