package io.fdbench.bench.report;

import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a results folder the report reads, each read once, and the list of those it
 * looked for and did not find, with what their absence costs the report.
 */
final class ReportInputs {

    private final Path dir;
    private final Map<String, CsvTable> tables = new LinkedHashMap<>();
    private final Map<String, Provenance> provenance = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    ReportInputs(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * The table of {@code file}, or null when the folder lacks it (then noted as missing with
     * {@code consequence}). A file that is not CSV is a usage error naming it.
     */
    CsvTable table(String file, String consequence) throws IOException {
        if (tables.containsKey(file)) {
            return tables.get(file);
        }
        Path p = dir.resolve(file);
        CsvTable t = null;
        if (Files.isRegularFile(p)) {
            try {
                t = Csv.parse(Files.readString(p, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new UsageException(p.toString(), "cannot be read: " + e.getMessage());
            }
        } else {
            missing.add(file + ": " + consequence);
        }
        tables.put(file, t);
        return t;
    }

    /** The provenance of a results file from its env file; a missing env file is noted. */
    Provenance provenance(String resultsFile) throws IOException {
        Provenance p = provenance.get(resultsFile);
        if (p != null) {
            return p;
        }
        Path results = dir.resolve(resultsFile);
        try {
            p = Provenance.read(results);
        } catch (RuntimeException e) {
            throw new UsageException(results.resolveSibling(Provenance.envFileName(resultsFile)).toString(),
                    "cannot be read: " + e.getMessage());
        }
        if (!p.hasEnv()) {
            missing.add(Provenance.envFileName(resultsFile) + ": the charts of " + resultsFile
                    + " say \"no env file\" (date, commit, profile, JDK and kernel unknown)");
        }
        provenance.put(resultsFile, p);
        return p;
    }

    /** "file: what is left out" for each file looked for and not found, in the order asked. */
    List<String> missing() {
        return List.copyOf(missing);
    }
}
