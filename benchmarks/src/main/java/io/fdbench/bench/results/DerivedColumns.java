package io.fdbench.bench.results;

import java.util.List;
import java.util.function.Function;

/**
 * A benchmark family's extra CSV columns, computed from each JMH row (its parameters, score and
 * unit) and appended after JMH's own columns. Rows where a column does not apply (secondary
 * {@code -prof gc} rows, unknown parameter values) get an empty cell.
 */
public interface DerivedColumns {

    /** Column names, appended in this order; they must not clash with JMH's. */
    List<String> names();

    /** One cell per name for this row: a number formatted by {@link Num#format} or {@code ""}. */
    List<String> values(JmhRow row);

    /** No derived columns. */
    DerivedColumns NONE = of(List.of(), row -> List.of());

    static DerivedColumns of(List<String> names, Function<JmhRow, List<String>> values) {
        List<String> copy = List.copyOf(names);
        return new DerivedColumns() {
            @Override
            public List<String> names() {
                return copy;
            }

            @Override
            public List<String> values(JmhRow row) {
                return values.apply(row);
            }
        };
    }

    /** Appends the derived columns to a JMH table. */
    static CsvTable apply(CsvTable jmh, DerivedColumns derived) {
        return jmh.withColumns(derived.names(), cells -> derived.values(new JmhRow(jmh, cells)));
    }
}
