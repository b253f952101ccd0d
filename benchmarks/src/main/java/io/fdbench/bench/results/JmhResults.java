package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides how a JMH result file is read, by its name: {@code *.json} is JMH's
 * JSON ({@link JmhJsonReader}), anything else JMH's CSV ({@link JmhCsvReader}). Both give the
 * same rows for the same run, so {@code compare}, {@code report} and {@code record} take either.
 */
public final class JmhResults {

    /** The suffix of JMH's JSON result files. */
    public static final String JSON_SUFFIX = ".json";
    /** The suffix of JMH's CSV result files. */
    public static final String CSV_SUFFIX = ".csv";

    private JmhResults() {
    }

    /** Whether a file is read as JMH JSON. */
    public static boolean isJson(Path file) {
        return file.getFileName().toString().endsWith(JSON_SUFFIX);
    }

    /**
     * Whether a file in a results folder holds results: a {@code .csv} that is not an env file, or a
     * {@code .json}; never a hidden file (an unfinished write).
     */
    public static boolean isResultFile(Path file) {
        String n = file.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(JSON_SUFFIX) || n.endsWith(CSV_SUFFIX) && !EnvFile.isEnvFile(file));
    }

    /** The file's name without {@code .csv} or {@code .json}. */
    public static String stem(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(JSON_SUFFIX)) {
            return n.substring(0, n.length() - JSON_SUFFIX.length());
        }
        return n.endsWith(CSV_SUFFIX) ? n.substring(0, n.length() - CSV_SUFFIX.length()) : n;
    }

    /**
     * Opens a result file's rows, checked; problems are {@link IllegalArgumentException}s starting
     * with {@code line N:} (the caller adds the file).
     */
    public static JmhRowSource open(Path file) throws IOException {
        return isJson(file) ? JmhJsonReader.open(file) : JmhCsvReader.open(file);
    }

    /** A whole result file as a table (for a suite CSV, with its derived columns). */
    public static CsvTable read(Path file) throws IOException {
        try (JmhRowSource r = open(file)) {
            List<List<String>> rows = new ArrayList<>();
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                rows.add(row.cells());
            }
            return new CsvTable(r.header(), rows);
        }
    }
}
