package io.fdbench.bench.results;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JMH's CSV result format ({@code -rf csv}), read strictly and written back the way JMH writes it.
 *
 * <p>JMH writes the header {@code "Benchmark","Mode","Threads","Samples","Score","Score Error
 * (99.9%)","Unit"} followed by one {@code "Param: name"} column per parameter (alphabetical), CRLF
 * line ends, text cells of Benchmark, Mode and Unit in quotes, numbers bare. Numbers follow the JVM
 * locale: a German-locale JVM writes {@code 0,037773} (which splits the cell) and even renames the
 * header to {@code (99,9%)}. Such files are rejected with a message saying so; run JMH with
 * {@code -Duser.language=en} (the suite pins {@link java.util.Locale#ROOT}).
 */
public final class JmhCsv {

    /** JMH's fixed leading columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)", "Unit");

    /** Prefix of JMH's parameter columns. */
    public static final String PARAM_PREFIX = "Param: ";

    private static final Set<String> QUOTED = Set.of("Benchmark", "Mode", "Unit");

    private JmhCsv() {
    }

    /** Reads a whole plain JMH CSV file (strict UTF-8); for files of any size stream with {@link JmhCsvReader}. */
    public static CsvTable read(Path file) throws IOException {
        try (JmhCsvReader r = JmhCsvReader.open(file)) {
            return collect(r);
        }
    }

    /**
     * Parses and validates JMH CSV text: the fixed columns, integer Threads/Samples, and Score and
     * Score Error as numbers with a decimal point ({@code NaN} allowed for the error); further
     * columns must be JMH's {@code Param:} columns.
     */
    public static CsvTable parse(String text) {
        try (JmhCsvReader r = JmhCsvReader.of(new StringReader(text))) {
            return collect(r);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static CsvTable collect(JmhCsvReader r) throws IOException {
        List<String> h = r.header();
        for (int i = COLUMNS.size(); i < h.size(); i++) {
            if (!h.get(i).startsWith(PARAM_PREFIX)) {
                throw new IllegalArgumentException("not a plain JMH CSV: column " + (i + 1) + " '"
                        + JmhCsvReader.shown(h.get(i)) + "' is not a parameter column (already post-processed?)");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhRow row = r.next(); row != null; row = r.next()) {
            rows.add(row.cells());
        }
        return new CsvTable(h, rows);
    }

    /** Writes a (possibly extended) JMH table exactly as JMH quotes it, with CRLF line ends. */
    public static String format(CsvTable table) {
        return Csv.format(table, (column, cell) -> QUOTED.contains(column));
    }
}
