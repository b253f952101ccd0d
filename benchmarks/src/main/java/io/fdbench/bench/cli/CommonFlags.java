package io.fdbench.bench.cli;

import java.nio.file.Path;

/** The flags every file-writing subcommand shares, declared and read the same way everywhere. */
public final class CommonFlags {

    /** Default output folder, relative to the working directory. */
    public static final Path DEFAULT_OUT = Path.of("results");

    private CommonFlags() {
    }

    /** Declares {@code --out DIR} and {@code --quick}. */
    public static Flags output(Flags flags) {
        return flags
                .value("out", "DIR", "folder for result files (default: results/; created if missing;"
                        + " existing files are never overwritten)")
                .flag("quick", "short smoke-test profile instead of the full one");
    }

    /** The checked {@code --out} folder. */
    public static Path outDir(Flags.Parsed flags) {
        return flags.outputDirectory("out", DEFAULT_OUT);
    }
}
