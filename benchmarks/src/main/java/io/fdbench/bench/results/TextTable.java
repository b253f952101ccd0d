package io.fdbench.bench.results;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** Console tables: every column padded to its widest cell, columns two spaces apart. */
public final class TextTable {

    private TextTable() {
    }

    /** Prints the rows (the first is the header); columns for which {@code rightAligned} holds are right-aligned. */
    public static void print(List<String[]> rows, IntPredicate rightAligned, PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] w = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String fmt = "%" + (rightAligned.test(i) ? "" : "-") + Math.max(1, w[i]) + "s";
                sb.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, fmt, row[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** {@code Class.method} of a fully qualified benchmark name. */
    public static String shortName(String benchmark) {
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }
}
