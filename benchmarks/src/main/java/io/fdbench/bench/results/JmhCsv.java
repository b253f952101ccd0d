package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public static CsvTable read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses and validates JMH CSV text: the fixed columns, integer Threads/Samples, and Score and
     * Score Error as numbers with a decimal point ({@code NaN} allowed for the error).
     */
    public static CsvTable parse(String text) {
        List<List<String>> records = Csv.records(text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("not a JMH CSV: empty");
        }
        List<String> h = records.get(0);
        for (int i = 0; i < COLUMNS.size(); i++) {
            String found = i < h.size() ? h.get(i) : "(missing)";
            if (!COLUMNS.get(i).equals(found)) {
                String hint = found.contains(",") || found.contains("99,9")
                        ? " (written in a locale with a decimal comma; run JMH with -Duser.language=en)" : "";
                throw new IllegalArgumentException("not a JMH CSV: column " + (i + 1) + " is '" + found
                        + "', expected '" + COLUMNS.get(i) + "'" + hint);
            }
        }
        for (int i = COLUMNS.size(); i < h.size(); i++) {
            if (!h.get(i).startsWith(PARAM_PREFIX)) {
                throw new IllegalArgumentException("not a plain JMH CSV: column " + (i + 1) + " '" + h.get(i)
                        + "' is not a parameter column (already post-processed?)");
            }
        }
        CsvTable t = new CsvTable(h, records.subList(1, records.size()));
        for (int r = 0; r < t.rows().size(); r++) {
            JmhRow row = new JmhRow(h, t.rows().get(r));
            int line = r + 2;
            checkInteger(row.cell("Threads"), "Threads", line);
            checkInteger(row.cell("Samples"), "Samples", line);
            checkNumber(row.cell("Score"), "Score", line);
            checkNumber(row.cell("Score Error (99.9%)"), "Score Error (99.9%)", line);
        }
        return t;
    }

    /** Writes a (possibly extended) JMH table exactly as JMH quotes it, with CRLF line ends. */
    public static String format(CsvTable table) {
        return Csv.format(table, (column, cell) -> QUOTED.contains(column));
    }

    private static void checkInteger(String v, String column, int line) {
        try {
            Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + column + " '" + v + "' is not an integer");
        }
    }

    private static void checkNumber(String v, String column, int line) {
        try {
            Num.parse(v);
        } catch (NumberFormatException e) {
            String hint = v.contains(",") ? " (decimal comma: run JMH with -Duser.language=en)" : "";
            throw new IllegalArgumentException("line " + line + ": " + column + " '" + v + "' is not a number" + hint);
        }
    }
}
