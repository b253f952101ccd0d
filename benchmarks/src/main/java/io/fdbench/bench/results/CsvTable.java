package io.fdbench.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A CSV file in memory: a header and rows of the same width, cells kept as the text that was read
 * (so numbers round-trip exactly). Immutable.
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public CsvTable {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + row.size()
                        + " cells, the header has " + header.size());
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** The index of a column, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** A table with {@code names} appended; {@code values} gives their cells for each row. */
    public CsvTable withColumns(List<String> names, Function<List<String>, List<String>> values) {
        for (String n : names) {
            if (header.contains(n)) {
                throw new IllegalArgumentException("column '" + n + "' already exists");
            }
        }
        List<String> h = new ArrayList<>(header);
        h.addAll(names);
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> extra = values.apply(row);
            if (extra.size() != names.size()) {
                throw new IllegalStateException("expected " + names.size() + " derived cells, got " + extra.size());
            }
            List<String> r = new ArrayList<>(row);
            r.addAll(extra);
            out.add(r);
        }
        return new CsvTable(h, out);
    }
}
