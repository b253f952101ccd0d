package io.fdbench.bench.history;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results folder read for the history: its JMH result tables and every env file.
 *
 * @param key     the run's identity: the SHA-256 (hex) of its env files, names and bytes; the same
 *                folder read twice has the same key, so recording it twice is refused
 * @param folder  the folder it was read from
 * @param tables  its JMH result CSVs, by file name
 * @param envs    every {@code <stem>-env.csv}, by stem, as key/value maps
 * @param skipped CSV files that are not JMH result tables (sweep tables, derived files), with the reason
 */
public record RunRecord(String key, Path folder, List<ResultTable> tables, Map<String, Map<String, String>> envs,
                        List<String> skipped) {

    public RunRecord {
        tables = List.copyOf(tables);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        envs.forEach((stem, env) -> copy.put(stem, Collections.unmodifiableMap(new LinkedHashMap<>(env))));
        envs = Collections.unmodifiableMap(copy);
        skipped = List.copyOf(skipped);
    }

    /** The key as shown to people: its first 12 hex digits. */
    public String shortKey() {
        return key.substring(0, 12);
    }

    /** How many result rows the tables hold. */
    public int rowCount() {
        return tables.stream().mapToInt(t -> t.rows().size()).sum();
    }

    /** The commit most tables name (the first table's when tied), for the run as a whole. */
    public String commit() {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ResultTable t : tables) {
            votes.merge(t.commit(), 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("unknown");
    }
}
