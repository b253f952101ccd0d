package io.fdbench.bench.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the rows of a JMH CSV ({@code -rf csv}, optionally with derived columns after JMH's),
 * one validated {@link JmhRow} at a time, so memory does not grow with the file. The header must
 * start with {@link JmhCsv#COLUMNS}; every row must have the header's width, integer
 * {@code Threads} and {@code Samples}, and numbers with a decimal point in {@code Score} and
 * {@code Score Error (99.9%)} ({@code NaN} parses; whether it is acceptable is the caller's
 * call). Problems are {@link IllegalArgumentException}s starting with {@code line N:}.
 */
public final class JmhCsvReader implements JmhRowSource {

    private final CsvReader csv;
    private final List<String> header;

    private JmhCsvReader(CsvReader csv) throws IOException {
        this.csv = csv;
        List<String> h;
        try {
            h = csv.next();
        } catch (RuntimeException | IOException e) {
            csv.close();
            throw e;
        }
        if (h == null) {
            csv.close();
            throw new IllegalArgumentException("empty file, not a JMH result CSV");
        }
        try {
            checkHeader(h);
        } catch (IllegalArgumentException e) {
            csv.close();
            throw e;
        }
        this.header = List.copyOf(h);
    }

    /** Opens a file (strict UTF-8) and checks its header. */
    public static JmhCsvReader open(Path file) throws IOException {
        return new JmhCsvReader(CsvReader.open(file));
    }

    /** Reads JMH CSV text from any reader and checks its header. */
    public static JmhCsvReader of(Reader reader) throws IOException {
        return new JmhCsvReader(new CsvReader(reader));
    }

    /** Whether a header starts with JMH's columns. */
    public static boolean isJmhHeader(List<String> h) {
        return h.size() >= JmhCsv.COLUMNS.size() && h.subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS);
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** The line the last row returned by {@link #next} starts on. */
    @Override
    public long line() {
        return csv.line();
    }

    /** The next row, checked; null at the end. */
    @Override
    public JmhRow next() throws IOException {
        List<String> cells = csv.next();
        if (cells == null) {
            return null;
        }
        long line = csv.line();
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("line " + line + ": " + cells.size() + " cells, the header has "
                    + header.size());
        }
        JmhRow row = new JmhRow(header, List.copyOf(cells));
        checkInteger(row.cell("Threads"), "Threads", line);
        checkInteger(row.cell("Samples"), "Samples", line);
        checkNumber(row.cell("Score"), "Score", line);
        checkNumber(row.cell("Score Error (99.9%)"), "Score Error (99.9%)", line);
        return row;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /** A cell as it may appear in a message: at most 40 characters, control characters as '?'. */
    public static String shown(String cell) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cell.length() && i < 40; i++) {
            char c = cell.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return cell.length() > 40 ? sb + "..." : sb.toString();
    }

    static void checkHeader(List<String> h) {
        for (int i = 0; i < JmhCsv.COLUMNS.size(); i++) {
            String found = i < h.size() ? h.get(i) : "(missing)";
            if (!JmhCsv.COLUMNS.get(i).equals(found)) {
                String hint = found.contains(",") || found.contains("99,9")
                        ? " (written in a locale with a decimal comma; run JMH with -Duser.language=en)" : "";
                throw new IllegalArgumentException("line 1: not a JMH result CSV: column " + (i + 1) + " is '"
                        + shown(found) + "', expected '" + JmhCsv.COLUMNS.get(i) + "'" + hint);
            }
        }
    }

    private static void checkInteger(String v, String column, long line) {
        try {
            Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + column + " '" + shown(v) + "' is not an integer");
        }
    }

    private static void checkNumber(String v, String column, long line) {
        try {
            Num.parse(v);
        } catch (NumberFormatException e) {
            String hint = v.contains(",") ? " (decimal comma: run JMH with -Duser.language=en)" : "";
            throw new IllegalArgumentException("line " + line + ": " + column + " '" + shown(v) + "' is not a number"
                    + hint);
        }
    }
}
