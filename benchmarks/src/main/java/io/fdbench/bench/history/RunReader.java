package io.fdbench.bench.history;

import io.fdbench.bench.results.CsvReader;
import io.fdbench.bench.results.EnvFile;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhCsvReader;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.ResultFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a results folder (the committed {@code results/} or a run folder {@code results/runs/<run>/})
 * into a {@link RunRecord}: every CSV with JMH's columns becomes a {@link ResultTable} described by
 * the env file beside it. Other CSVs (the step-size sweep, derived files) and a JMH table without
 * env file (an old hand-made {@code -prof} run) are listed as skipped, with the reason, and
 * {@code record} prints that list; a folder without any env file, or with no JMH table described
 * by one, is refused.
 * Everything is read and checked before anything is stored, so a bad folder writes nothing.
 * Problems are {@link ResultFileException}s (exit 2) naming the file.
 */
public final class RunReader {

    /** The peers' env writes dates as {@code 2026-11-29T16:33:09+0000}. */
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT);

    private RunReader() {
    }

    /** Reads {@code folder}; see the class comment. */
    public static RunRecord read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ResultFileException(folder, Files.exists(folder) ? "not a folder (record takes results folders)"
                    : "no such folder");
        }
        List<Path> csvs;
        try (Stream<Path> s = Files.list(folder)) {
            csvs = s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw ResultFileException.of(folder, e);
        }
        List<Path> envFiles = csvs.stream().filter(EnvFile::isEnvFile).toList();
        if (envFiles.isEmpty()) {
            throw new ResultFileException(folder, "no env file (<family>-env.csv): not a results folder of the suite;"
                    + " a run is identified and described by its env files");
        }
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (Path env : envFiles) {
            String name = env.getFileName().toString();
            envs.put(name.substring(0, name.length() - EnvFile.SUFFIX.length()), EnvFile.read(env));
        }
        List<ResultTable> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path csv : csvs) {
            if (EnvFile.isEnvFile(csv)) {
                continue;
            }
            String name = csv.getFileName().toString();
            String stem = name.substring(0, name.length() - ".csv".length());
            if (!isJmhTable(csv)) {
                skipped.add(name + " (not a JMH result table)");
                continue;
            }
            Map<String, String> env = envs.get(stem);
            if (env == null) {
                skipped.add(name + " (no env file " + stem + EnvFile.SUFFIX + ": its commit, date and machine are unknown)");
                continue;
            }
            Path envFile = EnvFile.beside(csv);
            tables.add(new ResultTable(stem, Machine.of(env), commit(env), "true".equals(env.get("git.dirty")),
                    date(env, envFile), profile(env), rows(csv)));
        }
        if (tables.isEmpty()) {
            throw new ResultFileException(folder, "no JMH result table (a CSV with JMH's columns and an env file) to record"
                    + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped)));
        }
        return new RunRecord(key(envFiles), folder, tables, envs, skipped);
    }

    /** Whether the first record of {@code csv} is a JMH header. */
    private static boolean isJmhTable(Path csv) {
        try (CsvReader r = CsvReader.open(csv)) {
            List<String> header = r.next();
            return header != null && JmhCsvReader.isJmhHeader(header);
        } catch (IOException | RuntimeException e) {
            throw new ResultFileException(csv, e instanceof IOException io ? ResultFileException.describe(io)
                    : String.valueOf(e.getMessage()));
        }
    }

    private static List<ResultRow> rows(Path csv) {
        List<ResultRow> rows = new ArrayList<>();
        try (JmhCsvReader r = JmhCsvReader.open(csv)) {
            List<String> header = r.header();
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                Map<String, String> params = new LinkedHashMap<>();
                Map<String, String> derived = new LinkedHashMap<>();
                for (int i = JmhCsv.COLUMNS.size(); i < header.size(); i++) {
                    String column = header.get(i);
                    String cell = row.cells().get(i);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    if (column.startsWith(JmhCsv.PARAM_PREFIX)) {
                        params.put(column.substring(JmhCsv.PARAM_PREFIX.length()), cell);
                    } else {
                        derived.put(column, cell);
                    }
                }
                long samples = Long.parseLong(row.cell("Samples"));
                long threads = Long.parseLong(row.cell("Threads"));
                if (threads < 0 || threads > Integer.MAX_VALUE || samples < 0) {
                    throw new IllegalArgumentException("line " + r.line() + ": Threads " + threads + " or Samples "
                            + samples + " out of range");
                }
                rows.add(new ResultRow(r.line(), row.benchmark(), row.mode(), (int) threads, samples, row.score(),
                        row.scoreError(), row.unit(), params, derived));
            }
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(csv, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(csv, e);
        }
        return rows;
    }

    private static String profile(Map<String, String> env) {
        String p = env.getOrDefault("profile", env.get("runner.mode"));
        return p == null || p.isBlank() ? "unknown" : p.strip();
    }

    private static String commit(Map<String, String> env) {
        String c = env.get("git.commit");
        return c == null || c.isBlank() ? "unknown" : c.strip();
    }

    /** The env's {@code date} (or the peers' {@code runner.date}) as an instant. */
    static Instant date(Map<String, String> env, Path envFile) {
        String key = env.containsKey("date") ? "date" : "runner.date";
        String text = env.get(key);
        if (text == null || text.isBlank()) {
            throw new ResultFileException(envFile, "no 'date' entry: the run cannot be placed in time");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip(), COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ResultFileException(envFile, key + " '" + JmhCsvReader.shown(text)
                        + "' is not an ISO-8601 date with offset (like 2026-11-29T16:57:54Z)");
            }
        }
    }

    /** SHA-256 over each env file's name and bytes, in name order. */
    private static String key(List<Path> envFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path env : envFiles) {
                sha.update(env.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(env));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (IOException e) {
            throw ResultFileException.of(envFiles.get(0).getParent(), e);
        }
    }
}
