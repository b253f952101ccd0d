package io.fdbench.bench.chart;

import java.util.List;

/**
 * A table of the report page: a title, a header, rows of text cells and a note under it.
 *
 * @param title  the headline, with the unit and precision
 * @param header column names
 * @param rows   cells, each row as wide as the header
 * @param note   what the cells mean (intervals, marks), or ""
 */
public record KeyTable(String title, List<String> header, List<List<String>> rows, String note) {

    public KeyTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, the header " + header.size());
            }
        }
    }
}
