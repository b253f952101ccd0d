package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where runs live: the committed baseline flat in {@code results/}, and each suite run in its
 * own {@code results/runs/<yyyyMMdd>-<HHmmss>-<shortcommit>/} with the same file names inside
 * ({@code kernel.csv}, {@code kernel-env.csv}, ...). Names sort by time, so the newest run is the
 * last by name; {@value #LATEST} names it wherever a run is expected.
 */
public final class RunFolders {

    /** The word that names the newest run. */
    public static final String LATEST = "latest";

    /** The sub-folder of the results folder that holds the runs. */
    public static final String RUNS = "runs";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_NAME = Pattern.compile("\\d{8}-\\d{6}(-[A-Za-z0-9._-]+)?");

    private final Path results;

    /** The runs of a results folder ({@code results/} by default in the commands). */
    public RunFolders(Path results) {
        this.results = results;
    }

    /** The committed baseline: the results folder itself. */
    public Path baseline() {
        return results;
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
        return "no run in " + runsDir() + " yet: make one with scripts/run-suite.sh (or java -jar"
                + " benchmarks/target/benchmarks.jar), which writes " + runsDir() + "/<yyyyMMdd>-<HHmmss>-<commit>/";
    }
}
