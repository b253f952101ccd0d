package io.fdbench.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * RFC 4180 reading and writing: quoted cells with doubled quotes, commas and line breaks inside
 * quotes, CRLF, LF or CR line ends. Writing uses CRLF like JMH.
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
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1;
        }
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted cell at end of CSV");
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
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
