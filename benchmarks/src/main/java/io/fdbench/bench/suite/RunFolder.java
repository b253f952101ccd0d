package io.fdbench.bench.suite;

import io.fdbench.bench.results.Environment;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a suite run writes when {@code --out} is not given: its own folder
 * {@code results/runs/<yyyyMMdd>-<HHmmss>-<commit>/}, with the same file names inside every run
 * ({@code kernel.csv}, {@code kernel-env.csv}, ...), beside the committed baseline in
 * {@code results/} and never mixed into it.
 */
final class RunFolder {

    static final Path RUNS = Path.of("results", "runs");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {
    }

    /** A new run folder's path (not created) for now and the working tree's commit. */
    static Path next(LocalDateTime now) {
        String commit = Environment.git("rev-parse", "--short", "HEAD").orElse("nogit");
        return RUNS.resolve(now.format(STAMP) + "-" + commit);
    }
}
