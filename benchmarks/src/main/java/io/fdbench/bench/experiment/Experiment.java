package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Flags;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** One experiment of the {@code experiment} command: its name, its own flags, and the run. */
interface Experiment {

    /** The word after {@code experiment}, e.g. {@code classic}; also the file stem {@code experiment-<name>}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Declares the flags only this experiment reads ({@code --out} and {@code --quick} are common). */
    Flags declare(Flags flags);

    /** Runs into {@code dir} and returns the exit code. */
    int run(Flags.Parsed flags, Path dir, PrintStream out, PrintStream err) throws IOException;

    /** The file stem of the experiment's results. */
    default String stem() {
        return "experiment-" + name();
    }
}
