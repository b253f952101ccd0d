package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment file beside a result file ({@code kernel.csv} → {@code kernel-env.csv}), read
 * as a map. Two shapes exist: the suite's {@code key,value} and the peers'
 * {@code Scope,Key,Value}; in the latter, keys of the scope {@code run} are kept bare and the
 * others are prefixed with their scope and a space ({@code numpy/float/threads=1 cpu}).
 */
public final class EnvFile {

    /** The suffix that turns a result file's stem into its env file's name. */
    public static final String SUFFIX = "-env.csv";

    private EnvFile() {
    }

    /** The env file that belongs to {@code resultFile}, a CSV or JMH JSON (it may not exist). */
    public static Path beside(Path resultFile) {
        String n = resultFile.getFileName().toString();
        String stem = n.endsWith(".csv") ? n.substring(0, n.length() - ".csv".length())
                : n.endsWith(".json") ? n.substring(0, n.length() - ".json".length()) : n;
        return resultFile.resolveSibling(stem + SUFFIX);
    }

    /** Whether a file name is an env file's. */
    public static boolean isEnvFile(Path file) {
        return file.getFileName().toString().endsWith(SUFFIX);
    }

    /** The env of {@code resultFile}, or empty when it has no env file; a bad env file is an error naming it. */
    public static Optional<Map<String, String>> of(Path resultFile) {
        Path env = beside(resultFile);
        return Files.isRegularFile(env) ? Optional.of(read(env)) : Optional.empty();
    }

    /** Reads an env file (streamed, strict UTF-8); throws {@link ResultFileException} naming it. */
    public static Map<String, String> read(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try (CsvReader r = CsvReader.open(file)) {
            List<String> header = r.next();
            if (header == null) {
                throw new ResultFileException(file, "empty file, not an env file");
            }
            boolean scoped = header.size() == 3;
            if (!scoped && header.size() != 2) {
                throw new ResultFileException(file, "line 1: not an env file: expected the columns key,value"
                        + " or Scope,Key,Value, found " + header.size() + " columns");
            }
            for (List<String> row = r.next(); row != null; row = r.next()) {
                if (row.size() != header.size()) {
                    throw new ResultFileException(file, "line " + r.line() + ": " + row.size()
                            + " cells, the header has " + header.size());
                }
                if (scoped) {
                    env.put(row.get(0).equals("run") ? row.get(1) : row.get(0) + " " + row.get(1), row.get(2));
                } else {
                    env.put(row.get(0), row.get(1));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(file, e);
        }
        return env;
    }
}
