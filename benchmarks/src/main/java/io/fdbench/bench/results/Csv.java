package io.fdbench.bench.results;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * RFC 4180 reading and writing of small in-memory CSV (the parsing is {@link CsvReader}'s: quoted
 * cells with doubled quotes, commas and line breaks inside quotes, CRLF, LF or CR line ends).
 * Writing uses CRLF like JMH. Files of any size are streamed with {@link CsvReader#open}.
 */
public final class Csv {

    /** The line end JMH writes and fdbench keeps. */
    public static final String EOL = "\r\n";

    private Csv() {
    }

    /** Parses CSV text into a header (first record) and rows; blank trailing lines are ignored. */
    public static CsvTable parse(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("empty CSV");
        }
        return new CsvTable(records.get(0), records.subList(1, records.size()));
    }

    static List<List<String>> records(String text) {
        return CsvReader.records(text);
    }

    /**
     * Writes a table with CRLF line ends. {@code quote.test(column, cell)} decides which cells get
     * quotes; cells containing a comma, quote or line break are always quoted.
     */
    public static String format(CsvTable table, BiPredicate<String, String> quote) {
        StringBuilder sb = new StringBuilder();
        appendRecord(sb, table.header(), table.header(), (c, v) -> true);
        for (List<String> row : table.rows()) {
            appendRecord(sb, table.header(), row, quote);
        }
        return sb.toString();
    }

    private static void appendRecord(StringBuilder sb, List<String> header, List<String> cells,
                                     BiPredicate<String, String> quote) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = cells.get(i);
            boolean must = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            if (must || quote.test(header.get(i), v)) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append(EOL);
    }
}
