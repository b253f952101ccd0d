package io.fdbench.bench.suite;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.RunFolders;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Where a suite run writes when {@code --out} is not given: its own folder
 * {@code results/runs/<yyyyMMdd>-<HHmmss>-<commit>/} ({@link RunFolders}), with the same file names
 * inside every run ({@code kernel.csv}, {@code kernel-env.csv}, ...), beside the committed
 * baseline in {@code results/} and never mixed into it; {@code compare} and {@code report} find
 * the newest one as {@code latest}.
 */
final class RunFolder {

    private RunFolder() {
    }

    /** A new run folder's path (not created) for now and the working tree's commit. */
    static Path next(LocalDateTime now) {
        String commit = Environment.git("rev-parse", "--short", "HEAD").orElse("nogit");
        return new RunFolders(CommonFlags.DEFAULT_OUT).runsDir().resolve(RunFolders.runName(now, commit));
    }
}
