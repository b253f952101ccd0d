package io.fdbench.bench.family;

import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.EnvFile;
import io.fdbench.bench.results.JmhResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The result tables of one run folder, by file stem ({@code kernel}, {@code gradient},
 * {@code peers}, ...), with the key/value maps of their {@code -env.csv} siblings: what a
 * family's charts, derived files and ratio lines read.
 *
 * @param folder where the files are
 * @param tables every {@code <stem>.csv} that is not an env file, by stem (or JMH's
 *               {@code <stem>.json} where there is no CSV)
 * @param envs   every {@code <stem>-env.csv}, by the stem of the file it describes
 */
public record RunTables(Path folder, Map<String, CsvTable> tables, Map<String, Map<String, String>> envs) {

    public RunTables {
        tables = Map.copyOf(tables);
        envs = Map.copyOf(envs);
    }

    public Optional<CsvTable> table(String stem) {
        return Optional.ofNullable(tables.get(stem));
    }

    /** The env of {@code stem}'s results, empty when the folder has no env file for it. */
    public Map<String, String> env(String stem) {
        return envs.getOrDefault(stem, Map.of());
    }

    /** Where {@code stem}'s figures come from, for the line under a chart's title. */
    public Provenance provenance(String stem) {
        try {
            Path csv = folder.resolve(stem + JmhResults.CSV_SUFFIX);
            Path json = folder.resolve(stem + JmhResults.JSON_SUFFIX);
            return Provenance.read(!Files.isRegularFile(csv) && Files.isRegularFile(json) ? json : csv);
        } catch (IOException e) {
            throw new IllegalArgumentException(folder.resolve(stem + EnvFile.SUFFIX) + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads every CSV of {@code folder} (not its subfolders), env files through {@link EnvFile};
     * JMH JSON files ({@code <stem>.json}) only where no {@code <stem>.csv} exists, without
     * derived columns (see {@link #load(Path, Function)}).
     *
     * @throws IllegalArgumentException naming the file when one cannot be read or parsed
     */
    public static RunTables load(Path folder) {
        return load(folder, stem -> DerivedColumns.NONE);
    }

    /**
     * As {@link #load(Path)}, appending {@code derivedForJson.apply(stem)} to a table read from
     * JMH JSON ({@link JmhResults}): the suite's CSV has its family's derived columns, JMH's JSON
     * has not, so the charts find the same columns whichever format a folder holds.
     */
    public static RunTables load(Path folder, Function<String, DerivedColumns> derivedForJson) {
        Map<String, CsvTable> tables = new LinkedHashMap<>();
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")
                            || JmhResults.isJson(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + ": cannot list: " + e.getMessage());
        }
        List<Path> json = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (JmhResults.isJson(f)) {
                json.add(f);
                continue;
            }
            if (EnvFile.isEnvFile(f)) {
                envs.put(name.substring(0, name.length() - EnvFile.SUFFIX.length()), EnvFile.read(f));
                continue;
            }
            try {
                tables.put(name.substring(0, name.length() - ".csv".length()), Csv.parse(Files.readString(f)));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(f + ": not UTF-8 text");
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(f + ": not a CSV table: " + e.getMessage());
            }
        }
        for (Path f : json) {
            String stem = JmhResults.stem(f);
            if (tables.containsKey(stem)) {
                continue; // the suite wrote both; the CSV has the derived columns
            }
            try {
                tables.put(stem, DerivedColumns.apply(JmhResults.read(f), derivedForJson.apply(stem)));
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage());
            }
        }
        return new RunTables(folder, tables, envs);
    }
}
