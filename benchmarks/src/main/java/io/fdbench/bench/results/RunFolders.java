package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where runs live: every run, the project's committed ones and a user's own, in its own
 * {@code results/runs/<yyyyMMdd>-<HHmmss>-<shortcommit>/} with the same file names inside
 * ({@code kernel.csv}, {@code kernel-env.csv}, ...). Names sort by time, so the newest run is the
 * last by name; {@value #LATEST} names it wherever a run is expected. The baseline is one of
 * those runs, named by the one-line pointer file {@code results/}{@value #BASELINE}, so moving
 * the baseline is a one-line change and no run is ever copied over another.
 */
public final class RunFolders {

    /** The word that names the newest run. */
    public static final String LATEST = "latest";

    /** The sub-folder of the results folder that holds the runs. */
    public static final String RUNS = "runs";

    /** The pointer file in the results folder that names the baseline run. */
    public static final String BASELINE = "baseline";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_NAME = Pattern.compile("\\d{8}-\\d{6}(-[A-Za-z0-9._-]+)?");

    private final Path results;

    /** The runs of a results folder ({@code results/} by default in the commands). */
    public RunFolders(Path results) {
        this.results = results;
    }

    /** The pointer file, {@code <results>/baseline}. */
    public Path baselineFile() {
        return results.resolve(BASELINE);
    }

    /**
     * The baseline run: the folder under {@code runs/} that {@code <results>/baseline} names
     * (one line, a run's name). Throws {@link ResultFileException} with a one-line message naming
     * the pointer file when it is missing, unreadable, not one run name, or names no folder.
     */
    public Path baseline() {
        Path pointer = baselineFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(pointer, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new ResultFileException(pointer, ResultFileException.describe(e)
                    + " (it names the baseline run, one folder of " + runsDir() + "; docs/results.md)");
        }
        if (lines.size() != 1) {
            throw new ResultFileException(pointer, (lines.isEmpty() ? "empty" : lines.size() + " lines")
                    + ": expected one line, the name of the baseline run (a folder of " + runsDir() + ")");
        }
        String name = lines.get(0);
        if (!isRunName(name)) {
            throw new ResultFileException(pointer, "'" + name + "' is not a run name (yyyyMMdd-HHmmss-commit,"
                    + " a folder of " + runsDir() + ")");
        }
        Path run = runsDir().resolve(name);
        if (!Files.isDirectory(run)) {
            throw new ResultFileException(pointer, "names " + name + ", but " + run + " is not a folder");
        }
        return run;
    }

    /** The folder holding the runs, {@code <results>/runs}. */
    public Path runsDir() {
        return results.resolve(RUNS);
    }

    /** A run folder's name, e.g. {@code 20261124-101500-1b3e658}. */
    public static String runName(LocalDateTime start, String shortCommit) {
        return STAMP.format(start) + "-" + shortCommit;
    }

    /** Whether a folder name has a run's shape ({@code yyyyMMdd-HHmmss[-commit]}). */
    public static boolean isRunName(String name) {
        return RUN_NAME.matcher(name).matches();
    }

    /** The run folders, oldest first (by name); empty when there is no {@code runs/} folder. */
    public List<Path> list() throws IOException {
        Path dir = runsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isRunName(p.getFileName().toString()) && Files.isDirectory(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    /** The newest run, if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> runs = list();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /**
     * What a command-line word names: {@value #LATEST} (the newest run), an existing file or
     * folder, or the name of a run under {@code runs/}. Throws {@link IllegalArgumentException}
     * with a one-line message (saying how to make a run when there is none) otherwise.
     */
    public Path resolve(String word) throws IOException {
        if (word.equals(LATEST)) {
            return latest().orElseThrow(() -> new IllegalArgumentException(noRunYet()));
        }
        Path p = Path.of(word);
        if (Files.exists(p)) {
            return p;
        }
        Path run = runsDir().resolve(word);
        if (isRunName(word) && Files.isDirectory(run)) {
            return run;
        }
        throw new IllegalArgumentException("no such file, folder or run (runs are the folders in " + runsDir() + ")");
    }

    /** The message for a missing run. */
    public String noRunYet() {
        return "no run in " + runsDir() + " yet: " + howToMakeRun();
    }

    /** How to make a run, for messages that need one. */
    public String howToMakeRun() {
        return "make one with scripts/run-suite.sh (or java -jar benchmarks/target/benchmarks.jar), which writes "
                + runsDir() + "/<yyyyMMdd>-<HHmmss>-<commit>/";
    }
}
