package io.fdbench.bench.cli;

import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.RunFolders;

import java.nio.file.Path;
import java.time.LocalDateTime;

/** The flags every file-writing subcommand shares, declared and read the same way everywhere. */
public final class CommonFlags {

    /** The results folder: the committed baseline, with every run in its {@code runs/} folder. */
    public static final Path DEFAULT_OUT = Path.of("results");

    private CommonFlags() {
    }

    /** Declares {@code --out DIR} and {@code --quick}. */
    public static Flags output(Flags flags) {
        return flags
                .value("out", "DIR", "folder for result files (default: a new run folder"
                        + " results/runs/<yyyyMMdd>-<HHmmss>-<commit>/; created if missing; existing files are"
                        + " never overwritten)")
                .flag("quick", "short smoke-test profile instead of the full one");
    }

    /**
     * The checked {@code --out} folder, or else a new run folder of its own
     * ({@code results/runs/<yyyyMMdd>-<HHmmss>-<commit>/}, see {@link RunFolders}), so a run never
     * mixes its files into the committed baseline and {@code compare}/{@code report} find it as
     * {@code latest}.
     */
    public static Path outDir(Flags.Parsed flags) {
        if (flags.has("out")) {
            return flags.outputDirectory("out", DEFAULT_OUT);
        }
        String commit = Environment.git("rev-parse", "--short", "HEAD").orElse("nogit");
        return new RunFolders(DEFAULT_OUT).runsDir().resolve(RunFolders.runName(LocalDateTime.now(), commit));
    }
}
